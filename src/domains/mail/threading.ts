// How a message finds its ticket: the subject token "[secdesk #1234]", or the Message-IDs it
// answers (In-Reply-To, References).
const TOKEN = /\[secdesk #(\d{1,9})\]/i;

export function subjectToken(ticketNumber: number): string {
  return `[secdesk #${ticketNumber}]`;
}

export function ticketNumberInSubject(subject: string): number | null {
  const match = TOKEN.exec(subject);
  return match ? Number(match[1]) : null;
}

/** A Message-ID in one canonical form: without angle brackets or surrounding space. */
export function normaliseMessageId(value: string | null | undefined): string | null {
  const trimmed = value
    ?.trim()
    .replace(/^<+|>+$/g, '')
    .trim();
  return trimmed && trimmed.length <= 998 && !/[\s<>]/.test(trimmed) ? trimmed : null;
}

/** The Message-IDs this mail answers, nearest first. */
export function answeredMessageIds(mail: { inReplyTo: string | null; references: string[] }): string[] {
  const ids = [mail.inReplyTo, ...[...mail.references].reverse()].map(normaliseMessageId).filter((id): id is string => id !== null);
  return [...new Set(ids)];
}
