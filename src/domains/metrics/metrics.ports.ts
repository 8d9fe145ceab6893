import type { OpenTicketsRow, TicketFacts } from './metrics.types.ts';

export interface MetricsRepository {
  /** Tickets created in [from, to), with only what the metrics need. */
  ticketFacts(from: Date, to: Date): Promise<TicketFacts[]>;
  /** Every ticket not solved or closed, counted by status, with the oldest one's arrival. */
  openTicketsByStatus(): Promise<OpenTicketsRow[]>;
}
