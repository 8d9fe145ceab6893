// The incident channel in chat: each person's chat handle (a Slack user id or a Mattermost user
// name), the channel opened for each incident with its state, and the chat messages already sent
// (by key, so a retried job never posts twice).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table users add column chat_handle text`,
    sql`create unique index users_chat_handle on users (lower(chat_handle)) where chat_handle is not null`,
    sql`create table incident_channels (
      incident_id uuid primary key references incidents(id) on delete cascade,
      platform text not null,
      name text not null,
      state text not null check (state in ('creating', 'open', 'failed')),
      channel_id text,
      url text,
      error text,
      retry_at timestamptz,
      updated_at timestamptz not null default now()
    )`,
    sql`create table chat_messages (
      key text primary key,
      incident_id uuid references incidents(id) on delete cascade,
      target text not null,
      ref text not null,
      sent_at timestamptz not null default now()
    )`,
  ]);
}
