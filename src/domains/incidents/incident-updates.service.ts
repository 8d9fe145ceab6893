// Status updates and the cadence of stakeholder engagements: publishing a validated update (which
// resets the clocks of the groups it satisfies), the prefilled draft, the history with diffs,
// snoozes, and the durable reminder check that records due, missed and escalated updates.
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { validateSnooze, type SnoozeMinutes } from '../stakeholders/cadence-clock.ts';
import { deliverySummary, deliveryTo, type Outlets } from '../stakeholders/delivery.ts';
import { reminderCheck } from '../stakeholders/engagements.ts';
import { historyOf, scheduleCheck, type ReminderJob } from './engagement-steps.ts';
import { visibleIncident } from './incident-access.ts';
import type { IncidentsStore } from './incidents.ports.ts';
import { scoreRisk, type RiskMatrix } from './risk-matrix.ts';
import { draftStatusUpdate, validateStatusUpdate, withDiffs, type StatusUpdateFields, type StatusUpdateWithDiff } from './status-update.ts';
import { addToTimeline } from './timeline.ts';

export interface PublishInput {
  fields: Record<keyof StatusUpdateFields, string>;
  /** Only these engagements' groups; all engaged groups when absent. */
  engagementIds?: string[];
}

export class IncidentUpdatesService {
  readonly #store: Transactor<IncidentsStore>;
  readonly #clock: Clock;
  readonly #grace: number;
  readonly #matrix: RiskMatrix;
  readonly #outlets: Outlets;

  constructor(deps: { store: Transactor<IncidentsStore>; clock: Clock; riskMatrix: RiskMatrix; graceMinutes?: number; outlets?: Outlets }) {
    this.#store = deps.store;
    this.#outlets = deps.outlets ?? { chat: false, mail: false };
    this.#matrix = deps.riskMatrix;
    this.#clock = deps.clock;
    this.#grace = deps.graceMinutes ?? 15;
  }

