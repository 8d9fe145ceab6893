// SQL for incidents and their timeline.
import type { Kysely, Selectable } from 'kysely';
import type { IncidentsRepository, IncidentViewer } from '../../domains/incidents/incidents.ports.ts';
import type { IncidentRecord, IncidentStatus, TimelineEvent, Visibility } from '../../domains/incidents/incidents.types.ts';
import type { DB, IncidentEventsTable, IncidentsTable } from './schema.ts';

function toRecord(row: Selectable<IncidentsTable>): IncidentRecord {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    type: row.type,
    status: row.status as IncidentStatus,
    impact: row.impact,
    likelihood: row.likelihood,
    visibility: row.visibility as Visibility,
    declaredBy: row.declared_by,
    declaredAt: row.declared_at,
    updatedAt: row.updated_at,
  };
}

function toEvent(row: Selectable<IncidentEventsTable>): TimelineEvent {
  return { id: row.id, at: row.at, kind: row.kind, summary: row.summary, actorLabel: row.actor_label };
}

export function incidentsRepository(db: Kysely<DB>): IncidentsRepository {
  const visible = (viewer: IncidentViewer) => {
    const q = db.selectFrom('incidents').selectAll();
    if (viewer.seesRestricted) return q;
    return q.where((eb) => eb.or([eb('visibility', '=', 'normal'), ...(viewer.userId ? [eb('declared_by', '=', viewer.userId)] : [])]));
  };
  return {
    async list(viewer, status, limit, after) {
      let q = visible(viewer).orderBy('declared_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (status) q = q.where('status', '=', status);
      if (after) q = q.where((eb) => eb.or([eb('declared_at', '<', after.at), eb.and([eb('declared_at', '=', after.at), eb('id', '<', after.id)])]));
      return (await q.execute()).map(toRecord);
    },
    async byId(viewer, id) {
      const row = await visible(viewer).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async create(incident) {
      const row = await db
        .insertInto('incidents')
        .values({
          title: incident.title,
          description: incident.description,
          type: incident.type,
          status: incident.status,
          impact: incident.impact,
          likelihood: incident.likelihood,
          visibility: incident.visibility,
          declared_by: incident.declaredBy,
          declared_at: incident.declaredAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },
    async timeline(id) {
      return (await db.selectFrom('incident_events').selectAll().where('incident_id', '=', id).orderBy('at').orderBy('created_at').execute()).map(toEvent);
    },
    async addEvent(incidentId, event) {
      const row = await db
        .insertInto('incident_events')
        .values({ incident_id: incidentId, at: event.at, kind: event.kind, summary: event.summary, actor_label: event.actorLabel, data: JSON.stringify(event.data ?? {}) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db.updateTable('incidents').set({ updated_at: new Date() }).where('id', '=', incidentId).execute();
      return toEvent(row);
    },
  };
}
