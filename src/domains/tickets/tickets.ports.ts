import type { AuditPort, JobSender } from '../ports.ts';
import type { Position } from '../pagination.ts';
import type { AuditLogReader } from '../audit/audit-log.ports.ts';
import type { NotificationsRepository } from '../notifications/notifications.ports.ts';
import type {
  Agent,
  Disposition,
  DeliveryStatus,
  LifecycleState,
  NewMessage,
  NewTicket,
  OutboundReply,
  StoredAttachment,
  ThreadTarget,
  Ticket,
  TicketCriteria,
  TicketStatus,
  TicketSummary,
} from './tickets.types.ts';

/** Fields a use case may change on a ticket (each set only when present). */
export interface TicketChanges {
  assigneeId?: string | null;
  tags?: string[];
  requesterName?: string | null;
  organisation?: string | null;
  disposition?: Disposition | null;
  slaDueAt?: Date | null;
  slaPausedSince?: Date | null;
  slaPauses?: { from: Date; to: Date }[];
}

export interface TicketsRepository {
  /** Newest first, after the given position; returns up to `limit` rows. */
  list(criteria: TicketCriteria, limit: number, after: Position | null): Promise<TicketSummary[]>;
  countWhere(criteria: TicketCriteria): Promise<number>;
  countByDisposition(): Promise<Record<string, number>>;
  /** The lifecycle facts; with lock, the row stays locked until the transaction ends. */
  lifecycleState(id: string, lock: boolean): Promise<LifecycleState | null>;
  update(id: string, changes: TicketChanges, at: Date): Promise<void>;
  /** Rebuilds the search text: subject, requester, organisation, and the bodies of mail in and out (never notes). */
  refreshSearch(id: string): Promise<void>;
  /** Enabled users holding one of the roles, by name. */
  agents(roles: readonly string[]): Promise<Agent[]>;
  byId(id: string): Promise<Ticket | null>;
  count(): Promise<number>;
  create(ticket: NewTicket): Promise<TicketSummary>;
  /** The ticket holding a message with one of these Message-IDs (the first id that matches wins). */
  byMessageIds(messageIds: string[]): Promise<ThreadTarget | null>;
  byNumber(number: number): Promise<ThreadTarget | null>;
  /** Returns the new message's row id. */
  appendMessage(ticketId: string, message: NewMessage): Promise<string>;
  /** Message-IDs of the ticket's mail, oldest first, and the latest one from the requester. */
  threadIds(ticketId: string): Promise<{ all: string[]; lastInbound: string | null }>;
  outboundReply(messageRowId: string): Promise<OutboundReply | null>;
  markDelivery(messageRowId: string, status: DeliveryStatus, error: string | null, at: Date): Promise<void>;
  markFirstHandled(ticketId: string, at: Date): Promise<void>;
  /** The raw message (SHA-256) of the ticket's first message from the requester, when kept. */
  firstInboundRaw(ticketId: string): Promise<string | null>;
  /** Sets the status and the moment it changed. */
  setStatus(ticketId: string, status: TicketStatus, at: Date): Promise<void>;
}

export interface RawMailStore {
  /** Keeps the bytes under their SHA-256; storing the same bytes again is a no-op. */
  put(sha256: string, content: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
}

/** What a message carries besides its text; reads are scoped to one ticket. */
export interface MessageContentRepository {
  /** The message's stored HTML part (null when it has none), or null when no such message is on the ticket. */
  html(ticketId: string, messageRowId: string): Promise<{ html: string | null } | null>;
  attachment(ticketId: string, attachmentId: string): Promise<StoredAttachment | null>;
}

export interface TicketsStore {
  tickets: TicketsRepository;
  rawMail: RawMailStore;
  messageContent: MessageContentRepository;
  jobs: JobSender;
  audit: AuditPort;
  auditLog: Pick<AuditLogReader, 'list'>;
  notifications: NotificationsRepository;
}
