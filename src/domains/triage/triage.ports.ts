import type { AuditPort } from '../ports.ts';
import type { TicketsRepository } from '../tickets/tickets.ports.ts';
import type { TriageResult } from './classifier.ts';
import type { DecidedExample, NewDecision, StoredSuggestion, TriageDecision } from './triage.types.ts';

export interface TriageRepository {
  suggestion(ticketId: string): Promise<StoredSuggestion | null>;
  /** Stores the ticket's one suggestion; returns false when it already has one. */
  saveSuggestion(ticketId: string, result: TriageResult, at: Date): Promise<boolean>;
  latestDecision(ticketId: string): Promise<TriageDecision | null>;
  recordDecision(decision: NewDecision): Promise<string>;
  /** Each ticket's latest decision with its first inbound message, oldest first. */
  decidedExamples(limit: number): Promise<DecidedExample[]>;
}

export interface TriageStore {
  triage: TriageRepository;
  tickets: Pick<TicketsRepository, 'byId'>;
  audit: AuditPort;
}
