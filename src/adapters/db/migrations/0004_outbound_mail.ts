// Delivery state of replies sent by mail.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table ticket_messages add column delivery_status text check (delivery_status in ('queued', 'sent', 'failed'))`,
    sql`alter table ticket_messages add column delivery_error text`,
    sql`alter table ticket_messages add column delivered_at timestamptz`,
    sql`alter table ticket_messages add column references_ids text[] not null default '{}'`,
  ]);
}
