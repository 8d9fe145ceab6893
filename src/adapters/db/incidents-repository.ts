// SQL for incidents and their timeline.
import type { Kysely, Selectable } from 'kysely';
import type { IncidentsRepository, IncidentViewer, StatusUpdatesRepository } from '../../domains/incidents/incidents.ports.ts';
import type { NotDelivered, StatusUpdate, StatusUpdateFields } from '../../domains/incidents/status-update.ts';
import type { IncidentRecord, IncidentStatus, TimelineEvent, Visibility } from '../../domains/incidents/incidents.types.ts';
import { storedFacts } from '../../domains/incidents/incident-facts.ts';
import type { DB, IncidentEventsTable, IncidentsTable, IncidentUpdatesTable } from './schema.ts';

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
    facts: storedFacts(row.facts),
    declaredBy: row.declared_by,
    declaredAt: row.declared_at,
    updatedAt: row.updated_at,
    ticketId: row.ticket_id,
  };
}

function toEvent(row: Selectable<IncidentEventsTable>): TimelineEvent {
  return { id: row.id, at: row.at, kind: row.kind, summary: row.summary, actorLabel: row.actor_label };
}

export function incidentsRepository(db: Kysely<DB>): IncidentsRepository {
  // A restricted incident is seen by its responders: those named on it and its role holders.
  const visible = (viewer: IncidentViewer) => {
    const q = db.selectFrom('incidents').selectAll('incidents');
    if (viewer.seesRestricted) return q;
    const userId = viewer.userId;
    if (!userId) return q.where('visibility', '=', 'normal');
    return q.where((eb) =>
      eb.or([
        eb('visibility', '=', 'normal'),
        eb.exists(eb.selectFrom('incident_responders as r').select('r.user_id').whereRef('r.incident_id', '=', 'incidents.id').where('r.user_id', '=', userId)),
        eb.exists(eb.selectFrom('incident_roles as h').select('h.user_id').whereRef('h.incident_id', '=', 'incidents.id').where('h.user_id', '=', userId)),
      ]),
    );
  };
  return {
    async list(viewer, status, limit, after) {
      let q = visible(viewer).orderBy('incidents.declared_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (status) q = q.where('status', '=', status);
      if (after) q = q.where((eb) => eb.or([eb('declared_at', '<', after.at), eb.and([eb('declared_at', '=', after.at), eb('id', '<', after.id)])]));
      return (await q.execute()).map(toRecord);
    },
    async byTicket(viewer, ticketId) {
      return (await visible(viewer).where('ticket_id', '=', ticketId).orderBy('declared_at').execute()).map(toRecord);
    },
    async byId(viewer, id) {
      const row = await visible(viewer).where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async lockById(viewer, id) {
      const row = await visible(viewer).where('id', '=', id).forUpdate().executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async update(id, change) {
      const row = await db
        .updateTable('incidents')
        .set({
          impact: change.impact,
          likelihood: change.likelihood,
          type: change.type,
          status: change.status,
          facts: JSON.stringify(change.facts),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
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
          facts: JSON.stringify(incident.facts),
          declared_by: incident.declaredBy,
          declared_at: incident.declaredAt,
          ticket_id: incident.ticketId,
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
        .values({
          incident_id: incidentId,
          at: event.at,
          kind: event.kind,
          summary: event.summary,
          actor_label: event.actorLabel,
          data: JSON.stringify(event.data ?? {}),
          dedupe_key: event.dedupeKey ?? null,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      await db.updateTable('incidents').set({ updated_at: new Date() }).where('id', '=', incidentId).execute();
      return toEvent(row);
    },
  };
}

function toUpdate(row: Selectable<IncidentUpdatesTable>): StatusUpdate {
  const fields = row.fields as StatusUpdateFields;
  return {
    id: row.id,
    incidentId: row.incident_id,
    number: row.number,
    ...fields,
    publishedAt: row.published_at,
    authorLabel: row.author_label,
    engagementIds: row.engagement_ids,
    notDelivered: row.not_delivered as NotDelivered[],
  };
}

export function statusUpdatesRepository(db: Kysely<DB>): StatusUpdatesRepository {
  const ofIncident = (incidentId: string) => db.selectFrom('incident_updates').selectAll().where('incident_id', '=', incidentId);
  return {
    async list(incidentId) {
      return (await ofIncident(incidentId).orderBy('number').execute()).map(toUpdate);
    },
    async last(incidentId) {
      const row = await ofIncident(incidentId).orderBy('number', 'desc').limit(1).executeTakeFirst();
      return row ? toUpdate(row) : null;
    },
    async create(incidentId, update) {
      const { publishedAt, authorLabel, engagementIds, notDelivered, ...fields } = update;
      // The caller holds the incident's row lock, so the next number is not raced.
      const { max } = await db
        .selectFrom('incident_updates')
        .select((eb) => eb.fn.max<number | null>('number').as('max'))
        .where('incident_id', '=', incidentId)
        .executeTakeFirstOrThrow();
      const row = await db
        .insertInto('incident_updates')
        .values({
          incident_id: incidentId,
          number: (max ?? 0) + 1,
          fields: JSON.stringify(fields),
          engagement_ids: engagementIds,
          not_delivered: JSON.stringify(notDelivered),
          published_at: publishedAt,
          author_label: authorLabel,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUpdate(row);
    },
  };
}
