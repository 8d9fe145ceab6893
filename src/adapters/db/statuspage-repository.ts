// SQL for the public status page. The public reads join the linked incident and keep only
// maintenance and incidents that are not restricted, and only published updates.
import { sql, type Kysely } from 'kysely';
import type { PublicEventFilter, PublicEventRow, StatusPageRepository } from '../../domains/statuspage/statuspage.ports.ts';
import type {
  ComponentPatch,
  ComponentState,
  ComponentStateChange,
  StatusComponent,
  StatusEvent,
  StatusEventKind,
  StatusEventStatus,
  StatusPageUpdate,
} from '../../domains/statuspage/statuspage.types.ts';
import type { DB } from './schema.ts';

function componentQuery(db: Kysely<DB>) {
  return db.selectFrom('status_components').select(['id', 'slug', 'name', 'description', 'group_name', 'position', 'state', 'created_at', 'updated_at']);
}
type ComponentRow = Awaited<ReturnType<ReturnType<typeof componentQuery>['executeTakeFirstOrThrow']>>;
const toComponent = (r: ComponentRow): StatusComponent => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  description: r.description,
  group: r.group_name,
  position: r.position,
  state: r.state as ComponentState,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function componentColumns(patch: ComponentPatch) {
  return {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.group !== undefined ? { group_name: patch.group } : {}),
    ...(patch.position !== undefined ? { position: patch.position } : {}),
    ...(patch.state !== undefined ? { state: patch.state } : {}),
  };
}

function eventQuery(db: Kysely<DB>) {
  return db
    .selectFrom('status_events as e')
    .select([
      'e.id',
      'e.kind',
      'e.incident_id',
      'e.title',
      'e.status',
      'e.component_slugs',
      'e.scheduled_for',
      'e.scheduled_until',
      'e.created_at',
      'e.updated_at',
      'e.resolved_at',
    ]);
}
type EventRow = Awaited<ReturnType<ReturnType<typeof eventQuery>['executeTakeFirstOrThrow']>>;

function updateQuery(db: Kysely<DB>) {
  return db
    .selectFrom('status_event_updates')
    .select(['id', 'event_id', 'status', 'body', 'component_states', 'published_at', 'published_by', 'created_at', 'created_by']);
}
type UpdateRow = Awaited<ReturnType<ReturnType<typeof updateQuery>['executeTakeFirstOrThrow']>>;
const toUpdate = (r: UpdateRow): StatusPageUpdate => ({
  id: r.id,
  eventId: r.event_id,
  status: r.status as StatusEventStatus,
  body: r.body,
  componentStates: r.component_states as ComponentStateChange[],
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** The events with their updates (newest first); `publishedOnly` leaves drafts out. */
async function withUpdates(db: Kysely<DB>, rows: EventRow[], publishedOnly: boolean): Promise<StatusEvent[]> {
  if (rows.length === 0) return [];
  let q = updateQuery(db).where(
    'event_id',
    'in',
    rows.map((r) => r.id),
  );
  if (publishedOnly) q = q.where('published_at', 'is not', null);
  const updates = (await q.orderBy(sql`coalesce(published_at, created_at)`, 'desc').orderBy('created_at', 'desc').execute()).map(toUpdate);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as StatusEventKind,
    incidentId: r.incident_id,
    title: r.title,
    status: r.status as StatusEventStatus,
    componentSlugs: r.component_slugs,
    scheduledFor: r.scheduled_for,
    scheduledUntil: r.scheduled_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    resolvedAt: r.resolved_at,
    updates: updates.filter((u) => u.eventId === r.id),
  }));
}

/** Maintenance, or an incident that is not restricted, with at least one published update. */
function publicQuery(db: Kysely<DB>) {
  return eventQuery(db)
    .leftJoin('incidents as i', 'i.id', 'e.incident_id')
    .where((w) => w.or([w('e.kind', '=', 'maintenance'), w('i.visibility', '=', 'normal')]))
    .where((w) =>
      w.exists(w.selectFrom('status_event_updates as u').select('u.id').whereRef('u.event_id', '=', 'e.id').where('u.published_at', 'is not', null)),
    );
}

