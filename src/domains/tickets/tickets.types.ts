// A ticket is one conversation with an outside requester, opened by mail to the security address.
export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** How a ticket was handled (see the security inbox process). */
export const DISPOSITIONS = ['reply', 'engage', 'redirect:support', 'redirect:vulnerability', 'redirect:copyright', 'compliance_request'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export type MessageDirection = 'inbound' | 'outbound' | 'note';

/** Allowed status changes. A requester's reply reopens a solved ticket; closed is final. */
export const STATUS_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'solved'],
  open: ['pending', 'solved'],
  pending: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export interface TicketSummary {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  requester: { email: string; name: string | null };
  organisation: string | null;
  assignee: { id: string; name: string } | null;
  disposition: Disposition | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  statusChangedAt: Date;
  slaDueAt: Date | null;
  /** The first reply, disposition or solve: the SLA's target is met from then on. */
  firstHandledAt: Date | null;
  /** Set while the SLA clock is stopped (pending on the requester, when the team pauses for that). */
  slaPausedSince: Date | null;
  messageCount: number;
}

/** Where a ticket's first-handling target stands (see sla.ts). */
export type SlaState = 'none' | 'running' | 'at_risk' | 'breached' | 'paused' | 'handled';

export interface SlaStatus {
  state: SlaState;
  dueAt: Date | null;
  /** Business time left until due (negative once breached); null when no clock runs. */
  businessMsLeft: number | null;
  /** The team calendar's time zone: every time of the clock is told in it. */
  timeZone: string;
  /** Why business time is not counting now and when it counts again; null while it counts (or no clock runs). */
  pause: SlaPause | null;
}

export type SlaPauseReason = 'weekend' | 'holiday' | 'closure' | 'pending';

export interface SlaPause {
  reason: SlaPauseReason;
  /** The holiday's name, for reason holiday. */
  holiday: string | null;
  /** When business time counts again; null while pending (it counts again when the ticket leaves pending). */
  resumesAt: Date | null;
  /** The sentence the ticket page shows, e.g. "paused for the weekend — resumes Monday 30 November 00:00 America/New_York". */
  explanation: string;
}

/** A ticket as the inbox lists it: its summary and its SLA clock. */
export interface TicketListItem extends TicketSummary {
  sla: SlaStatus;
}

export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export interface TicketMessage {
  id: string;
  direction: MessageDirection;
  /** For replies sent by mail. */
  delivery: { status: DeliveryStatus; error: string | null } | null;
  from: string;
  to: string | null;
  subject: string;
  bodyText: string;
  createdAt: Date;
  /** The message has an HTML part (served sanitised, on request, by its own route). */
  hasHtml: boolean;
  /** Why the message could not be read fully; the raw message is kept regardless. */
  parseWarning: string | null;
  attachments: MessageAttachment[];
  /** Mail written from a template: which one, in which version. */
  template: { key: string; version: number } | null;
  /** A forward carries the ticket's original message (its raw bytes, by SHA-256) attached. */
  attachedRawSha256: string | null;
}

/** An attachment as analysts see it. Contents are only ever downloaded, never shown. */
export interface MessageAttachment {
  id: string;
  /** Made safe to show (see domains/mail/attachments.ts). */
  filename: string;
  /** As the sender declared it; never trusted. */
  contentType: string;
  size: number;
  sha256: string;
  /** Set when the contents were not kept (a cap); the raw message still holds them. */
  withheldReason: string | null;
}

export interface NewAttachment {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Null when withheld. */
  content: Uint8Array | null;
  withheldReason: string | null;
}

/** An attachment as stored: its bytes, unless a cap withheld them. */
export interface StoredAttachment {
  filename: string;
  sha256: string;
  content: Uint8Array | null;
  withheldReason: string | null;
}

export interface Ticket extends TicketSummary {
  messages: TicketMessage[];
}

export interface TicketDetail extends Ticket {
  sla: SlaStatus;
}

export const TICKET_VIEWS = ['all', 'unassigned', 'mine', 'sla_at_risk', 'breached'] as const;
export type TicketView = (typeof TICKET_VIEWS)[number];

/** What the inbox asks for: a view, search text and filters. */
export interface TicketFilter {
  view?: TicketView | undefined;
  q?: string | undefined;
  status?: TicketStatus | undefined;
  /** A disposition, or 'none' for tickets without one. */
  disposition?: Disposition | 'none' | undefined;
  /** A user id, 'me', or 'none' for unassigned tickets. */
  assignee?: string | undefined;
  tag?: string | undefined;
}

/** The filter as the repository applies it (views resolved by views.ts). */
export interface TicketCriteria {
  q?: string | undefined;
  status?: TicketStatus | undefined;
  disposition?: Disposition | 'none' | undefined;
  /** A user id, or null for unassigned. */
  assigneeId?: string | null | undefined;
  tag?: string | undefined;
  /** Only tickets still being worked on (not solved or closed). */
  active?: boolean | undefined;
  /** Only tickets whose SLA clock runs (unhandled, not paused, not solved or closed), due in (dueAfter, dueBy]. */
  slaDue?: { after: Date | null; by: Date } | undefined;
}

/** What the lifecycle rules need to know of a ticket (read under a row lock when changing it). */
export interface LifecycleState {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  statusChangedAt: Date;
  assigneeId: string | null;
  createdAt: Date;
  slaDueAt: Date | null;
  firstHandledAt: Date | null;
  slaPausedSince: Date | null;
  slaPauses: { from: Date; to: Date }[];
}

/** A person who may work tickets (holds tickets.write). */
export interface Agent {
  id: string;
  name: string;
  email: string;
}

/** One entry of a ticket's history, from the audit log. */
export interface TicketHistoryEntry {
  seq: number;
  at: Date;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface NewMessage {
  direction: MessageDirection;
  /** The user who wrote it (notes and replies). */
  authorId?: string | null;
  rawSha256?: string | null;
  parseWarning?: string | null;
  noiseKind?: string | null;
  bodyHtml?: string | null;
  attachments?: NewAttachment[];
  deliveryStatus?: DeliveryStatus | null;
  referencesIds?: string[];
  template?: { key: string; version: number } | null;
  attachedRawSha256?: string | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  from: string;
  to?: string | null;
  subject: string;
  bodyText: string;
  createdAt: Date;
}

export interface NewTicket {
  subject: string;
  status: TicketStatus;
  requesterEmail: string;
  requesterName: string | null;
  organisation: string | null;
  disposition: Disposition | null;
  tags: string[];
  slaDueAt: Date | null;
  createdAt: Date;
  messages: NewMessage[];
}

/** What mail intake needs to know of a ticket to thread a message into it. */
export interface ThreadTarget {
  id: string;
  number: number;
  status: TicketStatus;
  requesterEmail: string;
}

/** A reply waiting to be sent, with what its headers need. */
export interface OutboundReply {
  messageRowId: string;
  messageId: string;
  inReplyTo: string | null;
  referencesIds: string[];
  to: string;
  subject: string;
  bodyText: string;
  deliveryStatus: DeliveryStatus | null;
  /** The raw message to attach as message/rfc822 (a forward). */
  attachedRawSha256: string | null;
  requesterEmail: string;
}
