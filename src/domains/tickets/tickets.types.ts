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
  slaDueAt: Date | null;
  messageCount: number;
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

export interface TicketFilter {
  q?: string | undefined;
  status?: TicketStatus | undefined;
}

export interface NewMessage {
  direction: MessageDirection;
  rawSha256?: string | null;
  parseWarning?: string | null;
  noiseKind?: string | null;
  bodyHtml?: string | null;
  attachments?: NewAttachment[];
  deliveryStatus?: DeliveryStatus | null;
  referencesIds?: string[];
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
}
