// Triage: one suggestion per new ticket (label, disposition, confidence and the reasons), and the
// analysts' decisions about it, kept as training data. A suggestion never acts on the ticket.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

const LABELS = sql.raw(`('vulnerability_report', 'account_support', 'copyright_dmca', 'compliance_request', 'security_question', 'spam_or_other')`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table triage_suggestions (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null unique references tickets(id) on delete cascade,
      label text not null check (label in ${LABELS}),
      disposition text,
      confidence double precision not null check (confidence >= 0 and confidence <= 1),
      reasons jsonb not null default '[]',
      ranking jsonb not null default '[]',
      model_version text not null,
      created_at timestamptz not null default now()
    )`,
    sql`create table triage_decisions (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id) on delete cascade,
      suggestion_id uuid not null references triage_suggestions(id) on delete cascade,
      suggested_label text not null,
      suggested_disposition text,
      chosen_label text not null check (chosen_label in ${LABELS}),
      chosen_disposition text,
      decided_by uuid references users(id) on delete set null,
      decided_at timestamptz not null default now()
    )`,
    sql`create index triage_decisions_ticket_idx on triage_decisions (ticket_id, decided_at desc)`,
  ]);
}
