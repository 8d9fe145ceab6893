// The regulatory clock steps that run inside an incident's transaction: start every configured
// clock whose condition now holds and that this incident has not had yet (a clock never restarts,
// however the facts toggle), and schedule each clock's next reminder check as a durable job.
import { DateTime } from 'luxon';
import type { ActionContext } from '../context.ts';
import type { TeamCalendar } from '../calendar/calendar.ts';
import { factsOf } from '../incidents/incident-facts.ts';
import type { IncidentsStore } from '../incidents/incidents.ports.ts';
import type { IncidentFacts, IncidentRecord } from '../incidents/incidents.types.ts';
import { evaluate } from '../stakeholders/condition.ts';
import { describe } from '../stakeholders/condition-describe.ts';
import type { ClockStart, RegulatoryClockConfig } from './clock-definitions.ts';
import { deadlineOf, reminderCheck, reminderPoints, spanWords } from './deadline.ts';
import type { ClockTerms, RegulatoryClockRecord } from './regulatory.ports.ts';
import { addToTimeline } from '../incidents/timeline.ts';

export const REGULATORY_REMINDER_QUEUE = 'incidents.regulatory-reminder';

export interface RegulatoryReminderJob {
  clockId: string;
  /** ISO time this check is for. */
  checkAt: string;
}

/** The configured clocks and the team calendar their business days count on. */
export interface RegulatorySettings {
  definitions: readonly RegulatoryClockConfig[];
  calendar: TeamCalendar;
}

/** "2026-11-27 07:00 EST (2026-11-27 12:00 UTC)". */
export function whenWords(at: Date, calendar: TeamCalendar): string {
  const local = DateTime.fromJSDate(at, { zone: calendar.settings.timeZone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
  return `${local} (${DateTime.fromJSDate(at, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm')} UTC)`;
}

export function clockBase(from: ClockStart, incident: Pick<IncidentRecord, 'declaredAt'>, awareAt: Date | null): Date {
  return from === 'awareness' ? (awareAt ?? incident.declaredAt) : incident.declaredAt;
}

/**
 * Enqueues the reminder check at `at`. The queue is exclusive and the key is clock + time, so
 * asking again (a restart, a second instance, a moved deadline) queues one job per check.
 */
export async function scheduleClockCheck(s: IncidentsStore, clockId: string, at: Date): Promise<void> {
  const data: RegulatoryReminderJob = { clockId, checkAt: at.toISOString() };
  await s.jobs.send(REGULATORY_REMINDER_QUEUE, data, { startAfter: at, singletonKey: `${clockId}@${data.checkAt}` });
}

/** Schedules the first check of a running clock: now when a reminder point has been reached already. */
export async function scheduleFirstCheck(s: IncidentsStore, clock: Pick<RegulatoryClockRecord, 'id' | 'dueAt' | 'terms'>, now: Date): Promise<void> {
  const { remind, next } = reminderCheck(reminderPoints(clock.dueAt, clock.terms.reminders), now);
  const at = remind ? now : next?.at;
  if (at) await scheduleClockCheck(s, clock.id, at);
}

function termsOf(d: RegulatoryClockConfig): ClockTerms {
  return { name: d.name, note: d.note, span: d.span, from: d.from, reminders: d.reminders, owner: d.owner };
}

/** The configured clocks whose condition holds for these facts: the ones a declaration (or a change) starts. */
export function clocksHolding(definitions: readonly RegulatoryClockConfig[], facts: IncidentFacts): RegulatoryClockConfig[] {
  return definitions.filter((d) => evaluate(d.condition, facts));
}

/** Starts each configured clock whose condition holds now and that this incident has not had. */
export async function startHeldClocks(s: IncidentsStore, settings: RegulatorySettings, incident: IncidentRecord, ctx: ActionContext, now: Date): Promise<void> {
  if (settings.definitions.length === 0) return;
  const had = new Set((await s.regulatoryClocks.forIncident(incident.id)).map((c) => c.clockId));
  const due = clocksHolding(settings.definitions, factsOf(incident)).filter((d) => !had.has(d.id));
  if (due.length === 0) return;
  const awareAt = await s.regulatoryClocks.awareAt(incident.id);
  for (const definition of due) {
    const base = clockBase(definition.from, incident, awareAt);
    const dueAt = deadlineOf(definition.span, base, settings.calendar);
    const because = describe(definition.condition);
    const clock = await s.regulatoryClocks.start({
      incidentId: incident.id,
      clockId: definition.id,
      terms: termsOf(definition),
      because,
      startedAt: now,
      dueAt,
    });
    if (!clock) continue;
    const from = definition.from === 'awareness' ? 'awareness' : 'declaration';
    await addToTimeline(s, incident.id, {
      at: now,
      kind: 'regulatory_clock_started',
      summary: `Regulatory clock started: ${clock.terms.name}, due ${whenWords(dueAt, settings.calendar)}, ${spanWords(definition.span)} from ${from} (because ${because})`,
      actorLabel: ctx.actor.label,
      data: { clockId: clock.id, definition: definition.id, dueAt },
      dedupeKey: `regulatory:${clock.id}:started`,
    });
    await s.audit.append(ctx, { action: 'incident.regulatory_clock_started', entityType: 'incident', entityId: incident.id, after: clock });
    await scheduleFirstCheck(s, clock, now);
  }
}
