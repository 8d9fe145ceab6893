// SQL for on-call rotations (one per role, stored whole as JSON), incident role holders, named
// responders and the editable list of incident types.
import type { Kysely } from 'kysely';
import type { RotationsRepository } from '../../domains/oncall/oncall.ports.ts';
import type { OnCallRole } from '../../domains/oncall/oncall-roles.ts';
import type { Rotation } from '../../domains/oncall/oncall.types.ts';
import type { IncidentRolesRepository, IncidentTypesRepository, RespondersRepository } from '../../domains/incidents/incidents.ports.ts';
import type { DB } from './schema.ts';

type StoredRotation = Omit<Rotation, 'overrides'> & { overrides: { person: Rotation['participants'][number]; from: string; to: string; reason?: string }[] };

export function rotationsRepository(db: Kysely<DB>): RotationsRepository {
  return {
    async get(role) {
      const row = await db.selectFrom('oncall_rotations').select('rotation').where('role', '=', role).executeTakeFirst();
      if (!row) return null;
      const stored = row.rotation as StoredRotation;
      return { ...stored, overrides: stored.overrides.map((o) => ({ ...o, from: new Date(o.from), to: new Date(o.to) })) };
    },
    async save(role, rotation) {
      const json = JSON.stringify(rotation);
      await db
        .insertInto('oncall_rotations')
        .values({ role, rotation: json, updated_at: new Date() })
        .onConflict((oc) => oc.column('role').doUpdateSet({ rotation: json, updated_at: new Date() }))
        .execute();
    },
  };
}

export function incidentRolesRepository(db: Kysely<DB>): IncidentRolesRepository {
  return {
    async list(incidentId) {
      const rows = await db
        .selectFrom('incident_roles as r')
        .leftJoin('users as u', 'u.id', 'r.user_id')
        .select(['r.role', 'r.user_id', 'u.name', 'r.since'])
        .where('r.incident_id', '=', incidentId)
        .execute();
      return rows.map((r) => ({ role: r.role as OnCallRole, userId: r.user_id, name: r.name, since: r.since }));
    },
    async set(incidentId, role, userId, since) {
      await db
        .insertInto('incident_roles')
        .values({ incident_id: incidentId, role, user_id: userId, since })
        .onConflict((oc) => oc.columns(['incident_id', 'role']).doUpdateSet({ user_id: userId, since }))
        .execute();
    },
  };
}

export function respondersRepository(db: Kysely<DB>): RespondersRepository {
  return {
    async list(incidentId) {
      const rows = await db
        .selectFrom('incident_responders as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['r.user_id', 'u.name', 'u.email', 'r.added_at'])
        .where('r.incident_id', '=', incidentId)
        .orderBy('r.added_at')
        .execute();
      return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, addedAt: r.added_at }));
    },
    async add(incidentId, userId, at) {
      const row = await db
        .insertInto('incident_responders')
        .values({ incident_id: incidentId, user_id: userId, added_at: at })
        .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
        .returning('user_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async remove(incidentId, userId) {
      const result = await db.deleteFrom('incident_responders').where('incident_id', '=', incidentId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export function incidentTypesRepository(db: Kysely<DB>): IncidentTypesRepository {
  return {
    async list() {
      return db.selectFrom('incident_types').select(['id', 'label']).orderBy('position').execute();
    },
    async replace(types) {
      await db.deleteFrom('incident_types').execute();
      await db
        .insertInto('incident_types')
        .values(types.map((t, position) => ({ id: t.id, label: t.label, position })))
        .execute();
    },
    async inUse() {
      return (await db.selectFrom('incidents').select('type').distinct().execute()).map((r) => r.type);
    },
  };
}