  async publish(ctx: ActionContext, incidentId: string, input: PublishInput): Promise<StatusUpdateWithDiff> {
    authorize(ctx.actor, 'incidents.write');
    const fields = validateStatusUpdate(input.fields);
    const now = this.#clock.now();
    const id = await this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      if (incident.status === 'closed') throw new ConflictError('a closed incident takes no more status updates');
      const active = (await s.engagements.forIncident(incidentId)).filter((e) => !e.endedAt);
      const targets = input.engagementIds ? active.filter((e) => input.engagementIds!.includes(e.id)) : active;
      if (input.engagementIds && targets.length !== new Set(input.engagementIds).size)
        throw new ValidationError('engagementIds must name groups engaged on this incident');
      const deliveries = targets.map((e) => deliveryTo(e, this.#outlets));
      const notDelivered = targets.flatMap((e, i) => {
        const delivery = deliveries[i]!;
        return delivery.delivered ? [] : [{ engagementId: e.id, group: e.group, reason: delivery.reason }];
      });
      const update = await s.statusUpdates.create(incidentId, {
        ...fields,
        publishedAt: now,
        authorLabel: ctx.actor.label,
        engagementIds: targets.map((e) => e.id),
        notDelivered,
      });
      await addToTimeline(s, incidentId, {
        at: now,
        kind: 'status_update',
        summary: deliverySummary(update.number, this.#outlets, deliveries),
        actorLabel: ctx.actor.label,
        data: { updateId: update.id, deliveries },
      });
      await s.audit.append(ctx, { action: 'incident.status_update_published', entityType: 'incident', entityId: incidentId, after: update });
      const history = await historyOf(s, incidentId, targets);
      for (const engagement of targets) {
        const { nextCheckAt } = reminderCheck(engagement, history.get(engagement.id)!, this.#grace, now);
        if (nextCheckAt) await scheduleCheck(s, engagement.id, nextCheckAt);
      }
      return update.id;
    });
    return (await this.history(ctx, incidentId)).find((u) => u.id === id)!;
  }

  async history(ctx: ActionContext, incidentId: string): Promise<StatusUpdateWithDiff[]> {
    authorize(ctx.actor, 'incidents.read');
    await visibleIncident(this.#store.read.incidents, ctx.actor, incidentId);
    return withDiffs(await this.#store.read.statusUpdates.list(incidentId));
  }

  async draft(ctx: ActionContext, incidentId: string) {
    authorize(ctx.actor, 'incidents.read');
    const incident = await visibleIncident(this.#store.read.incidents, ctx.actor, incidentId);
    const [last, timeline] = await Promise.all([this.#store.read.statusUpdates.last(incidentId), this.#store.read.incidents.timeline(incidentId)]);
    const risk = scoreRisk(incident.impact, incident.likelihood, this.#matrix);
    return draftStatusUpdate({
      riskLabel: risk.label,
      riskScore: risk.score,
      usersImpacted: incident.facts.usersImpacted,
      status: incident.status,
      last,
      timeline,
    });
  }

  async snooze(ctx: ActionContext, incidentId: string, engagementId: string, input: { minutes: number; reason: string }): Promise<void> {
    authorize(ctx.actor, 'incidents.write');
    const now = this.#clock.now();
    const snooze = { at: now, minutes: input.minutes as SnoozeMinutes, reason: input.reason.trim() };
    validateSnooze(snooze);
    await this.#store.transaction(async (s) => {
      await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const engagement = await s.engagements.byId(engagementId);
      if (!engagement || engagement.incidentId !== incidentId) throw new NotFoundError('engagement');
      if (engagement.endedAt) throw new ConflictError('this engagement has ended');
      if (engagement.rule.cadence.kind === 'continuous')
        throw new ConflictError(`updates to ${engagement.group} are continuous; there is no due time to snooze`);
      await s.engagements.addSnooze(engagementId, { ...snooze, actorLabel: ctx.actor.label });
      await addToTimeline(s, incidentId, {
        at: now,
        kind: 'snoozed',
        summary: `Update to ${engagement.group} snoozed for ${snooze.minutes} min: ${snooze.reason}`,
        actorLabel: ctx.actor.label,
        data: { engagementId, minutes: snooze.minutes },
      });
      await s.audit.append(ctx, { action: 'incident.engagement_snoozed', entityType: 'incident', entityId: incidentId, after: { engagementId, ...snooze } });
      const history = await historyOf(s, incidentId, [engagement]);
      const { nextCheckAt } = reminderCheck(engagement, history.get(engagementId)!, this.#grace, now);
      if (nextCheckAt) await scheduleCheck(s, engagementId, nextCheckAt);
    });
  }

  /**
   * The reminder job. It re-reads the engagement and decides from the clock alone, so running it
   * early, late or twice is harmless: each due, missed or escalated reminder has a dedupe key and is
   * recorded once, and the next check is enqueued under its own key.
   */
  async remind(job: ReminderJob): Promise<void> {
    const ctx: ActionContext = { actor: SYSTEM_ACTOR };
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      const engagement = await s.engagements.byId(job.engagementId);
      if (!engagement) return;
      await visibleIncident(s.incidents, ctx.actor, engagement.incidentId, true);
      const history = await historyOf(s, engagement.incidentId, [engagement]);
      const check = reminderCheck(engagement, history.get(engagement.id)!, this.#grace, now);
      for (const event of check.events) {
        const added = await addToTimeline(s, engagement.incidentId, { ...event, actorLabel: 'secdesk', data: { engagementId: engagement.id } });
        if (added) await s.audit.append(ctx, { action: `incident.${event.kind}`, entityType: 'incident', entityId: engagement.incidentId, after: added });
      }
      if (check.nextCheckAt) await scheduleCheck(s, engagement.id, check.nextCheckAt);
    });
  }
}
