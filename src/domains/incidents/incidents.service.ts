// Declaring and reading security incidents, and their timeline.
import { authorize, type Actor } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import type { Transactor } from '../ports.ts';
import type { IncidentsStore, IncidentViewer } from './incidents.ports.ts';
import { INCIDENT_TYPES, summarise, type Incident, type IncidentStatus, type IncidentSummary, type NewIncident, type TimelineEvent } from './incidents.types.ts';
import { scoreRisk } from './risk-matrix.ts';

/** Restricted incidents are seen by the one who declared them and by admins (responders come later). */
function viewerOf(actor: Actor): IncidentViewer {
  return { userId: actor.userId, seesRestricted: actor.kind === 'system' || actor.roles.includes('admin') };
}

function validate(input: NewIncident): void {
  const title = input.title.trim();
  if (!title || title.length > 200) throw new ValidationError('a title of 1 to 200 characters is required');
  if (!(INCIDENT_TYPES as readonly string[]).includes(input.type)) throw new ValidationError(`unknown incident type ${input.type}`, { known: INCIDENT_TYPES });
  try {
    scoreRisk(input.impact, input.likelihood);
  } catch (err) {
    throw new ValidationError((err as Error).message);
  }
}

export class IncidentsService {
  readonly #store: Transactor<IncidentsStore>;
  readonly #clock: Clock;

  constructor(deps: { store: Transactor<IncidentsStore>; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  async declare(ctx: ActionContext, input: NewIncident): Promise<Incident> {
    authorize(ctx.actor, 'incidents.write');
    validate(input);
    const declaredAt = input.declaredAt ?? this.#clock.now();
    const id = await this.#store.transaction(async (s) => {
      const created = await s.incidents.create({
        title: input.title.trim(),
        description: input.description.trim(),
        type: input.type,
        status: input.status ?? 'declared',
        impact: input.impact,
        likelihood: input.likelihood,
        visibility: input.visibility ?? 'normal',
        declaredBy: ctx.actor.userId,
        declaredAt,
      });
      const risk = scoreRisk(created.impact, created.likelihood);
      await s.incidents.addEvent(created.id, { at: declaredAt, kind: 'declared', summary: `Declared: ${created.title} (risk ${risk.label}, ${risk.score})`, actorLabel: ctx.actor.label });
      await s.audit.append(ctx, { action: 'incident.declared', entityType: 'incident', entityId: created.id, after: created });
      return created.id;
    });
    return this.get(ctx, id);
  }

  async list(ctx: ActionContext, status: IncidentStatus | undefined, limit: number, cursor: string | null): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'incidents.read');
    const rows = await this.#store.read.incidents.list(viewerOf(ctx.actor), status, limit + 1, decodeCursor(cursor));
    const page = pageOf(rows, limit, (r) => ({ at: r.declaredAt, id: r.id }));
    return { items: page.items.map((r) => summarise(r, scoreRisk(r.impact, r.likelihood))), nextCursor: page.nextCursor };
  }

  async get(ctx: ActionContext, id: string): Promise<Incident> {
    authorize(ctx.actor, 'incidents.read');
    const record = await this.#store.read.incidents.byId(viewerOf(ctx.actor), id);
    if (!record) throw new NotFoundError('incident');
    const timeline = await this.#store.read.incidents.timeline(id);
    return { ...summarise(record, scoreRisk(record.impact, record.likelihood)), description: record.description, timeline };
  }

  /** Adds an event to the timeline (a note with its own event time, or a recorded action). */
  async addEvent(ctx: ActionContext, id: string, event: { at: Date; kind: string; summary: string }): Promise<TimelineEvent> {
    authorize(ctx.actor, 'incidents.write');
    if (!event.summary.trim()) throw new ValidationError('a timeline entry needs a summary');
    const record = await this.#store.read.incidents.byId(viewerOf(ctx.actor), id);
    if (!record) throw new NotFoundError('incident');
    return this.#store.transaction(async (s) => {
      const added = await s.incidents.addEvent(id, { ...event, actorLabel: ctx.actor.label });
      await s.audit.append(ctx, { action: 'incident.event_added', entityType: 'incident', entityId: id, after: added });
      return added;
    });
  }
}
