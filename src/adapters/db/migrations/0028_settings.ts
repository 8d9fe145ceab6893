// Settings an admin changes in the app (Admin → Setup): one row per setting saved, the value as text
// (the same text as its environment variable). An environment variable, when set, wins over a row.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table settings (
      key text primary key,
      value text not null,
      updated_by text not null,
      updated_by_id uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    )`,
  ]);
}
