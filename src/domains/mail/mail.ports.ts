// What the mail domain keeps beyond tickets: where each message was taken from, and how far each
// polled mailbox has been taken in.
import type { TicketsStore } from '../tickets/tickets.ports.ts';

export interface TakenFrom {
  ticketId: string;
  ticketNumber: number;
}

export interface MailSourcesRepository {
  /** The ticket a source message (e.g. one IMAP UID) was filed under, if it was taken before. */
  ticketFor(sourceKey: string): Promise<TakenFrom | null>;
  record(sourceKey: string, ticketId: string): Promise<void>;
}

/** How far a mailbox has been taken in: every UID up to lastUid, under this UIDVALIDITY. */
export interface MailboxMark {
  uidValidity: number;
  lastUid: number;
}

export interface MailboxMarksRepository {
  get(mailbox: string): Promise<MailboxMark | null>;
  /** Under the same UIDVALIDITY the mark only moves forward; a new UIDVALIDITY replaces it. */
  set(mailbox: string, mark: MailboxMark): Promise<void>;
}

export interface MailStore extends TicketsStore {
  mailSources: MailSourcesRepository;
  mailboxMarks: MailboxMarksRepository;
}
