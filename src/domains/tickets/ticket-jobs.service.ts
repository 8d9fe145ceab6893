// The lifecycle's durable jobs: the quiet-period close, and SLA warnings and breach alerts. Each
// re-reads the ticket under a lock and acts only if what it was scheduled for still holds, so a
// job that runs twice, late, or after the ticket moved on does nothing wrong.
import { DateTime } from 'luxon';
import { SYSTEM_ACTOR } from '../../authz/authorize.ts';
import { POLICIES } from '../../authz/policies.ts';
import type { ActionContext, Clock } from '../context.ts';
import type { Transactor } from '../ports.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { CLOSE_QUEUE, type CloseJob, type SlaAlertJob, type TicketLifecycle } from './lifecycle.ts';
import { quietCloseDecision } from './quiet-close.ts';
import { alertStillDue } from './sla.ts';
import type { TicketsStore } from './tickets.ports.ts';
import type { LifecycleState } from './tickets.types.ts';

const JOB_CTX: ActionContext = { actor: { ...SYSTEM_ACTOR, label: 'ticket lifecycle' } };

export class TicketJobsService {
  readonly #store: Transactor<TicketsStore>;
  readonly #clock: Clock;
  readonly #lifecycle: TicketLifecycle;
  readonly #notifier: Notifier;

  constructor(deps: { store: Transactor<TicketsStore>; clock: Clock; lifecycle: TicketLifecycle; notifier: Notifier }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#lifecycle = deps.lifecycle;
    this.#notifier = deps.notifier;
  }

  /** Returns what happened: closed, skipped (and why) or rescheduled. */
  async closeQuietly(job: CloseJob): Promise<string> {
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const state = await s.tickets.lifecycleState(job.ticketId, true);
      const decision = quietCloseDecision(state, new Date(job.solvedAt), now, this.#lifecycle.policy.closeAfterMs);
      if (decision.action === 'skip') return `skipped: ${decision.reason}`;
      if (decision.action === 'wait') {
        await s.jobs.send(CLOSE_QUEUE, job, { startAfter: decision.until });
        return 'rescheduled';
      }
      await this.#lifecycle.moveTo(s, job.ticketId, 'closed', now);
      await s.audit.append(JOB_CTX, {
        action: 'ticket.closed_quietly',
        entityType: 'ticket',
        entityId: job.ticketId,
        before: { status: 'solved' },
        after: { status: 'closed', solvedAt: job.solvedAt },
      });
      return 'closed';
    });
  }

  /** Returns how many people were newly notified. */
  async alert(job: SlaAlertJob): Promise<number> {
    return this.#store.transaction(async (s) => {
      const state = await s.tickets.lifecycleState(job.ticketId, true);
      if (!state || !alertStillDue(state, new Date(job.dueAt))) return 0;
      const team = await s.tickets.agents(POLICIES['tickets.write']);
      const assignee = team.find((a) => a.id === state.assigneeId);
      const recipients = assignee ? [assignee] : team;
      const notified = await this.#notifier.notify(
        s,
        recipients.map((r) => r.id),
        {
          kind: job.kind === 'warning' ? 'sla_warning' : 'sla_breach',
          ticketId: state.id,
          title: this.#title(job, state),
          body: this.#body(job, state, Boolean(assignee)),
          dedupeKey: `${job.kind}:${state.id}:${job.dueAt}`,
        },
      );
      if (notified > 0) {
        await s.audit.append(JOB_CTX, {
          action: job.kind === 'warning' ? 'ticket.sla_warning' : 'ticket.sla_breached',
          entityType: 'ticket',
          entityId: state.id,
          after: { dueAt: job.dueAt, notified: recipients.map((r) => r.email), to: assignee ? 'assignee' : 'team' },
        });
      }
      return notified;
    });
  }

  #title(job: SlaAlertJob, t: LifecycleState): string {
    const subject = t.subject.length > 100 ? `${t.subject.slice(0, 100)}…` : t.subject;
    return `${job.kind === 'warning' ? 'SLA at risk' : 'SLA breached'}: #${t.number} ${subject}`;
  }

  #body(job: SlaAlertJob, t: LifecycleState, toAssignee: boolean): string {
    const zone = this.#lifecycle.policy.calendar.settings.timeZone;
    const due = DateTime.fromISO(job.dueAt, { zone }).toFormat('cccc d LLLL yyyy, HH:mm ZZZZ');
    const lines = [
      job.kind === 'warning'
        ? `Ticket #${t.number} has not been handled yet; its first-handling target falls due ${due}.`
        : `Ticket #${t.number} was not handled by its first-handling target, ${due}.`,
      toAssignee ? 'You are its assignee.' : 'It has no assignee on the team: anyone on the team can take it.',
    ];
    lines.push('', this.#notifier.link(`/inbox/${t.id}`));
    return lines.join('\n');
  }
}
