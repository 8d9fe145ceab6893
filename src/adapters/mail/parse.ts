// Turns raw bytes into an InboundMail with mailparser. Hostile input is the norm here: size and
// depth are capped before parsing, and a message that cannot be parsed still yields a result
// (with a warning) so that no mail is ever dropped.
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import type { InboundMail, MailAddress } from '../../domains/mail/mail.types.ts';
import { normaliseMessageId } from '../../domains/mail/threading.ts';

export const MAX_PARSE_BYTES = 25 * 1024 * 1024;
const MAX_TEXT = 1024 * 1024;
const MAX_HEADER_VALUE = 4096;
const PARSE_TIMEOUT_MS = 20_000;
/** Attachments listed per message; any beyond stay in the raw message and are named in the warning. */
export const MAX_LISTED_ATTACHMENTS = 100;

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list
    .flatMap((group) => group.value)
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((a) => typeof a.address === 'string' && a.address.includes('@'))
    .map((a) => ({ address: a.address!.toLowerCase().slice(0, 320), name: a.name?.slice(0, 200) || null }));
}

function headerText(value: HeaderValue): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (value && typeof value === 'object' && 'value' in value) {
    const params =
      'params' in value && value.params
        ? Object.entries(value.params)
            .map(([k, v]) => `; ${k}=${v}`)
            .join('')
        : '';
    return `${String((value as { value: unknown }).value)}${params}`;
  }
  return '';
}

/** The few raw headers read before a full parse, for when the parser gives up. */
function rawHeader(raw: Buffer, name: string): string | null {
  const head =
    raw
      .subarray(0, 64 * 1024)
      .toString('latin1')
      .split(/\r?\n\r?\n/)[0] ?? '';
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

function fallback(raw: Buffer, warning: string): InboundMail {
  const from = rawHeader(raw, 'from');
  const address = from ? (/[^\s<>"]+@[^\s<>"]+/.exec(from)?.[0] ?? null) : null;
  return {
    messageId: normaliseMessageId(rawHeader(raw, 'message-id')),
    inReplyTo: normaliseMessageId(rawHeader(raw, 'in-reply-to')),
    references: [],
    from: address ? { address: address.toLowerCase(), name: null } : null,
    to: [],
    subject: (rawHeader(raw, 'subject') ?? '(no subject)').slice(0, 998),
    claimedDate: null,
    text: raw.subarray(0, MAX_TEXT).toString('utf8'),
    html: null,
    attachments: [],
    headers: {},
    parseWarning: warning,
  };
}

/** PostgreSQL text cannot hold NUL: a stranger's NUL must not cost us the message. */
function noNul(value: string): string {
  return value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value;
}

function storable(mail: InboundMail): InboundMail {
  const address = (a: MailAddress): MailAddress => ({ address: noNul(a.address), name: a.name === null ? null : noNul(a.name) });
  const id = (value: string | null) => (value === null ? null : noNul(value));
  return {
    ...mail,
    messageId: id(mail.messageId),
    inReplyTo: id(mail.inReplyTo),
    references: mail.references.map(noNul),
    from: mail.from ? address(mail.from) : null,
    to: mail.to.map(address),
    subject: noNul(mail.subject),
    text: noNul(mail.text),
    html: id(mail.html),
    headers: Object.fromEntries(Object.entries(mail.headers).map(([k, v]) => [k, noNul(v)])),
  };
}

export async function parseMail(raw: Buffer): Promise<InboundMail> {
  return storable(await parseWithLimits(raw));
}

async function parseWithLimits(raw: Buffer): Promise<InboundMail> {
  if (raw.length > MAX_PARSE_BYTES) return fallback(raw, `message of ${raw.length} bytes is larger than the ${MAX_PARSE_BYTES}-byte parse limit; shown raw`);
  let timer: NodeJS.Timeout | undefined;
  try {
    const parsed = await Promise.race([
      simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2 * 1024 * 1024, keepCidLinks: false }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('parsing took too long')), PARSE_TIMEOUT_MS))),
    ]);
    const headers: Record<string, string> = {};
    for (const [name, value] of parsed.headers) headers[name.toLowerCase()] = headerText(value).slice(0, MAX_HEADER_VALUE);
    const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [];
    const claimed = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null;
    return {
      messageId: normaliseMessageId(parsed.messageId),
      inReplyTo: normaliseMessageId(parsed.inReplyTo),
      references: references
        .map(normaliseMessageId)
        .filter((r): r is string => r !== null)
        .slice(0, 100),
      from: addresses(parsed.from)[0] ?? null,
      to: addresses(parsed.to).slice(0, 100),
      subject: (parsed.subject ?? '').slice(0, 998) || '(no subject)',
      claimedDate: claimed,
      text: (parsed.text ?? '').slice(0, MAX_TEXT),
      html: typeof parsed.html === 'string' ? parsed.html.slice(0, 2 * MAX_TEXT) : null,
      attachments: parsed.attachments.slice(0, MAX_LISTED_ATTACHMENTS).map((a) => ({
        filename: a.filename?.slice(0, 1000) ?? null,
        contentType: (a.contentType ?? '').slice(0, 255),
        size: a.content.length,
        sha256: createHash('sha256').update(a.content).digest('hex'),
        content: a.content,
      })),
      headers,
      parseWarning:
        parsed.attachments.length > MAX_LISTED_ATTACHMENTS
          ? `${parsed.attachments.length - MAX_LISTED_ATTACHMENTS} attachments beyond the first ${MAX_LISTED_ATTACHMENTS} are not listed; the raw message keeps them`
          : null,
    };
  } catch (err) {
    return fallback(raw, `the message could not be parsed (${(err as Error).message.slice(0, 200)}); shown raw`);
  } finally {
    clearTimeout(timer);
  }
}
