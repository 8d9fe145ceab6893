// A fresh, private database for one test file: PGlite in memory (or in a given directory), or a
// new database on the PostgreSQL server, chosen by SECDESK_TEST_ENGINE (pglite | postgres).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestEngine = 'pglite' | 'postgres';
export const TEST_ENGINE: TestEngine = process.env.SECDESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const PG_ADMIN_URL = process.env.SECDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Creates an empty database on the PostgreSQL server and returns its URL and a way to drop it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `secdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestDatabase {
  /** Config fragment that points secdesk at this database. */
  env: Record<string, string>;
  /** For the embedded engine: the data directory option to pass to createApp. */
  embeddedDataDir?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: TestEngine = TEST_ENGINE, dataDir = 'memory://'): Promise<TestDatabase> {
  if (engine === 'postgres') {
    const pgdb = await createPgDatabase();
    return { env: { DATABASE_URL: pgdb.url }, drop: pgdb.drop };
  }
  return { env: {}, embeddedDataDir: dataDir, drop: async () => {} };
}
