// What secdesk's mail looks like on the wire: plain text only by default; with the team's HTML part
// turned on, an HTML alternative that shows the same text with every markup character escaped.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { smtpSender } from '../../src/adapters/mail/smtp-sender.ts';
import type { OutgoingMail } from '../../src/domains/mail/replies.service.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

let sink: SmtpSink;
before(async () => (sink = await startSmtpSink()));
after(async () => sink.close());

const mail = (to: string): OutgoingMail => ({
  from: 'security@secdesk.example',
  replyTo: 'security@secdesk.example',
  to,
  subject: 'Re: [secdesk #1001] report',
  messageId: `${to.split('@')[0]}@secdesk.example`,
  inReplyTo: null,
  references: [],
  text: 'Thanks. <script>alert(1)</script> & "quotes"\nSecond line',
});

test('plain text only unless the HTML part is turned on', async () => {
  await smtpSender(sink.url).send(mail('plain@example.com'));
  const plain = await waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes('plain@example.com')), 'the plain mail');
  assert.equal(plain.html, false);
  assert.equal(plain.text?.trim(), 'Thanks. <script>alert(1)</script> & "quotes"\nSecond line');
});

test('the HTML part shows the same text, escaped', async () => {
  await smtpSender(sink.url, { htmlPart: true }).send(mail('html@example.com'));
  const both = await waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes('html@example.com')), 'the mail with an HTML part');
  assert.equal(both.text?.trim(), 'Thanks. <script>alert(1)</script> & "quotes"\nSecond line');
  assert.ok(typeof both.html === 'string');
  assert.ok(!both.html.includes('<script>'), 'no markup from the text survives');
  assert.match(both.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;quotes&quot;\nSecond line/);
});
