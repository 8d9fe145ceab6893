// SQL for mail templates and their versions.
import { sql, type Kysely } from 'kysely';
import type { TemplatesRepository } from '../../domains/templates/templates.ports.ts';
import type { TemplateVersion } from '../../domains/templates/templates.types.ts';
import type { DB } from './schema.ts';

type Row = { key: string; version: number; name: string; subject: string; body: string; created_by: string; created_at: Date };
const toVersion = (r: Row): TemplateVersion => ({
  key: r.key,
  version: r.version,
  name: r.name,
  subject: r.subject,
  body: r.body,
  createdAt: r.created_at,
  createdBy: r.created_by,
});
const COLUMNS = ['v.key', 'v.version', 'v.name', 'v.subject', 'v.body', 'v.created_by', 'v.created_at'] as const;

export function templatesRepository(db: Kysely<DB>): TemplatesRepository {
  const currentQuery = () =>
    db
      .selectFrom('message_templates as t')
      .innerJoin('message_template_versions as v', (j) => j.onRef('v.key', '=', 't.key').onRef('v.version', '=', 't.current_version'))
      .select(COLUMNS);
  return {
    async listCurrent() {
      return (await currentQuery().orderBy('t.key').execute()).map(toVersion);
    },
    async current(key) {
      const row = await currentQuery().where('t.key', '=', key).executeTakeFirst();
      return row ? toVersion(row) : null;
    },
    async versions(key) {
      const rows = await db.selectFrom('message_template_versions as v').select(COLUMNS).where('v.key', '=', key).orderBy('v.version', 'desc').execute();
      return rows.map(toVersion);
    },
    async addVersion(key, v, at) {
      // The upsert takes the row lock, so concurrent saves get consecutive numbers.
      const { current_version: version } = await db
        .insertInto('message_templates')
        .values({ key, current_version: 1, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ current_version: sql`message_templates.current_version + 1`, updated_at: at }))
        .returning('current_version')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('message_template_versions')
        .values({ key, version, name: v.name, subject: v.subject, body: v.body, created_by_id: v.createdById, created_by: v.createdBy, created_at: at })
        .execute();
      return version;
    },
    async seed(key, v, at) {
      const row = await db
        .insertInto('message_templates')
        .values({ key, current_version: 1, updated_at: at })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!row) return false;
      await db
        .insertInto('message_template_versions')
        .values({ key, version: 1, name: v.name, subject: v.subject, body: v.body, created_by_id: v.createdById, created_by: v.createdBy, created_at: at })
        .execute();
      return true;
    },
  };
}
