// Regulatory clocks on one incident: the list with due time and what is left, marking a clock met
// (notified at, reference, notes) or not applicable (with a reason), moving the time the team
// became aware (deadlines counted from awareness move with it) and the durable reminder check.
// Restricted incidents: only their responders see or change clocks (incident-access).
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentsStore } from '../incidents/incidents.ports.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { ON_CALL_ROLE_LABELS } from '../oncall/oncall-roles.ts';
import { clockBase, scheduleClockCheck, scheduleFirstCheck, whenWords, type RegulatoryReminderJob, type RegulatorySettings } from './clock-steps.ts';
import { clockStatus, deadlineOf, durationWords, reminderCheck, reminderPoints, spanWords, type ClockStatus, type ReminderPoint } from './deadline.ts';
import type { RegulatoryClockRecord } from './regulatory.ports.ts';
import { remindOwner } from './reminder.ts';
import { addToTimeline } from '../incidents/timeline.ts';

const MAX_REFERENCE = 200;
const MAX_TEXT = 2000;
const FUTURE_SLACK_MS = 5 * 60_000;

export interface RegulatoryClockView extends Omit<RegulatoryClockRecord, 'terms'>, ClockStatus {
  name: string;
  note: string;
  from: 'awareness' | 'declared';
  /** "72 hours", "4 business days". */
  span: string;
  owner: string;
  ownerLabel: string;
}

export interface RegulatoryClocksOfIncident {
  /** The team calendar's zone, in which due times are also shown. */
  timeZone: string;
  /** The server's time the remaining times were computed at. */
  now: Date;
  declaredAt: Date;
  awareAt: Date;
  /** False while the awareness time is the declaration time by default. */
  awareAtSet: boolean;
  clocks: RegulatoryClockView[];
}

function viewOf(clock: RegulatoryClockRecord, now: Date): RegulatoryClockView {
  const { terms, ...rest } = clock;
  return {
    ...rest,
    ...clockStatus(clock, now),
    name: terms.name,
    note: terms.note,
    from: terms.from,
    span: spanWords(terms.span),
    owner: terms.owner,
    ownerLabel: ON_CALL_ROLE_LABELS[terms.owner],
  };
}

function checkTime(at: Date, what: string, now: Date): void {
  if (Number.isNaN(at.getTime())) throw new ValidationError(`${what} must be a valid time`);
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw new ValidationError(`${what} cannot be in the future`);
}

function optionalText(value: string | undefined, what: string, max: number): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw new ValidationError(`${what} is at most ${max} characters`);
  return text || null;
}

export class RegulatoryClocksService {
  readonly #store: Transactor<IncidentsStore>;
  readonly #clock: Clock;
  readonly #settings: RegulatorySettings;
  readonly #notifier: Notifier;

  constructor(deps: { store: Transactor<IncidentsStore>; clock: Clock; regulatory: RegulatorySettings; notifier: Notifier }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#settings = deps.regulatory;
    this.#notifier = deps.notifier;
  }

