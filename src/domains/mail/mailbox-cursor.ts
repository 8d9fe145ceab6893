// What to take next from a polled mailbox. IMAP names a message by (UIDVALIDITY, UID): UIDs only
// grow while UIDVALIDITY stays the same, so "every UID above the last one taken" is exactly the
// new mail. When UIDVALIDITY changes, the old UIDs mean nothing any more.
import type { MailboxMark } from './mail.ports.ts';

export interface PollPlan {
  /** Take UIDs from this one upwards. */
  fromUid: number;
  /** The mailbox's UIDVALIDITY differs from the one recorded: its UIDs were renumbered. */
  reset: boolean;
}

export function planPoll(mark: MailboxMark | null, uidValidity: number): PollPlan {
  if (!mark) return { fromUid: 1, reset: false };
  // Renumbered (mailbox recreated or restored): we cannot tell old mail from new by UID, so take
  // everything again. Intake files a known Message-ID as a duplicate, so re-taking loses nothing
  // and duplicates nothing that carries one; a message without a Message-ID may be filed again,
  // which is the safe side: a duplicate can be merged, a missed report cannot be found.
  if (mark.uidValidity !== uidValidity) return { fromUid: 1, reset: true };
  return { fromUid: mark.lastUid + 1, reset: false };
}

/**
 * The next UIDs to take, oldest first, at most `limit`. A server answers a search for "N:*" with
 * the highest UID even when it is below N, so anything below `fromUid` is dropped here.
 */
export function nextUids(found: readonly number[], fromUid: number, limit: number): { uids: number[]; more: boolean } {
  const pending = [...new Set(found)].filter((uid) => Number.isInteger(uid) && uid >= fromUid).sort((a, b) => a - b);
  return { uids: pending.slice(0, limit), more: pending.length > limit };
}

/** The source key of one message in one mailbox: taken at most once. */
export function imapSourceKey(mailbox: string, uidValidity: number, uid: number): string {
  return `imap:${mailbox}:${uidValidity}:${uid}`;
}
