// Attachment contents of inbound mail, stored once per SHA-256, and each message's attachment list
// (including the ones whose contents were withheld by a cap, with the reason).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table attachment_blobs (
      sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
      size integer not null,
      content bytea not null
    )`,
    sql`create table message_attachments (
      id uuid primary key default gen_random_uuid(),
      message_id uuid not null references ticket_messages(id) on delete cascade,
      position integer not null,
      filename text not null,
      content_type text not null,
      size integer not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      blob_sha256 text references attachment_blobs(sha256),
      withheld_reason text,
      check ((blob_sha256 is null) = (withheld_reason is not null)),
      unique (message_id, position)
    )`,
    sql`create index message_attachments_sha256 on message_attachments (sha256)`,
  ]);
}
