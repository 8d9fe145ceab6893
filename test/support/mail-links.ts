// Links in mail must be absolute: a path on its own ("/incidents/…") opens nothing in a mail reader.
import type { ParsedMail } from 'mailparser';

/** Paths in the text that are not part of an absolute URL. */
export function relativeLinks(text: string): string[] {
  return [...text.matchAll(/(?<![\w.:/~%-])\/(?:[\w.~%-]+\/)+[\w.~%-]*/g)].map((m) => m[0]);
}

/** Each mail (by subject) that carries a relative link, with the links; empty when every link is absolute. */
export function mailsWithRelativeLinks(mails: readonly ParsedMail[]): { subject: string; links: string[] }[] {
  return mails
    .map((m) => ({ subject: m.subject ?? '', links: relativeLinks(`${m.text ?? ''}\n${typeof m.html === 'string' ? m.html : ''}`) }))
    .filter((m) => m.links.length > 0);
}
