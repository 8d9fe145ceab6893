// The core of the security inbox (tickets and their messages) and of incidents (with a timeline).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create sequence ticket_number_seq start 1001`,
    sql`create table tickets (
      id uuid primary key default gen_random_uuid(),
      number integer not null unique default nextval('ticket_number_seq'),
      subject text not null,
      status text not null default 'new' check (status in ('new', 'open', 'pending', 'solved', 'closed')),
      requester_email text not null,
      requester_name text,
      organisation text,
      assignee_id uuid references users(id) on delete set null,
      disposition text check (disposition in ('reply', 'engage', 'redirect:support', 'redirect:vulnerability', 'redirect:copyright', 'compliance_request')),
      tags text[] not null default '{}',
      sla_due_at timestamptz,
      first_handled_at timestamptz,
      search_text text not null default '',
      search tsvector generated always as (to_tsvector('english', search_text)) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index tickets_created_idx on tickets (created_at desc, id desc)`,
    sql`create index tickets_status_idx on tickets (status)`,
    sql`create index tickets_search_idx on tickets using gin (search)`,
    sql`create table ticket_messages (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id) on delete cascade,
      direction text not null check (direction in ('inbound', 'outbound', 'note')),
      message_id text,
      in_reply_to text,
      from_address text not null,
      to_address text,
      subject text not null default '',
      body_text text not null default '',
      author_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    )`,
    sql`create index ticket_messages_ticket_idx on ticket_messages (ticket_id, created_at)`,
    sql`create unique index ticket_messages_message_id_key on ticket_messages (message_id) where message_id is not null`,
    sql`create sequence incident_number_seq start 1`,
    sql`create table incidents (
      id uuid primary key default gen_random_uuid(),
      number integer not null unique default nextval('incident_number_seq'),
      title text not null,
      description text not null default '',
      type text not null,
      status text not null default 'declared' check (status in ('declared', 'investigating', 'mitigated', 'resolved', 'closed')),
      impact smallint not null check (impact between 1 and 5),
      likelihood smallint not null check (likelihood between 1 and 5),
      visibility text not null default 'normal' check (visibility in ('normal', 'restricted')),
      declared_by uuid references users(id) on delete set null,
      declared_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create index incidents_declared_idx on incidents (declared_at desc, id desc)`,
    sql`create table incident_events (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      at timestamptz not null,
      kind text not null,
      summary text not null,
      data jsonb not null default '{}',
      actor_label text not null,
      created_at timestamptz not null default now()
    )`,
    sql`create index incident_events_incident_idx on incident_events (incident_id, at)`,
  ]);
}
