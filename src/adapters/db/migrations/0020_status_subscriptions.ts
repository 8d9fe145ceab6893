// Status page subscriptions: e-mail subscribers (double opt-in) and webhooks, the per-address
// subscribe counter, one row per published update handled (so a retried job never sends twice),
// and a per-recipient unsubscribe URL on fan-out recipients (status mail unsubscribes from the page,
// not from every list).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table status_subscribers (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('email', 'webhook')),
      email text not null,
      email_key text not null,
      url text,
      secret text,
      component_slugs text[] not null default '{}',
      state text not null check (state in ('pending', 'confirmed', 'unsubscribed', 'disabled')),
      confirm_token_hash text,
      confirm_expires_at timestamptz,
      confirmed_at timestamptz,
      consecutive_failures integer not null default 0,
      last_failure text,
      disabled_reason text,
      created_ip text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (kind = 'email' or (url is not null and secret is not null))
    )`,
    sql`create unique index status_subscribers_email on status_subscribers (email_key) where kind = 'email'`,
    sql`create unique index status_subscribers_confirm on status_subscribers (confirm_token_hash) where confirm_token_hash is not null`,
    sql`create index status_subscribers_state on status_subscribers (kind, state)`,
    sql`create table status_subscribe_requests (
      email_key text not null,
      at timestamptz not null default now()
    )`,
    sql`create index status_subscribe_requests_key on status_subscribe_requests (email_key, at)`,
    sql`create table status_notifications (
      update_id text primary key,
      send_id uuid references sends(id),
      recipients integer not null,
      webhooks integer not null,
      handled_at timestamptz not null default now()
    )`,
    sql`alter table send_recipients add column unsubscribe_url text`,
  ]);
}
