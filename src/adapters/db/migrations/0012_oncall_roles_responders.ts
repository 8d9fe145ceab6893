// On-call rotations (one per role of the plan), the role holders of each incident, its named
// responders (who alone see a restricted incident, with admins), the editable list of incident
// types, and the ticket an incident was declared from.
import { sql, type Kysely } from 'kysely';
import { DEFAULT_INCIDENT_TYPES } from '../../../domains/incidents/incident-types.ts';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table oncall_rotations (
      role text primary key check (role in ('security_engineer', 'incident_manager', 'communications_manager')),
      rotation jsonb not null,
      updated_at timestamptz not null default now()
    )`,
    sql`create table incident_roles (
      incident_id uuid not null references incidents(id) on delete cascade,
      role text not null check (role in ('security_engineer', 'incident_manager', 'communications_manager')),
      user_id uuid references users(id) on delete set null,
      since timestamptz not null,
      primary key (incident_id, role)
    )`,
    sql`create index incident_roles_user_idx on incident_roles (user_id)`,
    sql`create table incident_responders (
      incident_id uuid not null references incidents(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      added_at timestamptz not null,
      primary key (incident_id, user_id)
    )`,
    sql`create index incident_responders_user_idx on incident_responders (user_id)`,
    sql`create table incident_types (
      id text primary key,
      label text not null,
      position integer not null
    )`,
    ...DEFAULT_INCIDENT_TYPES.map((t, position) => sql`insert into incident_types (id, label, position) values (${t.id}, ${t.label}, ${position})`),
    sql`alter table incidents add column ticket_id uuid references tickets(id) on delete set null`,
    sql`create index incidents_ticket_idx on incidents (ticket_id) where ticket_id is not null`,
  ]);
}
