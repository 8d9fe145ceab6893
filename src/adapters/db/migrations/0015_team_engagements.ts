// Subject-matter teams the security inbox engages (with an optional GitLab or Jira project for the
// engagement's issue) and the engagements themselves: one per ticket handed to a team for research.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table teams (
      id uuid primary key default gen_random_uuid(),
      name text not null unique,
      owner_id uuid references users(id) on delete set null,
      notify_address text,
      cadence_hours integer not null default 72 check (cadence_hours between 1 and 2160),
      tracker jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`insert into teams (name) values ('Security Operations'), ('Application Security'), ('Abuse'), ('Security Compliance')`,
    sql`create table team_engagements (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id) on delete cascade,
      team_id uuid not null references teams(id),
      owner_id uuid references users(id) on delete set null,
      state text not null check (state in ('open', 'answered', 'closed')),
      question text not null,
      answer text,
      answered_by text,
      answered_at timestamptz,
      next_update_due timestamptz,
      issue_state text not null default 'none' check (issue_state in ('none', 'pending', 'created', 'failed')),
      issue_ref text,
      issue_url text,
      issue_error text,
      created_at timestamptz not null default now(),
      closed_at timestamptz
    )`,
    sql`create index team_engagements_ticket_idx on team_engagements (ticket_id)`,
    sql`create index team_engagements_open_idx on team_engagements (state) where state <> 'closed'`,
  ]);
}
