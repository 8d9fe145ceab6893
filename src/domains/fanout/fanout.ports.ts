// What the fan-out domain needs from storage and from the outgoing relay.
import type { AuditPort, JobSender } from '../ports.ts';
import type {
  AmbiguousRecipient,
  Audience,
  Contact,
  ContactReject,
  Delivery,
  DistributionList,
  ListCounts,
  RecipientFailure,
  Send,
  SendProgress,
  SendStatus,
  SuppressionReason,
} from './fanout.types.ts';

/** A send as it is created: its content and audience, and who created it. */
export type NewSend = Pick<Send, 'listId' | 'audience' | 'from' | 'subject' | 'body' | 'contentHash' | 'listMail' | 'isTest'> & { createdBy: string };

export interface FanoutRepository {
  createList(input: { name: string; source: string; createdBy: string }): Promise<string>;
  /** Inserts members (duplicates of an address already on the list are skipped); returns how many were new. */
  insertMembers(listId: string, firstSeq: number, contacts: Contact[]): Promise<number>;
  insertRejects(listId: string, rejects: ContactReject[]): Promise<void>;
  deleteList(listId: string): Promise<void>;
  finishList(listId: string, counts: { members: number; invalid: number; duplicates: number; columns: string[] }): Promise<void>;
  listById(id: string): Promise<DistributionList | null>;
  lists(limit: number): Promise<DistributionList[]>;
  listCounts(listId: string): Promise<ListCounts>;
  rejects(listId: string, limit: number): Promise<ContactReject[]>;
  /** Members in list order, read in pages (any size); suppressed addresses left out. */
  members(listId: string, audience: Audience | null): AsyncIterable<Contact[]>;

  addSuppressions(entries: { key: string; reason: SuppressionReason; detail: string }[]): Promise<void>;
  isSuppressed(key: string): Promise<boolean>;

  createSend(send: NewSend): Promise<string>;
  sendById(id: string): Promise<Send | null>;
  runningSends(): Promise<string[]>;
  /** Copies the list's members of the audience as recipients; suppressed ones are recorded as such. */
  addRecipientsFromList(sendId: string, listId: string, audience: Audience | null, messageIdDomain: string): Promise<number>;
  addRecipients(sendId: string, contacts: Contact[], messageIdDomain: string): Promise<void>;
  /** Recipients that carry their own unsubscribe URL; suppressed addresses are recorded as such. Returns how many will be mailed. */
  addRecipientsWithUnsubscribe(sendId: string, recipients: { contact: Contact; unsubscribeUrl: string }[], messageIdDomain: string): Promise<number>;
  /** How many of the send's recipients to be mailed have no value (missing or blank) in the list column, and one of them. */
  recipientsWithout(sendId: string, column: string): Promise<{ count: number; first: string | null }>;
  hasCompletedTest(contentHash: string): Promise<boolean>;
  /** Changes the status only from one of `from`; returns whether it changed. */
  setStatus(id: string, from: SendStatus[], to: SendStatus, pauseReason: string | null, at: { startedAt?: Date; finishedAt?: Date }): Promise<boolean>;
  progress(sendId: string, now: Date): Promise<Omit<SendProgress, 'status' | 'pauseReason'>>;
  failures(sendId: string, limit: number): Promise<RecipientFailure[]>;
  cancelPending(sendId: string): Promise<number>;

  /**
   * Rows whose claim expired: never committed → pending; committed and ended (the dot left) → sent
   * (unconfirmed); committed but not known to be ended → ambiguous, for an operator to decide.
   */
  recoverExpired(sendId: string, now: Date): Promise<{ released: number; unconfirmed: number; ambiguous: number }>;
  claim(sendId: string, claimId: string, limit: number, now: Date, leaseUntil: Date): Promise<Delivery[]>;
  /** Records that these messages are about to be ended (the final dot); only rows still under this claim. */
  markCommitted(sendId: string, claimId: string, seqs: number[], now: Date): Promise<number[]>;
  /** Expired claims' rows that were committed but have no `ended_at`: the ones recovery must judge. */
  unendedExpired(sendId: string, now: Date): Promise<{ seq: number; claimId: string }[]>;
  /** Records that these messages' final dots were handed to the operating system. */
  markEnded(sendId: string, claimId: string, seqs: number[], now: Date): Promise<void>;
  markSent(sendId: string, claimId: string, seqs: number[], now: Date): Promise<void>;
  /** Recipients whose delivery is unknown (see recoverExpired), in order. */
  ambiguous(sendId: string, limit: number): Promise<AmbiguousRecipient[]>;
  /** Ambiguous rows back to pending (same Message-ID); returns them. */
  requeueAmbiguous(sendId: string, now: Date): Promise<AmbiguousRecipient[]>;
  /** Back to pending for a later attempt; `countAttempt: false` when no attempt was made (throttled, relay down). */
  release(sendId: string, claimId: string, seqs: number[], nextAttemptAt: Date, error: string | null, countAttempt: boolean): Promise<void>;
  markFailed(sendId: string, claimId: string, seq: number, error: string): Promise<void>;
  /** When there may be work again: the earliest retry time or claim expiry; null when nothing is left. */
  nextWake(sendId: string): Promise<Date | null>;

  /** A later bounce or complaint for a message we sent. */
  recordBounce(messageId: string, error: string, at: Date): Promise<{ key: string } | null>;
  recipientKey(sendId: string, seq: number): Promise<string | null>;
  unsubscribeKey(): Promise<string>;
}

export interface FanoutStore {
  fanout: FanoutRepository;
  audit: AuditPort;
  jobs: JobSender;
}

export interface OutgoingFanoutMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  /** RFC 8058 one-click unsubscribe URL, for list mail. */
  unsubscribeUrl: string | null;
}

export class RelayError extends Error {
  /** permanent: 5xx for this recipient; temporary: 4xx, retry later; unavailable: the relay cannot be reached. */
  readonly kind: 'permanent' | 'temporary' | 'unavailable';
  constructor(message: string, kind: RelayError['kind']) {
    super(message);
    this.kind = kind;
  }
}

/** One SMTP transaction held open before its final dot, so the dot goes out only after we record it. */
export interface RelayTransaction {
  /** Resolves when the relay took the envelope and the whole body except the final dot. */
  ready: Promise<void>;
  /** Sends the final dot. */
  commit(): void;
  /** After commit: resolves once the final dot is in the operating system's send buffer (a kill can no longer stop it). */
  ended: Promise<void>;
  /** Drops the connection without the dot: the relay discards the message. */
  abort(): void;
  /** Resolves when the relay accepted the message (250). */
  accepted: Promise<void>;
}

export interface FanoutRelay {
  /** How many transactions may be open at once (pooled connections). */
  readonly connections: number;
  begin(mail: OutgoingFanoutMail): RelayTransaction;
  close(): Promise<void>;
}

/**
 * This host's record of final dots handed to the kernel, written synchronously (see fanout-ended-log.ts):
 * evidence for recovery that survives a killed process and is written microseconds after the dots.
 */
export interface EndedLog {
  record(sendId: string, claimId: string, seqs: number[]): void;
  /** Claim id → the recipients (seq) whose dots left, as recorded on this host. */
  read(sendId: string): Promise<Map<string, Set<number>>>;
  remove(sendId: string): Promise<void>;
  close(): void;
}
