import type { AuditPort } from '../ports.ts';
import type { Position } from '../pagination.ts';
import type { NewMessage, NewTicket, ThreadTarget, Ticket, TicketFilter, TicketStatus, TicketSummary } from './tickets.types.ts';

export interface TicketsRepository {
  /** Newest first, after the given position; returns up to `limit` rows. */
  list(filter: TicketFilter, limit: number, after: Position | null): Promise<TicketSummary[]>;
  byId(id: string): Promise<Ticket | null>;
  count(): Promise<number>;
  create(ticket: NewTicket): Promise<TicketSummary>;
  /** The ticket holding a message with one of these Message-IDs (the first id that matches wins). */
  byMessageIds(messageIds: string[]): Promise<ThreadTarget | null>;
  byNumber(number: number): Promise<ThreadTarget | null>;
  appendMessage(ticketId: string, message: NewMessage): Promise<void>;
  setStatus(ticketId: string, status: TicketStatus, at: Date): Promise<void>;
}

export interface RawMailStore {
  /** Keeps the bytes under their SHA-256; storing the same bytes again is a no-op. */
  put(sha256: string, content: Buffer): Promise<void>;
}

export interface TicketsStore {
  tickets: TicketsRepository;
  rawMail: RawMailStore;
  audit: AuditPort;
}
