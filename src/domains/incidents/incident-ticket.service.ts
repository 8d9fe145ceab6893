// Declaring an incident from a ticket: the ticket's subject and requester are its context, and the
// two are linked both ways (the incident keeps the ticket; the ticket lists its incidents, as far
// as the viewer may see them).
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { TicketsRepository } from '../tickets/tickets.ports.ts';
import { viewerOf } from './incident-access.ts';
import type { IncidentsStore } from './incidents.ports.ts';
import type { IncidentsService } from './incidents.service.ts';
import type { Incident, NewIncident } from './incidents.types.ts';

type Store = IncidentsStore & { tickets: Pick<TicketsRepository, 'byId'> };

export interface TicketIncident {
  id: string;
  number: number;
  title: string;
  status: string;
}

export class IncidentTicketService {
  readonly #store: Transactor<Store>;
  readonly #incidents: IncidentsService;

  constructor(deps: { store: Transactor<Store>; incidents: IncidentsService }) {
    this.#store = deps.store;
    this.#incidents = deps.incidents;
  }

  async declareFromTicket(
    ctx: ActionContext,
    ticketId: string,
    input: Omit<NewIncident, 'title' | 'description' | 'ticketId'> & { title?: string; description?: string },
  ): Promise<Incident> {
    authorize(ctx.actor, 'incidents.write');
    authorize(ctx.actor, 'tickets.read');
    const ticket = await this.#store.read.tickets.byId(ticketId);
    if (!ticket) throw new NotFoundError('ticket');
    const requester = ticket.requester.name ? `${ticket.requester.name} <${ticket.requester.email}>` : ticket.requester.email;
    const context = `Declared from ticket #${ticket.number} "${ticket.subject}" reported by ${requester}.`;
    const description = input.description?.trim() ? `${input.description.trim()}\n\n${context}` : context;
    return this.#incidents.declare(ctx, {
      ...input,
      title: input.title?.trim() || ticket.subject.slice(0, 200) || `Ticket #${ticket.number}`,
      description,
      ticketId: ticket.id,
    });
  }

  /** The incidents declared from a ticket that the viewer may see (a restricted one stays hidden from others). */
  async ofTicket(ctx: ActionContext, ticketId: string): Promise<TicketIncident[]> {
    authorize(ctx.actor, 'incidents.read');
    authorize(ctx.actor, 'tickets.read');
    const found = await this.#store.read.incidents.byTicket(viewerOf(ctx.actor), ticketId);
    return found.map((i) => ({ id: i.id, number: i.number, title: i.title, status: i.status }));
  }
}
