// Declaring, changing and reading security incidents, and their timeline. Every change of severity,
// facts or status is on the timeline with its before and after; stakeholder groups whose rule
// newly holds are engaged in the same transaction.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import type { Transactor } from '../ports.ts';
import { endEngagements, engageNewlyMet, engagementsOf } from './engagement-steps.ts';
import { viewerOf, visibleIncident } from './incident-access.ts';
import { blankPlanFacts, checkRisk, checkTransition, factChanges, hasChange, mergeFacts, riskChange } from './incident-facts.ts';
import { fillDueRoles, roleHolders } from './incident-roles.ts';
import { checkKnownType } from './incident-types.ts';
import { Notifier } from '../notifications/notifier.ts';
import type { IncidentsStore } from './incidents.ports.ts';
import {
  summarise,
  type Incident,
  type IncidentChange,
  type IncidentRecord,
  type IncidentStatus,
  type IncidentSummary,
  type NewIncident,
  type TimelineEvent,
} from './incidents.types.ts';
import { scoreRisk, type RiskMatrix } from './risk-matrix.ts';
import { timelineAsJsonLines, timelineAsMarkdown } from './timeline-export.ts';
import { reviewAsMarkdown } from './incident-review.ts';
import { startHeldClocks, type RegulatorySettings } from '../regulatory/clock-steps.ts';
import { regulatorySection } from '../regulatory/review-section.ts';
import { addToTimeline } from './timeline.ts';

const MAX_NOTE = 5000;

type NextState = Pick<IncidentRecord, 'impact' | 'likelihood' | 'type' | 'status' | 'facts'>;

function validate(input: NewIncident, matrix: RiskMatrix): void {
  const title = input.title.trim();
  if (!title || title.length > 200) throw new ValidationError('a title of 1 to 200 characters is required');
  checkRisk(input.impact, input.likelihood, matrix);
}

export interface IncidentsDeps {
  store: Transactor<IncidentsStore>;
  clock: Clock;
  /** The configured risk matrix: scores, levels and from where the communications plan applies. */
  riskMatrix: RiskMatrix;
  /** Minutes after an update falls due before it is missed and escalates. */
  graceMinutes?: number;
  /** Pages role holders (in-app, and by mail when outgoing mail is configured). */
  notifier?: Notifier;
  /** Regulatory clocks that start when their condition holds (none when absent). */
  regulatory?: RegulatorySettings;
}

export class IncidentsService {
  readonly #store: Transactor<IncidentsStore>;
  readonly #clock: Clock;
  readonly #grace: number;
  readonly #notifier: Notifier;
  readonly #matrix: RiskMatrix;
  readonly #regulatory: RegulatorySettings | null;

  constructor(deps: IncidentsDeps) {
    this.#regulatory = deps.regulatory ?? null;
    this.#store = deps.store;
    this.#matrix = deps.riskMatrix;
    this.#clock = deps.clock;
    this.#grace = deps.graceMinutes ?? 15;
    this.#notifier = deps.notifier ?? new Notifier({ mailEnabled: () => false });
  }

