// Possible duplicates: for a new vulnerability report, the open and recent tickets it resembles, with
// the evidence (shared CVE, target, parameter, matching passages). An analyst's link marks one of them.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table duplicate_candidates (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id) on delete cascade,
      duplicate_of uuid not null references tickets(id) on delete cascade,
      score double precision not null check (score >= 0 and score <= 1),
      evidence jsonb not null,
      created_at timestamptz not null default now(),
      linked_by uuid references users(id) on delete set null,
      linked_at timestamptz,
      unique (ticket_id, duplicate_of),
      check (ticket_id <> duplicate_of)
    )`,
  ]);
}