export function statusPageRepository(db: Kysely<DB>): StatusPageRepository {
  return {
    async components() {
      return (await componentQuery(db).orderBy('position').orderBy('name').execute()).map(toComponent);
    },
    async componentBySlug(slug) {
      const row = await componentQuery(db).where('slug', '=', slug).executeTakeFirst();
      return row ? toComponent(row) : null;
    },
    async insertComponent(input, at) {
      await db
        .insertInto('status_components')
        .values({ slug: input.slug, ...componentColumns(input), name: input.name, position: input.position, created_at: at, updated_at: at })
        .execute();
    },
    async updateComponent(slug, patch, at) {
      await db
        .updateTable('status_components')
        .set({ ...componentColumns(patch), updated_at: at })
        .where('slug', '=', slug)
        .execute();
    },
    async setComponentStates(changes, at) {
      for (const c of changes) {
        await db.updateTable('status_components').set({ state: c.state, updated_at: at }).where('slug', '=', c.slug).where('state', '<>', c.state).execute();
      }
    },
    async eventById(id, lock = false) {
      let q = eventQuery(db).where('e.id', '=', id);
      if (lock) q = q.forUpdate();
      return (await withUpdates(db, await q.execute(), false))[0] ?? null;
    },
    async eventByIncident(incidentId, lock = false) {
      let q = eventQuery(db).where('e.incident_id', '=', incidentId);
      if (lock) q = q.forUpdate();
      return (await withUpdates(db, await q.execute(), false))[0] ?? null;
    },
    async listEvents(limit) {
      return withUpdates(db, await eventQuery(db).orderBy('e.updated_at', 'desc').limit(limit).execute(), false);
    },
    async insertEvent(e) {
      const row = await db
        .insertInto('status_events')
        .values({
          kind: e.kind,
          incident_id: e.incidentId,
          title: e.title,
          status: e.status,
          component_slugs: e.componentSlugs,
          scheduled_for: e.scheduledFor,
          scheduled_until: e.scheduledUntil,
          created_at: e.at,
          updated_at: e.at,
          resolved_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async updateEvent(id, change) {
      await db
        .updateTable('status_events')
        .set({
          status: change.status,
          component_slugs: change.componentSlugs,
          resolved_at: change.resolvedAt,
          updated_at: change.at,
          ...(change.title ? { title: change.title } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async insertUpdate(u) {
      const row = await db
        .insertInto('status_event_updates')
        .values({
          event_id: u.eventId,
          status: u.status,
          body: u.body,
          component_states: JSON.stringify(u.componentStates),
          published_at: u.publishedBy === null ? null : u.at,
          published_by: u.publishedBy,
          created_at: u.at,
          created_by: u.createdBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async updateById(id, lock = false) {
      let q = updateQuery(db).where('id', '=', id);
      if (lock) q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row ? toUpdate(row) : null;
    },
    async markPublished(updateId, by, componentStates, at) {
      await db
        .updateTable('status_event_updates')
        .set({ published_at: at, published_by: by, component_states: JSON.stringify(componentStates) })
        .where('id', '=', updateId)
        .execute();
    },
    async bumpVersion(at) {
      const row = await db
        .updateTable('status_page_state')
        .set({ version: sql`version + 1`, changed_at: at })
        .where('id', '=', 1)
        .returning('version')
        .executeTakeFirstOrThrow();
      return row.version;
    },
    async version() {
      const row = await db.selectFrom('status_page_state').select(['version', 'changed_at']).where('id', '=', 1).executeTakeFirstOrThrow();
      return { version: Number(row.version), changedAt: row.changed_at };
    },
    async publicEvents(filter: PublicEventFilter) {
      let q = publicQuery(db);
      if (filter.id !== undefined) q = q.where('e.id', '=', filter.id);
      if (filter.open) q = q.where('e.resolved_at', 'is', null);
      if (filter.resolvedFrom) q = q.where('e.resolved_at', '>=', filter.resolvedFrom);
      if (filter.resolvedBefore) q = q.where('e.resolved_at', '<', filter.resolvedBefore);
      const rows = await q
        .orderBy(sql`coalesce(e.resolved_at, e.updated_at)`, 'desc')
        .limit(filter.limit ?? 200)
        .execute();
      return (await withUpdates(db, rows, true)) as PublicEventRow[];
    },
    async historyMonths() {
      const rows = await publicQuery(db)
        .clearSelect()
        .select(sql<string>`to_char(e.resolved_at at time zone 'UTC', 'YYYY-MM')`.as('month'))
        .where('e.resolved_at', 'is not', null)
        .groupBy(sql`1`)
        .orderBy(sql`1`, 'desc')
        .execute();
      return rows.map((r) => r.month);
    },
  };
}
