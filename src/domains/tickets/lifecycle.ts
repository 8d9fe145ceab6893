// What follows a status change, wherever it comes from (the API, a reply, mail from the requester,
// a job): the transition table is enforced, solving marks the ticket handled and schedules the
// quiet-period close, entering pending stops the SLA clock when the team pauses for that, leaving
// pending starts it again with a recomputed due time and fresh alerts. Runs inside the caller's
// transaction, so the change, its jobs and the caller's audit entry commit together.
import type { TeamCalendar } from '../calendar/calendar.ts';
import { ValidationError, NotFoundError } from '../errors.ts';
import type { JobSender } from '../ports.ts';
import { alertTimes, resumeSla, slaRunning, type SlaAlertKind } from './sla.ts';
import type { TicketsStore } from './tickets.ports.ts';
import { canTransition, STATUS_TRANSITIONS, type LifecycleState, type TicketStatus } from './tickets.types.ts';

export const CLOSE_QUEUE = 'tickets.close-quietly';
export const SLA_ALERT_QUEUE = 'tickets.sla-alert';

export interface TicketPolicy {
  calendar: TeamCalendar;
  /** A solved ticket closes after this much quiet (wall-clock time). */
  closeAfterMs: number;
  /** Stop the SLA clock while the ticket is pending on the requester. */
  pauseWhenPending: boolean;
  /** Warn this long (wall-clock time) before the SLA falls due. */
  warnLeadMs: number;
}

export interface CloseJob {
  ticketId: string;
  /** When the ticket was solved (ISO 8601): the job closes only that solve. */
  solvedAt: string;
}

export interface SlaAlertJob {
  ticketId: string;
  kind: SlaAlertKind;
  /** The due time the alert is about (ISO 8601): a moved due time makes the alert void. */
  dueAt: string;
}

/** What a status change did besides the status, for the caller's audit entry. */
export interface StatusEffects {
  slaPaused?: true;
  slaDueAt?: Date;
  closesAfter?: Date;
}

export class TicketLifecycle {
  readonly policy: TicketPolicy;

  constructor(policy: TicketPolicy) {
    this.policy = policy;
  }

  /** A new ticket: alerts for its SLA, and the quiet-period close when it arrives solved. */
  async opened(s: TicketsStore, ticketId: string, at: Date): Promise<void> {
    const state = await s.tickets.lifecycleState(ticketId, false);
    if (!state) throw new NotFoundError('ticket');
    if (state.slaDueAt && slaRunning(state)) await this.scheduleAlerts(s.jobs, ticketId, state.slaDueAt, at);
    if (state.status === 'solved') await this.scheduleClose(s.jobs, ticketId, state.statusChangedAt);
  }

  /** Locks the ticket and moves it to `to`; a ticket already there is left as it is. */
  async moveTo(s: TicketsStore, ticketId: string, to: TicketStatus, at: Date): Promise<StatusEffects> {
    const state = await s.tickets.lifecycleState(ticketId, true);
    if (!state) throw new NotFoundError('ticket');
    if (state.status === to) return {};
    if (!canTransition(state.status, to))
      throw new ValidationError(
        `a ticket that is ${state.status} cannot become ${to} (allowed: ${STATUS_TRANSITIONS[state.status].join(', ') || 'none, closed is final'})`,
      );
    await s.tickets.setStatus(ticketId, to, at);
    const effects: StatusEffects = {};
    if (state.status === 'pending' && state.slaPausedSince) await this.#resume(s, state, to, at, effects);
    if (to === 'pending' && this.policy.pauseWhenPending && slaRunning(state)) {
      await s.tickets.update(ticketId, { slaPausedSince: at }, at);
      effects.slaPaused = true;
    }
    if (to === 'solved') {
      await s.tickets.markFirstHandled(ticketId, at);
      effects.closesAfter = await this.scheduleClose(s.jobs, ticketId, at);
    }
    return effects;
  }

  async #resume(s: TicketsStore, state: LifecycleState, to: TicketStatus, at: Date, effects: StatusEffects): Promise<void> {
    const { pauses, dueAt } = resumeSla(this.policy.calendar, state, at);
    await s.tickets.update(state.id, { slaPausedSince: null, slaPauses: pauses, slaDueAt: dueAt }, at);
    effects.slaDueAt = dueAt;
    if (!state.firstHandledAt && to !== 'solved' && to !== 'closed') await this.scheduleAlerts(s.jobs, state.id, dueAt, at);
  }

  async scheduleAlerts(jobs: JobSender, ticketId: string, due: Date, now: Date): Promise<void> {
    for (const alert of alertTimes(due, this.policy.warnLeadMs, now)) {
      const job: SlaAlertJob = { ticketId, kind: alert.kind, dueAt: due.toISOString() };
      await jobs.send(SLA_ALERT_QUEUE, job, { startAfter: alert.at, singletonKey: `${ticketId}:${alert.kind}:${job.dueAt}` });
    }
  }

  async scheduleClose(jobs: JobSender, ticketId: string, solvedAt: Date): Promise<Date> {
    const closesAfter = new Date(solvedAt.getTime() + this.policy.closeAfterMs);
    const job: CloseJob = { ticketId, solvedAt: solvedAt.toISOString() };
    await jobs.send(CLOSE_QUEUE, job, { startAfter: closesAfter, singletonKey: `${ticketId}:${job.solvedAt}` });
    return closesAfter;
  }
}
