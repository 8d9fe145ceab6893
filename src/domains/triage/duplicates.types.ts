// Possible duplicates of a ticket as stored and shown, and the job that finds them.
import type { DuplicateEvidence } from './duplicates.ts';

/** A ticket a new report is compared with: its first inbound message. */
export interface ComparableTicket {
  id: string;
  number: number;
  subject: string;
  body: string;
}

export interface NewDuplicateCandidate {
  duplicateOf: string;
  evidence: DuplicateEvidence;
}

export interface DuplicateCandidate {
  id: string;
  /** The earlier ticket this one may duplicate. */
  duplicateOf: { id: string; number: number; subject: string; status: string };
  evidence: DuplicateEvidence;
  createdAt: Date;
  /** Set when an analyst linked it: marked as a duplicate of that ticket. */
  linked: { by: { id: string; name: string } | null; at: Date } | null;
}

/** The `triage.duplicates` job: compares a new vulnerability report with open and recent tickets. */
export const DUPLICATES_QUEUE = 'triage.duplicates';
export interface DuplicatesJob {
  ticketId: string;
}
