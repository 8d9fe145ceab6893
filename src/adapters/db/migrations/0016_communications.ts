// External communications of incidents: the plan (decisions, extended-team tasks, attached lists,
// rounds, customers-first overrides), communications (one per channel per round, or a holding
// statement without an incident) with versions and comments, the sent snapshots (append-only) and
// the settings (who drafts, reviews and sends each channel; the security notices list).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

const CHANNEL = sql`('customer_email', 'blog_post', 'security_alert', 'customer_faq', 'social_post', 'status_page', 'press_statement')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table comms_plans (
      incident_id uuid primary key references incidents(id) on delete cascade,
      scope text,
      frequency_minutes integer check (frequency_minutes between 15 and 10080),
      scope_decided_by text,
      scope_decided_at timestamptz,
      channels jsonb not null default '[]',
      medium_decided_by text,
      medium_decided_at timestamptz,
      all_clear_at timestamptz
    )`,
    sql`create table comms_tasks (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      team text not null check (team in ('marketing_programs', 'marketing_ops', 'support', 'community_advocates')),
      title text not null,
      owner_id uuid references users(id) on delete set null,
      due_at timestamptz,
      done_at timestamptz,
      created_by text not null,
      created_at timestamptz not null
    )`,
    sql`create index comms_tasks_incident on comms_tasks (incident_id, created_at)`,
    sql`create table comms_lists (
      incident_id uuid not null references incidents(id) on delete cascade,
      audience text not null check (audience in ('users', 'customers')),
      list_id uuid not null references distribution_lists(id),
      attached_by text not null,
      attached_at timestamptz not null,
      primary key (incident_id, audience)
    )`,
    sql`create table comms_rounds (
      incident_id uuid not null references incidents(id) on delete cascade,
      number integer not null check (number >= 1),
      final boolean not null default false,
      started_by text not null,
      started_at timestamptz not null,
      primary key (incident_id, number)
    )`,
    sql`create table comms_overrides (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      round integer not null,
      channel text not null check (channel in ${CHANNEL}),
      reason text not null,
      by_id uuid,
      by_label text not null,
      at timestamptz not null,
      unique (incident_id, round, channel)
    )`,
    sql`create table comms_settings (
      key text primary key,
      value jsonb not null,
      updated_by text not null,
      updated_at timestamptz not null
    )`,
    sql`create table communications (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid references incidents(id) on delete cascade,
      round integer not null default 0,
      channel text not null check (channel in ${CHANNEL}),
      title text,
      current_version integer not null default 1,
      approved_version integer,
      approver_id uuid,
      approver text,
      approved_at timestamptz,
      holding_statement_id uuid references communications(id),
      send_id uuid references sends(id),
      test_send_id uuid references sends(id),
      published_url text,
      publish_state text not null default 'none' check (publish_state in ('none', 'pending', 'published', 'failed')),
      publish_error text,
      created_by text not null,
      created_at timestamptz not null
    )`,
    sql`create unique index communications_round_channel on communications (incident_id, round, channel) where incident_id is not null`,
    sql`create table comms_versions (
      communication_id uuid not null references communications(id) on delete cascade,
      version integer not null,
      subject text not null,
      body text not null,
      author_id uuid,
      author text not null,
      created_at timestamptz not null,
      primary key (communication_id, version)
    )`,
    sql`create table comms_comments (
      id uuid primary key default gen_random_uuid(),
      communication_id uuid not null references communications(id) on delete cascade,
      version integer not null,
      author_id uuid,
      author text not null,
      body text not null,
      created_at timestamptz not null
    )`,
    sql`create index comms_comments_communication on comms_comments (communication_id, created_at)`,
    sql`create table comms_sent (
      communication_id uuid primary key references communications(id),
      version integer not null,
      subject text not null,
      body text not null,
      content_hash text not null,
      approved_version integer not null,
      approver text not null,
      approver_id uuid,
      sender text not null,
      sender_id uuid,
      sent_at timestamptz not null,
      details jsonb not null default '{}'
    )`,
    // What went out is never changed: the snapshot is written once.
    sql`create function comms_sent_immutable() returns trigger language plpgsql as $$
      begin raise exception 'comms_sent is append-only'; end $$`,
    sql`create trigger comms_sent_no_change before update or delete on comms_sent
      for each row execute function comms_sent_immutable()`,
  ]);
}