  async list(ctx: ActionContext, incidentId: string): Promise<RegulatoryClocksOfIncident> {
    authorize(ctx.actor, 'incidents.read');
    const incident = await visibleIncident(this.#store.read.incidents, ctx.actor, incidentId);
    const [clocks, awareAt] = await Promise.all([
      this.#store.read.regulatoryClocks.forIncident(incidentId),
      this.#store.read.regulatoryClocks.awareAt(incidentId),
    ]);
    const now = this.#clock.now();
    return {
      timeZone: this.#settings.calendar.settings.timeZone,
      now,
      declaredAt: incident.declaredAt,
      awareAt: awareAt ?? incident.declaredAt,
      awareAtSet: awareAt !== null,
      clocks: clocks.map((c) => viewOf(c, now)),
    };
  }

  async markMet(
    ctx: ActionContext,
    incidentId: string,
    clockId: string,
    input: { notifiedAt: Date; reference?: string; notes?: string },
  ): Promise<RegulatoryClockView> {
    authorize(ctx.actor, 'incidents.write');
    const now = this.#clock.now();
    checkTime(input.notifiedAt, 'the notification time', now);
    const reference = optionalText(input.reference, 'the reference', MAX_REFERENCE);
    const notes = optionalText(input.notes, 'the notes', MAX_TEXT);
    return this.#close(ctx, incidentId, clockId, { state: 'met', metAt: input.notifiedAt, reference, notes, by: ctx.actor.label, at: now }, (c) => {
      const late = c.metLate ? ', after the deadline' : '';
      return `Regulatory clock met: ${c.name}: notified ${whenWords(input.notifiedAt, this.#settings.calendar)}${late}${reference ? `; reference ${reference}` : ''}${notes ? `; ${notes}` : ''}`;
    });
  }

  async markNotApplicable(ctx: ActionContext, incidentId: string, clockId: string, input: { reason: string }): Promise<RegulatoryClockView> {
    authorize(ctx.actor, 'incidents.write');
    const reason = input.reason.trim();
    if (!reason || reason.length > MAX_TEXT) throw new ValidationError(`a reason of 1 to ${MAX_TEXT} characters is required`);
    const now = this.#clock.now();
    return this.#close(
      ctx,
      incidentId,
      clockId,
      { state: 'not_applicable', reason, by: ctx.actor.label, at: now },
      (c) => `Regulatory clock not applicable: ${c.name}: ${reason}`,
    );
  }

  async #close(
    ctx: ActionContext,
    incidentId: string,
    clockId: string,
    outcome: Parameters<IncidentsStore['regulatoryClocks']['close']>[1],
    summary: (view: RegulatoryClockView) => string,
  ): Promise<RegulatoryClockView> {
    return this.#store.transaction(async (s) => {
      await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const before = await s.regulatoryClocks.byId(clockId);
      if (!before || before.incidentId !== incidentId) throw new NotFoundError('regulatory clock');
      if (before.state !== 'running') throw new ConflictError(`this clock was already marked ${before.state === 'met' ? 'met' : 'not applicable'}`);
      const after = (await s.regulatoryClocks.close(clockId, outcome))!;
      const view = viewOf(after, outcome.at);
      await addToTimeline(s, incidentId, {
        at: outcome.at,
        kind: `regulatory_clock_${outcome.state}`,
        summary: summary(view),
        actorLabel: ctx.actor.label,
        data: { clockId },
      });
      await s.audit.append(ctx, { action: `incident.regulatory_clock_${outcome.state}`, entityType: 'incident', entityId: incidentId, before, after });
      return view;
    });
  }

  /** Moves the time the team became aware; the running clocks counted from awareness move with it. */
  async setAwareAt(ctx: ActionContext, incidentId: string, at: Date): Promise<RegulatoryClocksOfIncident> {
    authorize(ctx.actor, 'incidents.write');
    const now = this.#clock.now();
    checkTime(at, 'the time you became aware', now);
    await this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const before = (await s.regulatoryClocks.awareAt(incidentId)) ?? incident.declaredAt;
      if (before.getTime() === at.getTime()) return;
      await s.regulatoryClocks.setAwareAt(incidentId, at);
      const moved: string[] = [];
      for (const clock of await s.regulatoryClocks.forIncident(incidentId)) {
        if (clock.state !== 'running' || clock.terms.from !== 'awareness') continue;
        const dueAt = deadlineOf(clock.terms.span, clockBase('awareness', incident, at), this.#settings.calendar);
        await s.regulatoryClocks.setDue(clock.id, dueAt);
        await scheduleFirstCheck(s, { ...clock, dueAt }, now);
        moved.push(`${clock.terms.name} now due ${whenWords(dueAt, this.#settings.calendar)}`);
      }
      const cal = this.#settings.calendar;
      const summary = `Aware at changed: ${whenWords(before, cal)} → ${whenWords(at, cal)}${moved.length ? `; ${moved.join('; ')}` : ''}`;
      await addToTimeline(s, incidentId, { at: now, kind: 'aware_at_changed', summary, actorLabel: ctx.actor.label, data: { before, after: at } });
      await s.audit.append(ctx, {
        action: 'incident.aware_at_changed',
        entityType: 'incident',
        entityId: incidentId,
        before: { awareAt: before },
        after: { awareAt: at },
      });
    });
    return this.list(ctx, incidentId);
  }

  /**
   * The reminder job. It re-reads the clock and decides from the clock alone: a clock met or not
   * applicable sends nothing, each reminder point is recorded and notified once (by key), and the
   * next check is enqueued under its own key. Running it early, late or twice is harmless.
   */
  async remind(job: RegulatoryReminderJob): Promise<void> {
    const ctx: ActionContext = { actor: SYSTEM_ACTOR };
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      const found = await s.regulatoryClocks.byId(job.clockId);
      if (!found) return;
      const incident = await visibleIncident(s.incidents, ctx.actor, found.incidentId, true);
      const clock = (await s.regulatoryClocks.byId(job.clockId))!;
      if (clock.state !== 'running') return;
      const { remind, next } = reminderCheck(reminderPoints(clock.dueAt, clock.terms.reminders), now);
      const reminded = remind && (await remindOwner(s, this.#notifier, { incident, clock, point: remind, now, words: this.#words(clock, remind, now) }));
      if (reminded)
        await s.audit.append(ctx, {
          action: 'incident.regulatory_clock_reminded',
          entityType: 'incident',
          entityId: incident.id,
          after: { clockId: clock.id, point: remind },
        });
      if (next) await scheduleClockCheck(s, clock.id, next.at);
    });
  }

  #words(clock: RegulatoryClockRecord, point: ReminderPoint, now: Date): { headline: string; due: string } {
    const left = clock.dueAt.getTime() - now.getTime();
    const headline = point.hoursBefore === 0 || left <= 0 ? `Overdue: ${clock.terms.name}` : `${durationWords(left)} left: ${clock.terms.name}`;
    return { headline, due: whenWords(clock.dueAt, this.#settings.calendar) };
  }
}
