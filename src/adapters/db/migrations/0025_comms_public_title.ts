// The incident's public title: how it is named to outsiders, decided with the communications scope.
// Templates of public channels use it ({{incident.public_title}}), never the internal title.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [sql`alter table comms_plans add column public_title text`]);
}
