// Reading the security inbox (views, search, filters, counts, history), and opening tickets.
import { authorize } from '../../authz/authorize.ts';
import { POLICIES } from '../../authz/policies.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import type { Transactor } from '../ports.ts';
import type { TicketLifecycle } from './lifecycle.ts';
import { slaStatus } from './sla.ts';
import type { TicketsStore } from './tickets.ports.ts';
import {
  DISPOSITIONS,
  TICKET_VIEWS,
  type Agent,
  type NewTicket,
  type TicketDetail,
  type TicketFilter,
  type TicketHistoryEntry,
  type TicketListItem,
  type TicketSummary,
  type TicketView,
} from './tickets.types.ts';
import { criteriaFor, viewCriteria, type ViewContext } from './views.ts';
import { normaliseTag } from './tags.ts';
import { TRIAGE_QUEUE } from '../triage/triage.types.ts';

const MAX_QUERY = 200;
const HISTORY_LIMIT = 500;

export interface ViewCounts {
  views: Record<TicketView, number>;
  /** Tickets per disposition, 'none' for those without one. */
  dispositions: Record<string, number>;
}

export class TicketsService {
  readonly #store: Transactor<TicketsStore>;
  readonly #clock: Clock;
  readonly #lifecycle: TicketLifecycle;

  constructor(deps: { store: Transactor<TicketsStore>; clock: Clock; lifecycle: TicketLifecycle }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#lifecycle = deps.lifecycle;
  }

  #viewContext(ctx: ActionContext, now: Date): ViewContext {
    return { userId: ctx.actor.userId, now, warnLeadMs: this.#lifecycle.policy.warnLeadMs };
  }

  #withSla<T extends TicketSummary>(ticket: T, now: Date): T & { sla: TicketListItem['sla'] } {
    const { calendar, warnLeadMs } = this.#lifecycle.policy;
    return { ...ticket, sla: slaStatus(ticket, now, calendar, warnLeadMs) };
  }

  async list(ctx: ActionContext, filter: TicketFilter, limit: number, cursor: string | null): Promise<{ items: TicketListItem[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'tickets.read');
    const q = filter.q?.trim();
    if (q && q.length > MAX_QUERY) throw new ValidationError(`search text is limited to ${MAX_QUERY} characters`);
    const now = this.#clock.now();
    const criteria = criteriaFor({ ...filter, q: q || undefined, tag: filter.tag ? normaliseTag(filter.tag) : undefined }, this.#viewContext(ctx, now));
    const rows = await this.#store.read.tickets.list(criteria, limit + 1, decodeCursor(cursor));
    const page = pageOf(rows, limit, (t) => ({ at: t.createdAt, id: t.id }));
    return { items: page.items.map((t) => this.#withSla(t, now)), nextCursor: page.nextCursor };
  }

  /** How many tickets each view holds, and tickets per disposition (for the inbox's side list). */
  async counts(ctx: ActionContext): Promise<ViewCounts> {
    authorize(ctx.actor, 'tickets.read');
    const viewContext = this.#viewContext(ctx, this.#clock.now());
    const views = {} as Record<TicketView, number>;
    for (const view of TICKET_VIEWS) {
      views[view] = view === 'mine' && !ctx.actor.userId ? 0 : await this.#store.read.tickets.countWhere(viewCriteria(view, viewContext));
    }
    const found = await this.#store.read.tickets.countByDisposition();
    const dispositions = Object.fromEntries(['none', ...DISPOSITIONS].map((d) => [d, found[d] ?? 0]));
    return { views, dispositions };
  }

  async get(ctx: ActionContext, id: string): Promise<TicketDetail> {
    authorize(ctx.actor, 'tickets.read');
    const ticket = await this.#store.read.tickets.byId(id);
    if (!ticket) throw new NotFoundError('ticket');
    return this.#withSla(ticket, this.#clock.now());
  }

  /** The ticket's history, oldest first, from the audit log. */
  async history(ctx: ActionContext, id: string): Promise<TicketHistoryEntry[]> {
    authorize(ctx.actor, 'tickets.read');
    if (!(await this.#store.read.tickets.lifecycleState(id, false))) throw new NotFoundError('ticket');
    const entries = await this.#store.read.auditLog.list({ entityType: 'ticket', entityId: id }, HISTORY_LIMIT, null);
    return entries.reverse().map((e) => ({ seq: e.seq, at: e.at, actorLabel: e.actorLabel, action: e.action, before: e.before, after: e.after }));
  }

  /** Who tickets can be assigned to: enabled users holding tickets.write. */
  async agents(ctx: ActionContext): Promise<Agent[]> {
    authorize(ctx.actor, 'tickets.read');
    return this.#store.read.tickets.agents(POLICIES['tickets.write']);
  }

  /** Opens a ticket with its first messages (tests use this; mail arrives through the intake). */
  async open(ctx: ActionContext, ticket: NewTicket): Promise<TicketSummary> {
    authorize(ctx.actor, 'tickets.write');
    if (!ticket.subject.trim()) throw new ValidationError('a ticket needs a subject');
    if (ticket.messages.length === 0) throw new ValidationError('a ticket needs at least one message');
    return this.#store.transaction(async (s) => {
      const created = await s.tickets.create(ticket);
      await this.#lifecycle.opened(s, created.id, this.#clock.now());
      await s.jobs.send(TRIAGE_QUEUE, { ticketId: created.id });
      await s.audit.append(ctx, {
        action: 'ticket.opened',
        entityType: 'ticket',
        entityId: created.id,
        after: { number: created.number, subject: created.subject, requester: created.requester.email, status: created.status },
      });
      return created;
    });
  }
}
