// The channels chosen for a round (the final one: all clear is reached when each of them is sent).
// Null: the round's channels are what it drafted.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [sql`alter table comms_rounds add column channels jsonb`]);
}
