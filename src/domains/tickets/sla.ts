// The first-handling target: one business day on the team calendar from the moment the mail
// arrived. The clock stops while the ticket is pending on the requester when the team chooses so;
// leaving pending closes the pause and the due time is computed again from all pauses. "At risk"
// and "breached" are defined here once: the inbox views (views.ts) and the ticket's clock use them.
import { BUSINESS_DAY_MS, businessTimeBetween, dueAt } from '../calendar/business-time.ts';
import type { TeamCalendar } from '../calendar/calendar.ts';
import type { LifecycleState, SlaStatus, TicketStatus } from './tickets.types.ts';

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
  const due = t.slaDueAt;
  if (!due) return { state: 'none', dueAt: null, businessMsLeft: null };
  if (t.firstHandledAt) return { state: 'handled', dueAt: due, businessMsLeft: null };
  if (t.status === 'solved' || t.status === 'closed') return { state: 'none', dueAt: due, businessMsLeft: null };
  if (t.slaPausedSince) return { state: 'paused', dueAt: due, businessMsLeft: signedBusinessTime(calendar, t.slaPausedSince, due) };
  const businessMsLeft = signedBusinessTime(calendar, now, due);
  if (inWindow(due, breachedWindow(now))) return { state: 'breached', dueAt: due, businessMsLeft };
  if (inWindow(due, atRiskWindow(now, warnLeadMs))) return { state: 'at_risk', dueAt: due, businessMsLeft };
  return { state: 'running', dueAt: due, businessMsLeft };
}

/** Closing the open pause at `at`: every pause so far, and the due time they give. */
export function resumeSla(calendar: TeamCalendar, t: Pick<LifecycleState, 'createdAt' | 'slaPauses' | 'slaPausedSince'>, at: Date): { pauses: { from: Date; to: Date }[]; dueAt: Date } {
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
