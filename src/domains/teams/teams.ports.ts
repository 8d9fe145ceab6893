// What the teams domain needs from storage.
import type { AuditPort, JobSender } from '../ports.ts';
import type { EngagementState, IssueState, NewTeamEngagement, Team, TeamEngagement, TeamInput, TeamPatch, TrackerSettings } from './teams.types.ts';

export interface TeamsRepository {
  list(): Promise<Team[]>;
  byId(id: string): Promise<Team | null>;
  /** The tracker with its secret, for the issue job only. */
  trackerOf(id: string): Promise<TrackerSettings | null>;
  byName(name: string): Promise<Team | null>;
  insert(input: TeamInput, at: Date): Promise<string>;
  update(id: string, patch: TeamPatch, at: Date): Promise<void>;
}

export interface TeamEngagementsRepository {
  insert(e: NewTeamEngagement): Promise<string>;
  byId(id: string, lock?: boolean): Promise<TeamEngagement | null>;
  /** The ticket's engagements, newest first. */
  forTicket(ticketId: string): Promise<TeamEngagement[]>;
  /** Engagements not yet closed, oldest first. */
  listActive(limit: number): Promise<TeamEngagement[]>;
  setState(id: string, state: EngagementState, at: Date): Promise<void>;
  recordAnswer(id: string, answer: string, by: string, at: Date): Promise<void>;
  setNextUpdateDue(id: string, due: Date | null): Promise<void>;
  setIssue(id: string, issue: { state: IssueState; ref?: string | null; url?: string | null; error?: string | null }): Promise<void>;
  /** When the ticket last sent mail to its requester, at or after `since`. */
  lastOutboundSince(ticketId: string, since: Date): Promise<Date | null>;
}

export interface TeamsStore {
  teams: TeamsRepository;
  teamEngagements: TeamEngagementsRepository;
  audit: AuditPort;
  jobs: JobSender;
}
