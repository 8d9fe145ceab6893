// Mail templates the team edits, each save a new version; outbound mail records the template
// version it was written from, and a forward carries the original raw message as an attachment.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table message_templates (
      key text primary key,
      current_version integer not null,
      updated_at timestamptz not null default now()
    )`,
    sql`create table message_template_versions (
      key text not null references message_templates(key),
      version integer not null,
      name text not null,
      subject text not null,
      body text not null,
      created_by_id uuid references users(id) on delete set null,
      created_by text not null,
      created_at timestamptz not null default now(),
      primary key (key, version)
    )`,
    sql`alter table ticket_messages add column template_key text`,
    sql`alter table ticket_messages add column template_version integer`,
    sql`alter table ticket_messages add column attached_raw_sha256 text references raw_messages(sha256)`,
  ]);
}
