// Ticket lifecycle: when the status last changed (the quiet-period close checks it), the SLA clock's
// pauses while pending on the requester, indexes for the inbox views, and in-app notifications.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table tickets add column status_changed_at timestamptz`,
    sql`update tickets set status_changed_at = updated_at`,
    sql`alter table tickets alter column status_changed_at set not null`,
    sql`alter table tickets alter column status_changed_at set default now()`,
    sql`alter table tickets add column sla_paused_since timestamptz`,
    sql`alter table tickets add column sla_pauses jsonb not null default '[]'`,
    sql`create index tickets_assignee_idx on tickets (assignee_id)`,
    sql`create index tickets_sla_due_idx on tickets (sla_due_at) where first_handled_at is null`,
    sql`create index tickets_tags_idx on tickets using gin (tags)`,
    sql`create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      ticket_id uuid references tickets(id) on delete cascade,
      title text not null,
      body text not null default '',
      dedupe_key text not null,
      mail_status text check (mail_status in ('queued', 'sent', 'failed')),
      mail_error text,
      created_at timestamptz not null default now(),
      read_at timestamptz,
      unique (user_id, dedupe_key)
    )`,
    sql`create index notifications_user_idx on notifications (user_id, created_at desc)`,
  ]);
}
