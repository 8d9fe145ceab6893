// Where mail was taken from (so one source message becomes at most one stored message), and how far
// each polled IMAP mailbox has been taken in.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table mail_sources (
      source_key text primary key,
      ticket_id uuid not null references tickets(id) on delete cascade,
      taken_at timestamptz not null default now()
    )`,
    sql`create table imap_mailboxes (
      mailbox text primary key,
      uid_validity bigint not null,
      last_uid bigint not null,
      updated_at timestamptz not null default now()
    )`,
  ]);
}
