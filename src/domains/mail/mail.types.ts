// A message as secdesk understands it after parsing. Everything in it came from a stranger.
export interface MailAddress {
  address: string;
  name: string | null;
}

export interface MailAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  /** The decoded bytes (archives are never opened). */
  content: Uint8Array;
}

/** Mail that is not written by a person and must never be answered automatically. */
export type NoiseKind = 'auto-reply' | 'out-of-office' | 'bounce' | 'feedback-report';

export interface InboundMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  subject: string;
  /** The Date header as the sender claimed it; never trusted for ordering. */
  claimedDate: Date | null;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  /** Lower-cased header name → raw value(s), for classification. */
  headers: Record<string, string>;
  /** Set when the message could not be parsed fully; the raw message is kept regardless. */
  parseWarning: string | null;
}
