// Sends mail through the configured relay (nodemailer, pooled). A 5xx answer is a permanent
// failure; anything else (4xx, connection trouble) is temporary and retried by the job queue.
// Mail is plain text; a team that turns on `htmlPart` also gets an HTML alternative that shows the
// same text, escaped, so no markup written by anyone reaches a recipient as HTML.
import nodemailer from 'nodemailer';
import { DeliveryError, type MailSender } from '../../domains/mail/replies.service.ts';
import { messageIdHeader } from '../../domains/mail/mail-identity.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The plain text as an HTML document that shows exactly that text. */
export function textAsHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  return `<!doctype html><html><body><div style="white-space:pre-wrap;font-family:sans-serif">${escaped}</div></body></html>`;
}

/**
 * How a forwarded original (message/rfc822) travels. RFC 2046 §5.2.1 allows it no encoding but 7bit,
 * 8bit or binary, so its bytes go as they are: 7bit when they are 7-bit clean, 8bit when only
 * 8-bit bytes stand in the way. Anything else (a bare CR or LF, NUL, a line over 998 octets) needs
 * binary, which only BINARYMIME (RFC 3030, with BDAT) carries and nodemailer does not speak: such an
 * original goes as application/octet-stream in base64 instead, still byte for byte.
 */
export function forwardEncoding(raw: Buffer): '7bit' | '8bit' | 'binary' {
  let eight = false;
  let line = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === 0x0d) {
      if (raw[i + 1] !== 0x0a) return 'binary';
      i++;
      line = 0;
      continue;
    }
    if (c === 0x0a || c === 0) return 'binary';
    if (c > 0x7f) eight = true;
    if (++line > 998) return 'binary';
  }
  return eight ? '8bit' : '7bit';
}

function attachment(a: { filename: string; contentType: string; content: Buffer }) {
  const base = { filename: a.filename, content: a.content, contentDisposition: 'attachment' as const };
  if (a.contentType.toLowerCase() !== 'message/rfc822') return { ...base, contentType: a.contentType, contentTransferEncoding: 'base64' as const };
  const encoding = forwardEncoding(a.content);
  return encoding === 'binary'
    ? { ...base, contentType: 'application/octet-stream', contentTransferEncoding: 'base64' as const }
    : { ...base, contentType: a.contentType, contentTransferEncoding: encoding };
}

export function smtpSender(url: string, options: { htmlPart?: boolean } = {}): MailSender & { close(): void } {
  const transport = nodemailer.createTransport(url, { pool: true, maxConnections: 2 } as never);
  return {
    async send(mail) {
      const attachments = (mail.attachments ?? []).map(attachment);
      try {
        await transport.sendMail({
          from: mail.from,
          replyTo: mail.replyTo,
          to: mail.to,
          subject: mail.subject,
          messageId: messageIdHeader(mail.messageId),
          ...(mail.inReplyTo ? { inReplyTo: messageIdHeader(mail.inReplyTo) } : {}),
          references: mail.references.map(messageIdHeader),
          text: mail.text,
          ...(options.htmlPart ? { html: textAsHtml(mail.text) } : {}),
          attachments,
          // An 8bit part needs the relay's 8BITMIME (RFC 6152); nodemailer says BODY=8BITMIME when the relay offers it.
          ...(attachments.some((a) => a.contentTransferEncoding === '8bit') ? { envelope: { from: mail.from, to: mail.to, use8BitMime: true } } : {}),
          headers: { 'Auto-Submitted': mail.automatic ? 'auto-generated' : 'no' },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        throw new DeliveryError((err as Error).message, code !== undefined && code >= 500);
      }
    },
    /** Closes the pooled connections (the relay was changed in the app). */
    close: () => transport.close(),
  };
}
