// Regulatory clocks on incidents (GDPR, US state breach notice, SEC 8-K…): one row per configured
// clock that started on an incident, and when the team became aware of the incident.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table incidents add column aware_at timestamptz`,
    sql`create table regulatory_clocks (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      clock_id text not null,
      terms jsonb not null,
      because text not null,
      started_at timestamptz not null,
      due_at timestamptz not null,
      state text not null default 'running' check (state in ('running', 'met', 'not_applicable')),
      met_at timestamptz,
      reference text,
      notes text,
      reason text,
      closed_by text,
      closed_at timestamptz,
      unique (incident_id, clock_id)
    )`,
  ]);
}
