// Which attachments of an inbound message are kept, under what name, and why the others are not.
// Every attachment parsing found is recorded (name, declared type, size, SHA-256); one over a cap
// is recorded with the reason its contents were withheld, never dropped silently. The raw
// message keeps every byte regardless. Archives are never opened: sizes are decoded MIME sizes.
import type { NewAttachment } from '../tickets/tickets.types.ts';
import type { MailAttachment } from './mail.types.ts';

export interface AttachmentLimits {
  /** Attachments whose contents are kept per message. */
  count: number;
  /** Largest single attachment kept, in bytes. */
  eachBytes: number;
  /** All kept attachments of one message together, in bytes. */
  totalBytes: number;
}

export const ATTACHMENT_LIMITS: AttachmentLimits = { count: 25, eachBytes: 10 * 1024 * 1024, totalBytes: 25 * 1024 * 1024 };

const MAX_FILENAME = 200;
const MAX_CONTENT_TYPE = 200;

/**
 * A name safe to show and to offer for download: no path, no control or bidirectional-override
 * characters (which disguise `exe.txt` as `txt.exe`), no leading dots, bounded length.
 */
export function safeFilename(name: string | null, position: number): string {
  const cleaned = (name ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[\\/]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!cleaned) return `attachment-${position + 1}`;
  if (cleaned.length <= MAX_FILENAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_FILENAME - extension.length) + extension;
}

/** The declared type, as declared (it is never trusted: downloads are always served as octet-stream). */
export function declaredType(contentType: string): string {
  const cleaned = contentType
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .toLowerCase()
    .slice(0, MAX_CONTENT_TYPE);
  return cleaned || 'application/octet-stream';
}

function readable(bytes: number): string {
  if (bytes < 1024) return `${bytes}-byte`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

export function admitAttachments(found: MailAttachment[], limits: AttachmentLimits = ATTACHMENT_LIMITS): NewAttachment[] {
  let kept = 0;
  let keptBytes = 0;
  return found.map((a, position) => {
    let withheldReason: string | null = null;
    if (a.size > limits.eachBytes) withheldReason = `larger than the ${readable(limits.eachBytes)} limit for one attachment`;
    else if (kept >= limits.count) withheldReason = `more than ${limits.count} attachments in one message`;
    else if (keptBytes + a.size > limits.totalBytes) withheldReason = `over the ${readable(limits.totalBytes)} limit for all attachments of one message`;
    if (withheldReason === null) {
      kept += 1;
      keptBytes += a.size;
    }
    return {
      filename: safeFilename(a.filename, position),
      contentType: declaredType(a.contentType),
      size: a.size,
      sha256: a.sha256,
      content: withheldReason === null ? a.content : null,
      withheldReason,
    };
  });
}
