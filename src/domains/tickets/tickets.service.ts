// Reading the security inbox, and opening tickets.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import type { Transactor } from '../ports.ts';
import type { TicketsStore } from './tickets.ports.ts';
import type { NewTicket, Ticket, TicketFilter, TicketSummary } from './tickets.types.ts';

const MAX_QUERY = 200;

export class TicketsService {
  readonly #store: Transactor<TicketsStore>;

  constructor(deps: { store: Transactor<TicketsStore> }) {
    this.#store = deps.store;
  }

  async list(ctx: ActionContext, filter: TicketFilter, limit: number, cursor: string | null): Promise<{ items: TicketSummary[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'tickets.read');
    const q = filter.q?.trim();
    if (q && q.length > MAX_QUERY) throw new ValidationError(`search text is limited to ${MAX_QUERY} characters`);
    const rows = await this.#store.read.tickets.list({ ...filter, q: q || undefined }, limit + 1, decodeCursor(cursor));
    return pageOf(rows, limit, (t) => ({ at: t.createdAt, id: t.id }));
  }

  async get(ctx: ActionContext, id: string): Promise<Ticket> {
    authorize(ctx.actor, 'tickets.read');
    const ticket = await this.#store.read.tickets.byId(id);
    if (!ticket) throw new NotFoundError('ticket');
    return ticket;
  }

  /** Opens a ticket with its first messages (mail intake and the demo data use this). */
  async open(ctx: ActionContext, ticket: NewTicket): Promise<TicketSummary> {
    authorize(ctx.actor, 'tickets.write');
    if (!ticket.subject.trim()) throw new ValidationError('a ticket needs a subject');
    if (ticket.messages.length === 0) throw new ValidationError('a ticket needs at least one message');
    return this.#store.transaction(async (s) => {
      const created = await s.tickets.create(ticket);
      await s.audit.append(ctx, { action: 'ticket.opened', entityType: 'ticket', entityId: created.id, after: { number: created.number, subject: created.subject, requester: created.requester.email, status: created.status } });
      return created;
    });
  }
}
