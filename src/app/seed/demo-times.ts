// When the demo's mail arrives and its work happens. The SLA due times are never chosen: they come
// from the team calendar when the mail arrives. To show a ticket at risk and one breached whatever
// the moment of seeding, the seed picks *arrival* times on that calendar; everything else is a
// fixed number of hours before seeding.
import type { TeamCalendar } from '../../domains/calendar/calendar.ts';
import { businessTimeBetween } from '../../domains/calendar/business-time.ts';
import { nextDeliveryRun } from '../../domains/compliance/delivery-schedule.ts';
import { firstHandlingDue } from '../../domains/tickets/sla.ts';

const HOUR = 3_600_000;
/** Far enough back for one business day across any run of holidays and weekends. */
const SEARCH_BACK_MS = 13 * 24 * HOUR;

export const hoursBefore = (now: Date, hours: number): Date => new Date(now.getTime() - hours * HOUR);

/** The latest instant in [from, to] where a monotone condition still holds (to the millisecond). */
function latest(from: number, to: number, holds: (t: number) => boolean): number | null {
  if (!holds(from)) return null;
  let [lo, hi] = [from, to];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) lo = mid;
    else hi = mid;
  }
  return holds(hi) ? hi : lo;
}

/** The latest arrival whose first-handling due time is at or before `due`. */
function arrivalDueBy(calendar: TeamCalendar, due: Date): Date | null {
  const t = latest(due.getTime() - SEARCH_BACK_MS, due.getTime(), (at) => firstHandlingDue(calendar, new Date(at)) <= due);
  return t === null ? null : new Date(t);
}

/**
 * An arrival that leaves the ticket due `minutes` of wall-clock time from now, inside the at-risk
 * window, when the calendar allows it (now + minutes is working time); otherwise `fallbackHours`
 * before now, which is under a business day and so leaves it running with more than the warning lead.
 */
export function arrivalAtRisk(calendar: TeamCalendar, now: Date, minutes: number, warnLeadMs: number, fallbackHours: number): Date {
  const arrival = arrivalDueBy(calendar, new Date(now.getTime() + minutes * 60_000));
  const due = arrival && firstHandlingDue(calendar, arrival);
  return arrival && due! > now && due!.getTime() - now.getTime() <= warnLeadMs ? arrival : hoursBefore(now, fallbackHours);
}

/** An arrival that left the ticket breached `businessMinutes` of business time ago. */
export function arrivalBreached(calendar: TeamCalendar, now: Date, businessMinutes: number): Date {
  const ms = businessMinutes * 60_000;
  const dueAt = latest(now.getTime() - SEARCH_BACK_MS, now.getTime(), (t) => businessTimeBetween(calendar, new Date(t), now) >= ms);
  return arrivalDueBy(calendar, new Date(dueAt ?? now.getTime() - SEARCH_BACK_MS))!;
}

/**
 * The moment a compliance request is queued: `planned`, or just after the last delivery run before
 * now, so that the date its receipt promises is still ahead (a run in between would have delivered it).
 */
export function queuedBeforeNextRun(calendar: TeamCalendar, deliveryTime: string, planned: Date, now: Date): Date {
  let at = planned;
  for (;;) {
    const run = nextDeliveryRun(calendar, at, deliveryTime).at;
    if (run > now) return at;
    at = new Date(Math.min(run.getTime() + 60_000, now.getTime()));
  }
}
