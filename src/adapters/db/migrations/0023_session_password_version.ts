// Sessions are bound to the password's version: changing or resetting a password bumps the user's
// version, and a session made under an older one is no longer accepted (docs/ARCHITECTURE.md).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table users add column password_version integer not null default 1`,
    sql`alter table sessions add column password_version integer not null default 1`,
  ]);
}
