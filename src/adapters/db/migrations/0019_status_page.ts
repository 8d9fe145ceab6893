// The public status page: components, status-page incidents and maintenance (events) with their
// updates, and one version row that every public change bumps (each app instance watches it to
// rebuild its in-memory rendering).
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table status_components (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null,
      description text not null default '',
      group_name text,
      position integer not null default 0,
      state text not null default 'operational' check (state in ('operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create table status_events (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('incident', 'maintenance')),
      incident_id uuid unique references incidents(id) on delete cascade,
      title text not null,
      status text not null,
      component_slugs text[] not null default '{}',
      scheduled_for timestamptz,
      scheduled_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      resolved_at timestamptz,
      check ((kind = 'incident') = (incident_id is not null)),
      check ((kind = 'maintenance') = (scheduled_for is not null and scheduled_until is not null))
    )`,
    sql`create index status_events_resolved_idx on status_events (resolved_at desc)`,
    sql`create table status_event_updates (
      id uuid primary key default gen_random_uuid(),
      event_id uuid not null references status_events(id) on delete cascade,
      status text not null,
      body text not null,
      component_states jsonb not null default '[]',
      published_at timestamptz,
      published_by text,
      created_at timestamptz not null default now(),
      created_by text not null
    )`,
    sql`create index status_event_updates_event_idx on status_event_updates (event_id, published_at)`,
    sql`create table status_page_state (
      id integer primary key check (id = 1),
      version bigint not null,
      changed_at timestamptz not null
    )`,
    sql`insert into status_page_state (id, version, changed_at) values (1, 1, now())`,
  ]);
}