  async declare(ctx: ActionContext, input: NewIncident): Promise<Incident> {
    authorize(ctx.actor, 'incidents.write');
    validate(input, this.#matrix);
    const facts = mergeFacts(blankPlanFacts(), input.facts);
    const now = this.#clock.now();
    const declaredAt = now;
    const id = await this.#store.transaction(async (s) => {
      checkKnownType(input.type, await s.incidentTypes.list());
      const created = await s.incidents.create({
        title: input.title.trim(),
        description: input.description.trim(),
        type: input.type,
        status: 'declared',
        impact: input.impact,
        likelihood: input.likelihood,
        visibility: input.visibility ?? 'normal',
        facts,
        declaredBy: ctx.actor.userId,
        declaredAt,
        ticketId: input.ticketId ?? null,
      });
      // The declarer is a responder: a restricted incident stays visible to whoever declared it.
      if (ctx.actor.userId) await s.responders.add(created.id, ctx.actor.userId, now);
      const risk = scoreRisk(created.impact, created.likelihood, this.#matrix);
      const established = factChanges(blankPlanFacts(), facts);
      const withFacts = established.length ? `; facts: ${established.map((l) => l.replace(/^(.*): .* → (.*)$/, '$1: $2')).join(', ')}` : '';
      await addToTimeline(s, created.id, {
        at: declaredAt,
        kind: 'declared',
        summary: `Declared: ${created.title} (risk ${risk.label}, ${risk.score}${withFacts})`,
        actorLabel: ctx.actor.label,
        data: { facts },
      });
      await s.audit.append(ctx, { action: 'incident.declared', entityType: 'incident', entityId: created.id, after: created });
      await engageNewlyMet(s, created, ctx.actor.label, now, this.#grace, this.#matrix);
      await fillDueRoles(s, this.#notifier, created, declaredAt, ctx.actor.label, this.#matrix);
      if (this.#regulatory) await startHeldClocks(s, this.#regulatory, created, ctx, now);
      return created.id;
    });
    return this.get(ctx, id);
  }

  /** Changes facts, risk axes, type or status; each change is a timeline entry with before and after. */
  async change(ctx: ActionContext, id: string, change: IncidentChange): Promise<Incident> {
    authorize(ctx.actor, 'incidents.write');
    if (!hasChange(change)) throw new ValidationError('nothing to change: give facts, impact, likelihood, type or status');
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      const before = await visibleIncident(s.incidents, ctx.actor, id, true);
      const next = this.#applied(before, change);
      if (next.type !== before.type) checkKnownType(next.type, await s.incidentTypes.list());
      const lines = this.#changeEvents(before, next);
      if (lines.length === 0) return;
      const after = await s.incidents.update(id, next);
      for (const line of lines) await addToTimeline(s, id, { at: now, ...line, actorLabel: ctx.actor.label });
      await s.audit.append(ctx, { action: 'incident.changed', entityType: 'incident', entityId: id, before, after });
      if (after.status === 'resolved' || after.status === 'closed') await endEngagements(s, after, ctx.actor.label, now);
      else {
        await engageNewlyMet(s, after, ctx.actor.label, now, this.#grace, this.#matrix);
        await fillDueRoles(s, this.#notifier, after, now, ctx.actor.label, this.#matrix);
      }
      // A legal duty does not end with the incident: clocks start whatever its status.
      if (this.#regulatory) await startHeldClocks(s, this.#regulatory, after, ctx, now);
    });
    return this.get(ctx, id);
  }

  #applied(before: IncidentRecord, change: IncidentChange): NextState {
    const next = {
      impact: change.impact ?? before.impact,
      likelihood: change.likelihood ?? before.likelihood,
      type: change.type ?? before.type,
      status: change.status ?? before.status,
      facts: mergeFacts(before.facts, change.facts),
    };
    checkRisk(next.impact, next.likelihood, this.#matrix);
    if (next.status !== before.status) checkTransition(before.status, next.status);
    return next;
  }

  #changeEvents(before: IncidentRecord, next: NextState) {
    const events: { kind: string; summary: string; data: unknown }[] = [];
    const risk = riskChange(before, next, this.#matrix);
    if (risk)
      events.push({
        kind: 'severity_changed',
        summary: `Severity changed: ${risk}`,
        data: { before: { impact: before.impact, likelihood: before.likelihood }, after: { impact: next.impact, likelihood: next.likelihood } },
      });
    if (next.type !== before.type)
      events.push({ kind: 'type_changed', summary: `Type changed: ${before.type} → ${next.type}`, data: { before: before.type, after: next.type } });
    const facts = factChanges(before.facts, next.facts);
    if (facts.length) events.push({ kind: 'facts_changed', summary: `Facts changed: ${facts.join('; ')}`, data: { before: before.facts, after: next.facts } });
    if (next.status !== before.status)
      events.push({
        kind: 'status_changed',
        summary: `Status changed: ${before.status} → ${next.status}`,
        data: { before: before.status, after: next.status },
      });
    return events;
  }

  async list(
    ctx: ActionContext,
    status: IncidentStatus | undefined,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: IncidentSummary[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'incidents.read');
    const rows = await this.#store.read.incidents.list(viewerOf(ctx.actor), status, limit + 1, decodeCursor(cursor));
    const page = pageOf(rows, limit, (r) => ({ at: r.declaredAt, id: r.id }));
    return { items: page.items.map((r) => summarise(r, scoreRisk(r.impact, r.likelihood, this.#matrix))), nextCursor: page.nextCursor };
  }

  async get(ctx: ActionContext, id: string): Promise<Incident> {
    authorize(ctx.actor, 'incidents.read');
    const record = await visibleIncident(this.#store.read.incidents, ctx.actor, id);
    const timeline = await this.#store.read.incidents.timeline(id);
    const { engagements, counts } = await engagementsOf(this.#store.read, id, this.#grace, this.#clock.now());
    const [roles, responders] = await Promise.all([roleHolders(this.#store.read, id), this.#store.read.responders.list(id)]);
    return {
      ...summarise(record, scoreRisk(record.impact, record.likelihood, this.#matrix)),
      description: record.description,
      ticketId: record.ticketId,
      timeline,
      engagements,
      updateCounts: counts,
      roles,
      responders: responders.map((r) => ({ userId: r.userId, name: r.name, addedAt: r.addedAt })),
    };
  }

  /**
   * A manual note with its own event time, or a correction of an earlier entry: the timeline is
   * never edited, only added to.
   */
  async addNote(ctx: ActionContext, id: string, note: { at: Date; text: string; corrects?: string }): Promise<TimelineEvent> {
    authorize(ctx.actor, 'incidents.write');
    const text = note.text.trim();
    if (!text || text.length > MAX_NOTE) throw new ValidationError(`a note is 1 to ${MAX_NOTE} characters`);
    if (Number.isNaN(note.at.getTime())) throw new ValidationError('a note needs a valid event time');
    if (note.at.getTime() > this.#clock.now().getTime() + 5 * 60_000) throw new ValidationError('a note cannot be dated in the future');
    return this.#store.transaction(async (s) => {
      await visibleIncident(s.incidents, ctx.actor, id, true);
      let event: { kind: string; summary: string; data: unknown } = { kind: 'note', summary: text, data: {} };
      if (note.corrects) {
        const original = (await s.incidents.timeline(id)).find((e) => e.id === note.corrects);
        if (!original) throw new NotFoundError('timeline entry');
        event = { kind: 'correction', summary: `Correction to "${original.summary.slice(0, 120)}": ${text}`, data: { corrects: original.id } };
      }
      const added = (await addToTimeline(s, id, { at: note.at, ...event, actorLabel: ctx.actor.label }))!;
      await s.audit.append(ctx, { action: `incident.${event.kind}_added`, entityType: 'incident', entityId: id, after: added });
      return added;
    });
  }

  async exportTimeline(ctx: ActionContext, id: string, format: 'jsonl' | 'markdown'): Promise<string> {
    const incident = await this.get(ctx, id);
    await this.#store.transaction((s) =>
      s.audit.append(ctx, { action: 'incident.timeline_exported', entityType: 'incident', entityId: id, after: { format } }),
    );
    return format === 'jsonl' ? timelineAsJsonLines(incident) : timelineAsMarkdown(incident);
  }

  /** The post-incident review as Markdown, generated from the incident as it stands. */
  async review(ctx: ActionContext, id: string): Promise<string> {
    const incident = await this.get(ctx, id);
    const [updates, clocks] = await Promise.all([this.#store.read.statusUpdates.list(id), this.#store.read.regulatoryClocks.forIncident(id)]);
    await this.#store.transaction((s) => s.audit.append(ctx, { action: 'incident.review_exported', entityType: 'incident', entityId: id }));
    return reviewAsMarkdown(incident, updates, regulatorySection(clocks));
  }
}
