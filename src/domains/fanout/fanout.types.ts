// Distribution lists, suppressions and sends: the shapes the fan-out domain speaks in.
export const AUDIENCES = ['users', 'customers'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface Contact {
  email: string;
  /** Deduplication key: exact local part, lower-case ASCII domain. */
  key: string;
  domain: string;
  firstName: string;
  lastName: string;
  company: string;
  audience: Audience;
  /** The row's values of the list's own columns (normalised names, see listColumnName). */
  fields: Record<string, string>;
}

export interface ContactReject {
  line: number;
  value: string;
  reason: string;
}

export interface DistributionList {
  id: string;
  name: string;
  source: string;
  memberCount: number;
  invalidCount: number;
  duplicateCount: number;
  /** The list's own columns beyond the fixed ones, each a placeholder ({{region}}). */
  columns: string[];
  createdAt: Date;
}

export interface ListCounts {
  users: number;
  customers: number;
  suppressed: number;
}

export const SUPPRESSION_REASONS = ['opt_out', 'unsubscribe', 'bounce', 'complaint', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const SEND_STATUSES = ['draft', 'running', 'paused', 'cancelled', 'done'] as const;
export type SendStatus = (typeof SEND_STATUSES)[number];

// 'ambiguous': the process died after recording the message but before its final dot provably left;
// the relay may or may not have it (README, "Exactly once"). Never re-sent without an operator.
export const RECIPIENT_STATES = ['pending', 'sending', 'sent', 'failed', 'suppressed', 'cancelled', 'ambiguous'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export interface Send {
  id: string;
  listId: string | null;
  audience: Audience | null;
  from: string;
  subject: string;
  body: string;
  contentHash: string;
  listMail: boolean;
  isTest: boolean;
  status: SendStatus;
  pauseReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface SendProgress {
  status: SendStatus;
  pauseReason: string | null;
  total: number;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  suppressed: number;
  cancelled: number;
  /** Sent after the process died between ending the message and recording the relay's answer (see README). */
  unconfirmed: number;
  /** Delivery unknown: the process died in the instant between recording a message and its final dot leaving. */
  ambiguous: number;
  /** Messages per second over the last 10 seconds. */
  rate: number;
}

/** One claimed delivery: the engine sends it and settles it. */
export interface Delivery {
  seq: number;
  email: string;
  domain: string;
  firstName: string;
  lastName: string;
  company: string;
  attempts: number;
  messageId: string;
  /** A recipient's own unsubscribe URL (status page subscribers); null: the fan-out's signed one. */
  unsubscribeUrl: string | null;
  fields: Record<string, string>;
}

export interface RecipientFailure {
  seq: number;
  email: string;
  attempts: number;
  error: string | null;
  state: RecipientState;
}

/** A recipient whose delivery is unknown, with the Message-ID a re-send would carry again. */
export interface AmbiguousRecipient {
  seq: number;
  email: string;
  messageId: string;
  committedAt: Date | null;
}
