// Exactly once under SIGKILL: `ended_at` records that a message's final dot was handed to the
// operating system, and 'ambiguous' marks a recipient whose message was recorded but whose dot is
// not known to have left when the process died (README, "Exactly once").
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table send_recipients add column ended_at timestamptz`,
    sql`alter table send_recipients drop constraint send_recipients_state_check`,
    sql`alter table send_recipients add constraint send_recipients_state_check
      check (state in ('pending', 'sending', 'sent', 'failed', 'suppressed', 'cancelled', 'ambiguous'))`,
    sql`create index send_recipients_ambiguous on send_recipients (send_id, seq) where state = 'ambiguous'`,
  ]);
}
