// A contact list's own columns (region, account id, …) beyond the fixed ones: the list keeps their
// normalised names, each member and each recipient of a send its row's values, so every column is a
// placeholder ({{region}}) personalised per recipient.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table distribution_lists add column columns text[] not null default '{}'`,
    sql`alter table list_members add column fields jsonb not null default '{}'`,
    sql`alter table send_recipients add column fields jsonb not null default '{}'`,
  ]);
}
