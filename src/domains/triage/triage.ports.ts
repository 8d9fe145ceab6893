import type { AuditPort, JobSender } from '../ports.ts';
import type { TicketsRepository } from '../tickets/tickets.ports.ts';
import type { TriageResult } from './classifier.ts';
import type { ComparableTicket, DuplicateCandidate, NewDuplicateCandidate } from './duplicates.types.ts';
import type { DecidedExample, NewDecision, StoredSuggestion, TriageDecision } from './triage.types.ts';

export interface TriageRepository {
  suggestion(ticketId: string): Promise<StoredSuggestion | null>;
  /** Stores the ticket's one suggestion; returns false when it already has one. */
  saveSuggestion(ticketId: string, result: TriageResult, at: Date): Promise<boolean>;
  latestDecision(ticketId: string): Promise<TriageDecision | null>;
  recordDecision(decision: NewDecision): Promise<string>;
  /** Each ticket's latest decision with its first inbound message, oldest first. */
  decidedExamples(limit: number): Promise<DecidedExample[]>;
  /** Tickets opened before `ticketId` that are not solved or closed, or were created since `since`; newest first. */
  comparableTickets(ticketId: string, since: Date, limit: number): Promise<ComparableTicket[]>;
  /** Stores the candidates found for a ticket (a ticket's candidates are found once; repeats are ignored). */
  saveDuplicateCandidates(ticketId: string, candidates: NewDuplicateCandidate[], at: Date): Promise<number>;
  duplicateCandidates(ticketId: string): Promise<DuplicateCandidate[]>;
  /** Marks the candidate as linked; false when the ticket has no such candidate. */
  linkDuplicate(ticketId: string, candidateId: string, by: string | null, at: Date): Promise<boolean>;
}

export interface TriageStore {
  triage: TriageRepository;
  tickets: Pick<TicketsRepository, 'byId'>;
  audit: AuditPort;
  jobs: JobSender;
}
