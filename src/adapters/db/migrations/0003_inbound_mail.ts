// Raw inbound mail, kept byte for byte and addressed by its SHA-256, and what parsing found.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table raw_messages (
      sha256 text primary key,
      size integer not null,
      content bytea not null,
      received_at timestamptz not null default now()
    )`,
    sql`alter table ticket_messages add column raw_sha256 text references raw_messages(sha256)`,
    sql`alter table ticket_messages add column parse_warning text`,
    sql`alter table ticket_messages add column noise_kind text`,
    sql`alter table ticket_messages add column body_html text`,
  ]);
}
