// Distribution lists (impacted parties' contacts), suppressions, and sends with one durable
// delivery row per recipient: the exactly-once fan-out engine claims and settles these rows.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table distribution_lists (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      source text not null,
      member_count integer not null default 0,
      invalid_count integer not null default 0,
      duplicate_count integer not null default 0,
      created_by text not null,
      created_at timestamptz not null default now()
    )`,
    sql`create table list_members (
      list_id uuid not null references distribution_lists(id) on delete cascade,
      seq integer not null,
      email text not null,
      email_key text not null,
      first_name text not null default '',
      last_name text not null default '',
      company text not null default '',
      audience text not null check (audience in ('users', 'customers')),
      primary key (list_id, seq)
    )`,
    sql`create unique index list_members_email on list_members (list_id, email_key)`,
    sql`create table list_rejects (
      list_id uuid not null references distribution_lists(id) on delete cascade,
      line integer not null,
      value text not null,
      reason text not null,
      primary key (list_id, line, value)
    )`,
    sql`create table suppressions (
      email_key text primary key,
      reason text not null check (reason in ('opt_out', 'unsubscribe', 'bounce', 'complaint', 'manual')),
      detail text not null default '',
      created_at timestamptz not null default now()
    )`,
    sql`create table fanout_keys (id integer primary key check (id = 1), unsubscribe_key text not null)`,
    sql`insert into fanout_keys (id, unsubscribe_key) values (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`,
    sql`create table sends (
      id uuid primary key default gen_random_uuid(),
      list_id uuid references distribution_lists(id),
      audience text check (audience in ('users', 'customers')),
      from_address text not null,
      subject text not null,
      body text not null,
      content_hash text not null,
      list_mail boolean not null default false,
      is_test boolean not null default false,
      status text not null check (status in ('draft', 'running', 'paused', 'cancelled', 'done')),
      pause_reason text,
      created_by text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`,
    sql`create index sends_tests on sends (content_hash) where is_test`,
    sql`create table send_recipients (
      send_id uuid not null references sends(id) on delete cascade,
      seq integer not null,
      email text not null,
      email_key text not null,
      domain text not null,
      first_name text not null default '',
      last_name text not null default '',
      company text not null default '',
      state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed', 'suppressed', 'cancelled')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default '-infinity',
      claim_id uuid,
      claimed_until timestamptz,
      committed_at timestamptz,
      unconfirmed boolean not null default false,
      message_id text not null,
      last_error text,
      sent_at timestamptz,
      bounced_at timestamptz,
      primary key (send_id, seq)
    )`,
    sql`create index send_recipients_pending on send_recipients (send_id, next_attempt_at, seq) where state = 'pending'`,
    sql`create index send_recipients_sending on send_recipients (send_id, claimed_until) where state = 'sending'`,
    sql`create index send_recipients_state on send_recipients (send_id, state)`,
    sql`create index send_recipients_message on send_recipients (message_id)`,
    // Progress stays cheap on a million rows: the rate reads only the last seconds, unconfirmed rows are rare.
    sql`create index send_recipients_sent_at on send_recipients (send_id, sent_at) where sent_at is not null`,
    sql`create index send_recipients_unconfirmed on send_recipients (send_id) where unconfirmed`,
  ]);
}
