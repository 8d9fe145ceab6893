import { Migrator, type MigrationResult } from 'kysely/migration';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

export class MigrationError extends Error {}

/** Applies every pending migration in one locked run; safe when several instances start at once. */
export async function migrateToLatest(database: Database): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? String(error)}`);
  }
  return results;
}
