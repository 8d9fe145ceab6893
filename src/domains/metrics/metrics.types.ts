// What the metrics show: a period on the team calendar and a list of sections. Every section has
// the same shape (headline figures and a table), so the dashboard, the JSON API and the CSV export
// treat them alike and a new source (engagements, compliance requests) only adds sections.
import type { IsoDate } from '../calendar/calendar.ts';
import type { Disposition, TicketStatus } from '../tickets/tickets.types.ts';

/** Whole local days on the team calendar, both ends included. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type CellKind = 'text' | 'date' | 'count' | 'percent' | 'hours' | 'days';
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  kind: CellKind;
}

export interface Figure {
  key: string;
  label: string;
  kind: CellKind;
  value: number | null;
}

export interface MetricsSection {
  key: string;
  title: string;
  description: string;
  figures: Figure[];
  columns: Column[];
  rows: Record<string, Cell>[];
  /** The column the dashboard draws as a bar, if any. */
  bar: string | null;
}

/** What the metrics need of a ticket created in the period. */
export interface TicketFacts {
  createdAt: Date;
  firstHandledAt: Date | null;
  slaDueAt: Date | null;
  disposition: Disposition | null;
  status: TicketStatus;
  slaPausedSince: Date | null;
  slaPauses: { from: Date; to: Date }[];
}

/** Tickets not yet solved or closed, now, by status. */
export interface OpenTicketsRow {
  status: TicketStatus;
  count: number;
  oldestCreatedAt: Date;
}

/** Engagements not closed, now, per team. */
export interface OpenEngagementsRow {
  team: string;
  open: number;
  /** Of those, still waiting for the team's answer. */
  researching: number;
  averageAgeMs: number;
  oldestCreatedAt: Date;
}

/** Compliance report requests, now, per state. */
export interface ComplianceRequestsRow {
  state: string;
  count: number;
  oldestCreatedAt: Date;
}

export interface MetricsReport {
  period: Period;
  timeZone: string;
  generatedAt: Date;
  sections: MetricsSection[];
}
