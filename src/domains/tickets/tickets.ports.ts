import type { AuditPort } from '../ports.ts';
import type { Position } from '../pagination.ts';
import type { NewTicket, Ticket, TicketFilter, TicketSummary } from './tickets.types.ts';

export interface TicketsRepository {
  /** Newest first, after the given position; returns up to `limit` rows. */
  list(filter: TicketFilter, limit: number, after: Position | null): Promise<TicketSummary[]>;
  byId(id: string): Promise<Ticket | null>;
  count(): Promise<number>;
  create(ticket: NewTicket): Promise<TicketSummary>;
}

export interface TicketsStore {
  tickets: TicketsRepository;
  audit: AuditPort;
}
