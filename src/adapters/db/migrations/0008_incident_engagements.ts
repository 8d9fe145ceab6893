// Incident facts, stakeholder rules (seeded with the plan's four defaults), engagements of
// stakeholder groups, their snoozes, and structured status updates. Timeline events get an
// optional dedupe key so a reminder recorded twice (a retried job, a second instance) is stored once.
import { sql, type Kysely } from 'kysely';
import { DEFAULT_STAKEHOLDER_RULES } from '../../../domains/stakeholders/default-rules.ts';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table incidents add column facts jsonb not null default '{}'`,
    sql`alter table incident_events add column dedupe_key text`,
    sql`create unique index incident_events_dedupe_key on incident_events (incident_id, dedupe_key) where dedupe_key is not null`,
    sql`create table stakeholder_rules (
      id text primary key,
      position integer not null,
      rule jsonb not null,
      updated_at timestamptz not null default now()
    )`,
    ...DEFAULT_STAKEHOLDER_RULES.map(
      (rule, position) => sql`insert into stakeholder_rules (id, position, rule) values (${rule.id}, ${position}, ${JSON.stringify(rule)}::jsonb)`,
    ),
    sql`create table incident_engagements (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      rule_id text not null,
      group_name text not null,
      rule jsonb not null,
      dri_label text not null,
      backup_label text not null,
      through text not null,
      because jsonb not null default '[]',
      engaged_at timestamptz not null,
      ended_at timestamptz,
      unique (incident_id, rule_id)
    )`,
    sql`create table engagement_snoozes (
      id uuid primary key default gen_random_uuid(),
      engagement_id uuid not null references incident_engagements(id) on delete cascade,
      at timestamptz not null,
      minutes integer not null check (minutes in (30, 60, 120)),
      reason text not null,
      actor_label text not null
    )`,
    sql`create index engagement_snoozes_engagement_idx on engagement_snoozes (engagement_id, at)`,
    sql`create table incident_updates (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references incidents(id) on delete cascade,
      number integer not null,
      fields jsonb not null,
      engagement_ids uuid[] not null default '{}',
      published_at timestamptz not null,
      author_label text not null,
      unique (incident_id, number)
    )`,
  ]);
}
