import type { ComplianceRequestsRow, OpenEngagementsRow, OpenTicketsRow, TicketFacts } from './metrics.types.ts';

export interface MetricsRepository {
  /** Tickets created in [from, to), with only what the metrics need. */
  ticketFacts(from: Date, to: Date): Promise<TicketFacts[]>;
  /** Every ticket not solved or closed, counted by status, with the oldest one's arrival. */
  openTicketsByStatus(): Promise<OpenTicketsRow[]>;
  /** Engagements not closed, counted per team, with their ages. */
  openEngagementsByTeam(now: Date): Promise<OpenEngagementsRow[]>;
  /** Compliance report requests counted by state, with the oldest one's creation. */
  complianceRequestsByState(): Promise<ComplianceRequestsRow[]>;
}
