// A review request is a state of a communication: which version, who asked, when, and which reviewers
// (the channel's reviewer role holders at that moment) were notified. A new version supersedes it.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`alter table communications
      add column review_version integer,
      add column review_requested_by text,
      add column review_requested_by_id uuid,
      add column review_requested_at timestamptz,
      add column reviewers jsonb not null default '[]'`,
  ]);
}
