// Subject-matter teams and the engagements the security inbox opens with them.
import type { TicketStatus } from '../tickets/tickets.types.ts';

/** Where a team tracks its work; tokens are secrets: stored, never shown again. */
export type TrackerSettings =
  | { kind: 'gitlab'; baseUrl: string; projectId: string; token: string }
  | { kind: 'jira'; baseUrl: string; projectKey: string; email: string; apiToken: string };

/** A tracker as the API shows it: everything but the secret. */
export type TrackerView =
  | { kind: 'gitlab'; baseUrl: string; projectId: string; hasToken: boolean }
  | { kind: 'jira'; baseUrl: string; projectKey: string; email: string; hasToken: boolean };

export interface Team {
  id: string;
  name: string;
  ownerId: string | null;
  ownerEmail: string | null;
  notifyAddress: string | null;
  /** How often the requester is owed an update while the team researches. */
  cadenceHours: number;
  tracker: TrackerView | null;
}

export interface TeamInput {
  name: string;
  ownerId?: string | null | undefined;
  notifyAddress?: string | null | undefined;
  cadenceHours?: number | undefined;
  tracker?: TrackerSettings | null | undefined;
}

export type TeamPatch = Partial<TeamInput>;

export const ENGAGEMENT_STATES = ['open', 'answered', 'closed'] as const;
export type EngagementState = (typeof ENGAGEMENT_STATES)[number];
export type IssueState = 'none' | 'pending' | 'created' | 'failed';

export interface TeamEngagement {
  id: string;
  ticketId: string;
  ticketNumber: number;
  ticketSubject: string;
  ticketStatus: TicketStatus;
  teamId: string;
  teamName: string;
  ownerId: string | null;
  state: EngagementState;
  question: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  nextUpdateDue: Date | null;
  issue: { state: IssueState; ref: string | null; url: string | null; error: string | null };
  createdAt: Date;
  closedAt: Date | null;
}

export interface NewTeamEngagement {
  ticketId: string;
  teamId: string;
  ownerId: string | null;
  question: string;
  nextUpdateDue: Date;
  issueState: IssueState;
  createdAt: Date;
}
