// A ticket's triage suggestion as stored and shown, and the analysts' decisions about it.
import type { Disposition } from '../tickets/tickets.types.ts';
import type { OutOfScope, TriageReason, TriageResult } from './classifier.ts';
import type { TriageLabel } from './labels.ts';

export interface TriageDecision {
  label: TriageLabel;
  disposition: Disposition | null;
  /** The analyst kept the suggested label. */
  accepted: boolean;
  by: { id: string; name: string } | null;
  at: Date;
}

export interface TicketSuggestion {
  label: TriageLabel;
  disposition: Disposition | null;
  confidence: number;
  ranking: { label: TriageLabel; confidence: number }[];
  reasons: TriageReason[];
  /** "Likely out of scope", derived from the reasons: the families seen and the reply template to use. */
  outOfScope: OutOfScope | null;
  modelVersion: string;
  createdAt: Date;
  /** The latest analyst decision, if any. */
  decision: TriageDecision | null;
}

export interface StoredSuggestion extends Omit<TicketSuggestion, 'decision' | 'outOfScope'> {
  id: string;
}

export interface NewDecision {
  ticketId: string;
  suggestionId: string;
  suggested: { label: TriageLabel; disposition: Disposition | null };
  chosen: { label: TriageLabel; disposition: Disposition | null };
  decidedBy: string | null;
  at: Date;
}

/** An analyst's choice with the message it was about: a labelled row for retraining. */
export interface DecidedExample {
  subject: string;
  body: string;
  from: string;
  label: TriageLabel;
  decidedAt: Date;
}

export type { TriageResult };

/** The `triage.suggest` job: a suggestion for a new ticket, queued by whoever opens the ticket (mail intake, the API). */
export const TRIAGE_QUEUE = 'triage.suggest';
export interface TriageJob {
  ticketId: string;
}
