// What the demo hands to the product as files: mail as real MIME (what an SMTP client would
// deliver), and a one-page PDF standing in for a compliance report.
import MailComposer from 'nodemailer/lib/mail-composer';
import { messageIdHeader } from '../../domains/mail/mail-identity.ts';
import { normaliseMessageId } from '../../domains/mail/threading.ts';
import type { DemoMail } from './demo-data.ts';

export interface DemoMime {
  to: string;
  date: Date;
  messageId: string;
  /** The Message-ID this mail answers (threading). */
  inReplyTo?: string | undefined;
}

export function demoMime(mail: DemoMail, envelope: DemoMime): Promise<Buffer> {
  const answered = normaliseMessageId(envelope.inReplyTo);
  const answers = answered ? messageIdHeader(answered) : undefined;
  return new MailComposer({
    from: mail.from,
    to: envelope.to,
    subject: mail.subject,
    text: mail.body,
    date: envelope.date,
    messageId: messageIdHeader(envelope.messageId),
    ...(answers ? { inReplyTo: answers, references: [answers] } : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
}

/** A minimal valid PDF (one page, one line of text), so that the report can really be delivered. */
export function demoReportPdf(line: string): Buffer {
  const text = line.replace(/[()\\]/g, '\\$&');
  const stream = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
