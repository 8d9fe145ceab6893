// SQL for the settings an admin saves in the app.
import type { Kysely } from 'kysely';
import type { SettingsRepository } from '../../domains/settings/settings.ports.ts';
import { isSettingKey } from '../../domains/settings/settings.types.ts';
import type { DB } from './schema.ts';

export function settingsRepository(db: Kysely<DB>): SettingsRepository {
  return {
    async all() {
      const rows = await db.selectFrom('settings').select(['key', 'value', 'updated_by', 'updated_at']).orderBy('key').execute();
      // A row of a setting no longer editable in the app is left alone, not read.
      return rows.flatMap((r) => (isSettingKey(r.key) ? [{ key: r.key, value: r.value, updatedBy: r.updated_by, updatedAt: r.updated_at }] : []));
    },
    async put(key, value, by, at) {
      await db
        .insertInto('settings')
        .values({ key, value, updated_by: by.label, updated_by_id: by.id, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: by.label, updated_by_id: by.id, updated_at: at }))
        .execute();
    },
    async remove(key) {
      const row = await db.deleteFrom('settings').where('key', '=', key).returning('key').executeTakeFirst();
      return row !== undefined;
    },
  };
}
