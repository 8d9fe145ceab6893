// Honest delivery: the engaged groups a status update reached nobody in (no channel configured), with
// the reason. Such an update is shown as not delivered to them and does not count on their cadence clock.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [sql`alter table incident_updates add column not_delivered jsonb not null default '[]'`]);
}
