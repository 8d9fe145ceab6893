// The first-handling target: one business day on the team calendar from the moment the mail
// arrived. The clock stops while the ticket is pending on the requester when the team chooses so;
// leaving pending closes the pause and the due time is computed again from all pauses. "At risk"
// and "breached" are defined here once: the inbox views (views.ts) and the ticket's clock use them.
import { DateTime } from 'luxon';
import { BUSINESS_DAY_MS, businessTimeBetween, dueAt } from '../calendar/business-time.ts';
import { nextWorkingDay, weekdayOf, type TeamCalendar } from '../calendar/calendar.ts';
import type { LifecycleState, SlaPause, SlaState, SlaStatus, TicketStatus } from './tickets.types.ts';

export const FIRST_HANDLING_TARGET_MS = BUSINESS_DAY_MS;

/** When a ticket that arrived at `receivedAt` must have been handled (no pauses yet). */
export function firstHandlingDue(calendar: TeamCalendar, receivedAt: Date): Date {
  return dueAt(calendar, receivedAt, FIRST_HANDLING_TARGET_MS)!;
}

export interface SlaFacts {
  status: TicketStatus;
  slaDueAt: Date | null;
  firstHandledAt: Date | null;
  slaPausedSince: Date | null;
}

/** A due-time window (after, by]; after null means "any time up to by". */
export interface DueWindow {
  after: Date | null;
  by: Date;
}

/**
 * The warning lead is wall-clock time: a ticket is at risk once its due time is at most
 * `warnLeadMs` away (and not yet past). That keeps the views a plain comparison in SQL.
 */
export function atRiskWindow(now: Date, warnLeadMs: number): DueWindow {
  return { after: now, by: new Date(now.getTime() + warnLeadMs) };
}

export function breachedWindow(now: Date): DueWindow {
  return { after: null, by: now };
}

export function inWindow(due: Date, window: DueWindow): boolean {
  return due <= window.by && (window.after === null || due > window.after);
}

/** The clock runs: a due time, nobody has handled the ticket, not paused, not solved or closed. */
export function slaRunning(t: SlaFacts): boolean {
  return t.slaDueAt !== null && t.firstHandledAt === null && t.slaPausedSince === null && t.status !== 'solved' && t.status !== 'closed';
}

function signedBusinessTime(calendar: TeamCalendar, from: Date, to: Date): number {
  return to >= from ? businessTimeBetween(calendar, from, to) : -businessTimeBetween(calendar, to, from);
}

export function slaStatus(t: SlaFacts, now: Date, calendar: TeamCalendar, warnLeadMs: number): SlaStatus {
  const timeZone = calendar.settings.timeZone;
  const status = (state: SlaState, dueAt: Date | null, businessMsLeft: number | null): SlaStatus => ({
    state,
    dueAt,
    businessMsLeft,
    timeZone,
    pause: state === 'none' || state === 'handled' ? null : slaPause(calendar, state, now),
  });
  const due = t.slaDueAt;
  if (!due) return status('none', null, null);
  if (t.firstHandledAt) return status('handled', due, null);
  if (t.status === 'solved' || t.status === 'closed') return status('none', due, null);
  if (t.slaPausedSince) return status('paused', due, signedBusinessTime(calendar, t.slaPausedSince, due));
  const businessMsLeft = signedBusinessTime(calendar, now, due);
  if (inWindow(due, breachedWindow(now))) return status('breached', due, businessMsLeft);
  if (inWindow(due, atRiskWindow(now, warnLeadMs))) return status('at_risk', due, businessMsLeft);
  return status('running', due, businessMsLeft);
}

/** A time as the SLA panel tells it: weekday, date, 24-hour time and the calendar's zone. */
export function slaTime(calendar: TeamCalendar, instant: Date): string {
  const zone = calendar.settings.timeZone;
  return `${DateTime.fromJSDate(instant, { zone }).setLocale('en-GB').toFormat('cccc d LLLL HH:mm')} ${zone}`;
}

/**
 * Why business time stands still at `now`: the ticket is pending on the requester (state paused),
 * or today is not a working day of the team calendar (a holiday, a closure, the weekend). null
 * while business time counts.
 */
export function slaPause(calendar: TeamCalendar, state: SlaState, now: Date): SlaPause | null {
  if (state === 'paused') {
    return { reason: 'pending', holiday: null, resumesAt: null, explanation: 'paused while pending on the requester — resumes when the ticket leaves pending' };
  }
  const today = calendar.dateOf(now);
  if (calendar.isWorkingDay(today)) return null;
  const resumesAt = calendar.startOf(nextWorkingDay(calendar, today));
  const holiday = calendar.holidayOn(today);
  const reason = holiday
    ? 'holiday'
    : calendar.settings.closures.includes(today) || calendar.settings.workingDays.includes(weekdayOf(today))
      ? 'closure'
      : 'weekend';
  const why = reason === 'holiday' ? `for ${holiday}` : reason === 'closure' ? 'for a closure day of the team calendar' : 'for the weekend';
  return { reason, holiday, resumesAt, explanation: `paused ${why} — resumes ${slaTime(calendar, resumesAt)}` };
}

/** Closing the open pause at `at`: every pause so far, and the due time they give. */
export function resumeSla(
  calendar: TeamCalendar,
  t: Pick<LifecycleState, 'createdAt' | 'slaPauses' | 'slaPausedSince'>,
  at: Date,
): { pauses: { from: Date; to: Date }[]; dueAt: Date } {
  if (!t.slaPausedSince) throw new Error('the SLA clock is not paused');
  const pauses = [...t.slaPauses, { from: t.slaPausedSince, to: at }];
  return { pauses, dueAt: dueAt(calendar, t.createdAt, FIRST_HANDLING_TARGET_MS, pauses)! };
}

export type SlaAlertKind = 'warning' | 'breach';

/** When to warn and when to alert for a due time: no warning once the due time has passed. */
export function alertTimes(due: Date, warnLeadMs: number, now: Date): { kind: SlaAlertKind; at: Date }[] {
  const alerts: { kind: SlaAlertKind; at: Date }[] = [];
  if (due > now) alerts.push({ kind: 'warning', at: new Date(Math.max(now.getTime(), due.getTime() - warnLeadMs)) });
  alerts.push({ kind: 'breach', at: due });
  return alerts;
}

/** An alert job fires: it counts only while the clock still runs towards the same due time. */
export function alertStillDue(t: SlaFacts | null, jobDueAt: Date): boolean {
  return t !== null && slaRunning(t) && t.slaDueAt!.getTime() === jobDueAt.getTime();
}
