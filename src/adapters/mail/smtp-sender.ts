// Sends mail through the configured relay (nodemailer, pooled). A 5xx answer is a permanent
// failure; anything else (4xx, connection trouble) is temporary and retried by the job queue.
// Mail is plain text; a team that turns on `htmlPart` also gets an HTML alternative that shows the
// same text, escaped, so no markup written by anyone reaches a recipient as HTML.
import nodemailer from 'nodemailer';
import { DeliveryError, type MailSender } from '../../domains/mail/replies.service.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The plain text as an HTML document that shows exactly that text. */
export function textAsHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  return `<!doctype html><html><body><div style="white-space:pre-wrap;font-family:sans-serif">${escaped}</div></body></html>`;
}

export function smtpSender(url: string, options: { htmlPart?: boolean } = {}): MailSender {
  const transport = nodemailer.createTransport(url, { pool: true, maxConnections: 2 } as never);
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: mail.from,
          replyTo: mail.replyTo,
          to: mail.to,
          subject: mail.subject,
          messageId: `<${mail.messageId}>`,
          ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
          references: mail.references.map((id) => `<${id}>`),
          text: mail.text,
          ...(options.htmlPart ? { html: textAsHtml(mail.text) } : {}),
          // A forwarded original goes as its exact bytes, base64 so no relay rewraps or re-encodes it.
          attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content, contentTransferEncoding: 'base64' as const, contentDisposition: 'attachment' as const })),
          headers: { 'Auto-Submitted': mail.automatic ? 'auto-generated' : 'no' },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        throw new DeliveryError((err as Error).message, code !== undefined && code >= 500);
      }
    },
  };
}
