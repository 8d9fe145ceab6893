// Each disposition end to end over real SMTP: mail in through the SMTP receiver → preview and
// handle it through the API → the outgoing relay (a local SMTP sink) receives the requester's mail
// (and, for account support, the forward to Support with the original attached byte for byte) →
// the ticket is solved with its disposition → the requester's answer reopens it. Bad input is
// refused with a clear message and leaves nothing behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import type { TestApp } from '../support/harness.ts';
import { openRawSmtp } from '../support/raw-smtp.ts';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startMailDesk, type MailDesk } from '../support/mail-desk.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const INBOX = 'security@secdesk.example';
const ENV = {
  SECDESK_INBOX_ADDRESS: INBOX,
  SECDESK_SUPPORT_ADDRESS: 'help@support.example',
  SECDESK_DMCA_ADDRESS: 'dmca@legal.example',
  SECDESK_BUG_BOUNTY_URL: 'https://bounty.example/programme',
  SECDESK_DISCLOSURE_POLICY_URL: 'https://secdesk.example/disclosure',
  SECDESK_DMCA_POLICY_URL: 'https://secdesk.example/dmca',
  SECDESK_TEAM_NAME: 'Field Security',
};

let sink: SmtpSink;
let t: TestApp;
let receiver: SmtpReceiver;
let desk: MailDesk;
let analyst: Client;
let admin: Client;

before(async () => {
  desk = await startMailDesk({ env: ENV });
  ({ t, sink, receiver, analyst, admin } = desk);
});
after(async () => {
  await desk.close();
});

let sequence = 0;
/** Delivers exact bytes to the SMTP receiver; returns the ticket, the bytes sent and the Message-ID. */
async function mailIn(from: string, subject: string, body: string, headers: string[] = []) {
  const messageId = `<in-${++sequence}-${Date.now()}@reporter.example>`;
  const raw = Buffer.from(
    [
      `From: ${from}`,
      `To: ${INBOX}`,
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      ...headers,
      '',
      body,
      '',
    ].join('\r\n'),
    'utf8',
  );
  const smtp = await openRawSmtp(receiver.port());
  try {
    assert.match(await smtp.command(`MAIL FROM:<${/<(.+)>/.exec(from)?.[1] ?? from}>`), /^250/);
    assert.match(await smtp.command(`RCPT TO:<${INBOX}>`), /^250/);
    const { reply } = await smtp.data(raw);
    const number = Number(/ticket (\d+)/.exec(reply)?.[1]);
    assert.ok(number, reply);
    const ticket = (await analyst.request('GET', '/api/tickets?limit=200')).json().items.find((i: { number: number }) => i.number === number);
    return { ticket, number, raw, messageId };
  } finally {
    smtp.close();
  }
}

const detail = async (id: string) => (await analyst.request('GET', `/api/tickets/${id}`)).json();
const mailTo = (address: string, subjectPart: string) =>
  waitFor(
    () => sink.received.find((m) => JSON.stringify(m.to).includes(address) && (m.subject ?? '').includes(subjectPart)),
    `mail to ${address} about ${subjectPart}`,
  );
const allSent = (id: string) =>
  waitFor(async () => {
    const d = await detail(id);
    return d.messages
      .filter((m: { direction: string }) => m.direction === 'outbound')
      .every((m: { delivery: { status: string } }) => m.delivery.status === 'sent')
      ? d
      : undefined;
  }, 'every outbound mail marked sent');

async function requesterAnswers(from: string, to: ParsedMail, number: number) {
  const answer = await mailIn(from, `Re: ${to.subject}`, 'Thanks, one more question.', [`In-Reply-To: ${to.messageId}`, `References: ${to.messageId}`]);
  assert.equal(answer.number, number, 'the answer threads into the ticket');
  return detail(answer.ticket.id);
}

function assertThreaded(mail: ParsedMail, number: number, inReplyTo: string, subject: string) {
  assert.equal(mail.from?.value[0]?.address, INBOX);
  assert.equal(mail.replyTo?.value[0]?.address, INBOX);
  assert.equal(mail.inReplyTo, inReplyTo);
  assert.ok(String(mail.references ?? '').includes(inReplyTo));
  assert.equal(mail.subject, `Re: [secdesk #${number}] ${subject}`);
  assert.equal(mail.html, false, 'plain text only');
}

test('reply: the previewed generic template, edited, goes out threaded; the ticket is solved; the requester reopens it', async () => {
  const { ticket, number, messageId } = await mailIn('Rita Reporter <rita@reporter.example>', 'Is my data encrypted?', 'Is customer data encrypted at rest?');
  const preview = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition/preview`, { kind: 'reply' });
  assert.equal(preview.statusCode, 200, preview.body);
  const [draft] = preview.json().mails;
  assert.equal(draft.template.key, 'reply.generic');
  assert.match(draft.body, /^Hello Rita Reporter,/);
  assert.match(draft.body, /Field Security$/);
  assert.equal((await detail(ticket.id)).messages.length, 1, 'a preview records nothing');

  const body = draft.body.replace('Thank you for writing to us.', 'Thank you for writing to us. Yes: every database and backup is encrypted with AES-256.');
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'reply', edits: { body } });
  assert.equal(res.statusCode, 202, res.body);
  const mail = await mailTo('rita@reporter.example', 'Is my data encrypted?');
  assertThreaded(mail, number, messageId, 'Is my data encrypted?');
  assert.equal(mail.text?.trim(), body.trim());
  const done = await allSent(ticket.id);
  assert.equal(done.status, 'solved');
  assert.equal(done.disposition, 'reply');
  assert.deepEqual(done.messages[1].template, { key: 'reply.generic', version: 1 });
  assert.ok(done.firstHandledAt);
  assert.equal((await requesterAnswers('Rita Reporter <rita@reporter.example>', mail, number)).status, 'open');
});

test('reply as free text with status pending', async () => {
  const { ticket } = await mailIn('pat@reporter.example', 'Question about SSO', 'Do you support SAML?');
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'reply',
    body: 'Which identity provider do you use? {{not a placeholder}}',
    status: 'pending',
  });
  assert.equal(res.statusCode, 202, res.body);
  const mail = await mailTo('pat@reporter.example', 'Question about SSO');
  assert.equal(mail.text?.trim(), 'Which identity provider do you use? {{not a placeholder}}', 'free text is sent as written');
  const done = await allSent(ticket.id);
  assert.equal(done.status, 'pending');
  assert.equal(done.messages[1].template, null);
});

test('redirect:support: the requester is told, Support gets the original attached byte for byte, the ticket is solved', async () => {
  const body =
    'I lost my phone and cannot sign in: 2FA locks me out.\r\n.a line starting with a dot\r\nFrom the start of a line\r\nÜmlauts, 日本語 and a long line ' +
    'x'.repeat(900);
  const { ticket, number, raw, messageId } = await mailIn('Lou Locked <lou@reporter.example>', 'Locked out (2FA)', body);
  const preview = (await analyst.request('POST', `/api/tickets/${ticket.id}/disposition/preview`, { kind: 'redirect:support' })).json();
  assert.deepEqual(
    preview.mails.map((m: { role: string; to: string; attachesOriginal: boolean }) => [m.role, m.to, m.attachesOriginal]),
    [
      ['requester', 'lou@reporter.example', false],
      ['support', 'help@support.example', true],
    ],
  );

  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:support' });
  assert.equal(res.statusCode, 202, res.body);
  const told = await mailTo('lou@reporter.example', 'Locked out (2FA)');
  assertThreaded(told, number, messageId, 'Locked out (2FA)');
  assert.match(told.text!, /help@support\.example/);
  assert.match(told.text!, /^Hello Lou Locked,/);

  const forward = await mailTo('help@support.example', 'Locked out (2FA)');
  assert.equal(forward.subject, `Fwd: [secdesk #${number}] Locked out (2FA)`);
  assert.equal(forward.from?.value[0]?.address, INBOX);
  assert.equal(forward.replyTo?.value[0]?.address, 'lou@reporter.example', 'Support answers the requester directly');
  assert.match(forward.text!, /lou@reporter\.example/);
  assert.equal(forward.attachments.length, 1);
  const [original] = forward.attachments;
  assert.equal(original!.contentType, 'message/rfc822');
  // RFC 2046 §5.2.1: a message/rfc822 part is 7bit, 8bit or binary, never base64; this one has 8-bit bytes.
  assert.equal(original!.headers.get('content-transfer-encoding'), '8bit');
  assert.equal(sink.bodyTypes[sink.received.indexOf(forward)], '8BITMIME', 'announced to the relay (RFC 6152)');
  const stored = await t.app.store.read.rawMail.get((await t.app.store.read.tickets.firstInboundRaw(ticket.id))!);
  assert.ok(stored && Buffer.compare(original!.content, stored) === 0, 'the attachment is the stored raw message, byte for byte');
  assert.ok(original!.content.subarray(0, raw.length).equals(raw), 'which is the mail as the requester sent it');
  assert.equal((await simpleParser(original!.content)).messageId, messageId);

  const done = await allSent(ticket.id);
  assert.equal(done.status, 'solved');
  assert.equal(done.disposition, 'redirect:support');
  assert.deepEqual(
    done.messages.slice(1).map((m: { to: string; template: unknown; attachedRawSha256: string | null }) => [m.to, m.template, m.attachedRawSha256]),
    [
      ['lou@reporter.example', { key: 'redirect.support.requester', version: 1 }, null],
      ['help@support.example', { key: 'redirect.support.forward', version: 1 }, createHash('sha256').update(stored).digest('hex')],
    ],
  );
  const history = (await analyst.request('GET', `/api/tickets/${ticket.id}/history`)).json().items;
  const set = history.find((e: { action: string }) => e.action === 'ticket.disposition_set');
  assert.equal(set.after.disposition, 'redirect:support');
  assert.equal(set.after.mails.length, 2);
  assert.equal((await requesterAnswers('Lou Locked <lou@reporter.example>', told, number)).status, 'open');
});

test('redirect:support: a 7-bit original goes 7bit; one that would need binary goes as application/octet-stream, byte for byte', async () => {
  const forwardOf = async (subject: string, body: string) => {
    const { ticket } = await mailIn('Lou Locked <lou@reporter.example>', subject, body);
    assert.equal((await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:support' })).statusCode, 202);
    const forward = await mailTo('help@support.example', subject);
    const stored = await t.app.store.read.rawMail.get((await t.app.store.read.tickets.firstInboundRaw(ticket.id))!);
    assert.equal(forward.attachments.length, 1);
    assert.ok(stored && Buffer.compare(forward.attachments[0]!.content, stored) === 0, 'the attachment is the stored raw message, byte for byte');
    return { part: forward.attachments[0]!, bodyType: sink.bodyTypes[sink.received.indexOf(forward)] };
  };
  const plain = await forwardOf('Locked out, plain ASCII', 'I cannot sign in.\r\n.a line starting with a dot');
  assert.equal(plain.part.contentType, 'message/rfc822');
  assert.equal(plain.part.headers.get('content-transfer-encoding'), '7bit');
  assert.equal(plain.bodyType, null, 'a 7-bit message needs no BODY=8BITMIME');
  // A line over RFC 5322's 998 octets fits neither 7bit nor 8bit: only binary (BINARYMIME, which nodemailer does not speak).
  const long = await forwardOf('Locked out, one very long line', `A log line: ${'y'.repeat(1200)}`);
  assert.equal(
    (long.part.headers.get('content-type') as { value: string }).value,
    'application/octet-stream',
    'as sent (mailparser guesses message/rfc822 from the .eml name)',
  );
  assert.equal(long.part.filename, 'original-message.eml');
  assert.equal(long.part.headers.get('content-transfer-encoding'), 'base64');
});

test('redirect:vulnerability: the bug bounty reply with the programme, the disclosure policy and the security address', async () => {
  const { ticket, number, messageId } = await mailIn('hacker@reporter.example', 'XSS in the markdown preview', 'Payload: <img src=x onerror=alert(1)>');
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:vulnerability' });
  assert.equal(res.statusCode, 202, res.body);
  const mail = await mailTo('hacker@reporter.example', 'XSS in the markdown preview');
  assertThreaded(mail, number, messageId, 'XSS in the markdown preview');
  for (const text of ['https://bounty.example/programme', 'https://secdesk.example/disclosure', INBOX, 'Hello hacker@reporter.example,'])
    assert.ok(mail.text!.includes(text), text);
  const done = await allSent(ticket.id);
  assert.equal(done.status, 'solved');
  assert.equal(done.disposition, 'redirect:vulnerability');
  assert.equal((await requesterAnswers('hacker@reporter.example', mail, number)).status, 'open');
});

test('redirect:copyright: the DMCA referral', async () => {
  const { ticket, number, messageId } = await mailIn(
    'Cora Owner <cora@studio.example>',
    'Someone copied my artwork',
    'A project hosts my drawings without permission.',
  );
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:copyright' });
  assert.equal(res.statusCode, 202, res.body);
  const mail = await mailTo('cora@studio.example', 'Someone copied my artwork');
  assertThreaded(mail, number, messageId, 'Someone copied my artwork');
  assert.match(mail.text!, /dmca@legal\.example/);
  assert.match(mail.text!, /https:\/\/secdesk\.example\/dmca/);
  const done = await allSent(ticket.id);
  assert.equal(done.status, 'solved');
  assert.equal(done.disposition, 'redirect:copyright');
  const again = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:copyright' });
  assert.equal(again.statusCode, 409, 'the same redirect on a solved ticket is a repeat');
  assert.equal((await detail(ticket.id)).messages.length, 2);
  assert.equal((await requesterAnswers('Cora Owner <cora@studio.example>', mail, number)).status, 'open');
});

test('editing a template saves a new version; mail sent afterwards records that version', async () => {
  const before = (await admin.request('GET', '/api/templates/redirect.vulnerability')).json();
  const saved = await admin.request('PUT', '/api/templates/redirect.vulnerability', {
    name: before.current.name,
    subject: before.current.subject,
    body: `${before.current.body}\n\nPS: we answer every report within a week.`,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().version, 2);
  const after = (await admin.request('GET', '/api/templates/redirect.vulnerability')).json();
  assert.deepEqual(
    after.versions.map((v: { version: number }) => v.version),
    [2, 1],
  );
  assert.equal(after.versions[1].body, before.current.body, 'the older version stays readable');
  assert.equal(after.versions[0].createdBy, 'lead@example.com');

  const { ticket } = await mailIn('second@reporter.example', 'CSRF on settings', 'details');
  await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:vulnerability' });
  const mail = await mailTo('second@reporter.example', 'CSRF on settings');
  assert.match(mail.text!, /PS: we answer every report within a week\./);
  const done = await allSent(ticket.id);
  assert.deepEqual(done.messages[1].template, { key: 'redirect.vulnerability', version: 2 });
  const audit = (await analyst.request('GET', `/api/tickets/${ticket.id}/history`)).json().items.find((e: { action: string }) => e.action === 'ticket.replied');
  assert.deepEqual(audit.after.template, { key: 'redirect.vulnerability', version: 2 });
});

test('bad input: unknown and missing placeholders, unknown kinds, closed tickets — each refused, nothing sent or recorded', async () => {
  const bad = await admin.request('PUT', '/api/templates/redirect.copyright', {
    name: 'DMCA',
    subject: 'Re: {{ticket.subject}}',
    body: 'Hello {{requester.name}},\nwrite to {{dmca.adress}}.',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /body line 2, column 10: \{\{dmca\.adress\}\} unknown placeholder/);
  assert.deepEqual(bad.json().error.details[0], {
    part: 'body',
    placeholder: '{{dmca.adress}}',
    line: 2,
    column: 10,
    problem: 'unknown',
    message: bad.json().error.details[0].message,
  });
  assert.equal((await admin.request('GET', '/api/templates/redirect.copyright')).json().versions.length, 1, 'no version saved');
  assert.equal(
    (await analyst.request('PUT', '/api/templates/redirect.copyright', { name: 'x', subject: 'x', body: 'x' })).statusCode,
    403,
    'only admins edit templates',
  );
  assert.equal((await admin.request('PUT', '/api/templates/redirect.other', { name: 'x', subject: 'x', body: 'x' })).statusCode, 400);

  // A further reply template that needs the requester's organisation, used on a ticket without one.
  const added = await admin.request('PUT', '/api/templates/reply.soc2', {
    name: 'SOC 2 answer',
    subject: 'Re: {{ticket.subject}}',
    body: 'Hello {{requester.name}},\nthe report for {{requester.organisation}} is on its way.',
  });
  assert.equal(added.statusCode, 200, added.body);
  const { ticket } = await mailIn('nobody@reporter.example', 'SOC 2 please', 'Can we get it?');
  const sinkCount = sink.received.length;
  for (const path of ['disposition/preview', 'disposition']) {
    const res = await analyst.request('POST', `/api/tickets/${ticket.id}/${path}`, { kind: 'reply', templateKey: 'reply.soc2' });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().error.message, /body line 2, column 16: \{\{requester\.organisation\}\} has no value for this ticket/);
  }
  const unknown = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'escalate' });
  assert.equal(unknown.statusCode, 400);
  assert.match(
    unknown.json().error.message,
    /kind must be one of reply, engage, redirect:support, redirect:vulnerability, redirect:copyright, compliance_request \(escalate is not available\)/,
  );
  for (const body of [
    { kind: 'engage' },
    { kind: 'redirect:support', extra: 1 },
    { kind: 'reply', body: 'x', templateKey: 'reply.generic' },
    { kind: 'reply', templateKey: 'redirect.copyright' },
  ]) {
    assert.equal((await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, body)).statusCode, 400, JSON.stringify(body));
  }
  const untouched = await detail(ticket.id);
  assert.equal(untouched.status, 'new');
  assert.equal(untouched.disposition, null);
  assert.equal(untouched.messages.length, 1);
  assert.equal(untouched.firstHandledAt, null);
  // The triage suggestion arrives by its own job whenever it runs; nothing else may have been recorded.
  const recorded = (await analyst.request('GET', `/api/tickets/${ticket.id}/history`)).json().items.map((e: { action: string }) => e.action);
  assert.deepEqual(
    recorded.filter((a: string) => a !== 'ticket.triage_suggested'),
    ['ticket.opened'],
  );

  // With the organisation set, the same template works.
  await analyst.request('PATCH', `/api/tickets/${ticket.id}`, { organisation: 'Acme Corp' });
  assert.equal((await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'reply', templateKey: 'reply.soc2' })).statusCode, 202);
  const mail = await mailTo('nobody@reporter.example', 'SOC 2 please');
  assert.match(mail.text!, /the report for Acme Corp is on its way/);
  assert.equal(sink.received.length, sinkCount + 1, 'only the accepted disposition sent mail');

  await analyst.request('PATCH', `/api/tickets/${ticket.id}`, { status: 'closed' });
  const closed = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:copyright' });
  assert.equal(closed.statusCode, 400);
  assert.match(closed.json().error.message, /closed ticket/);
  await createUser(t.app, 'support@example.com', ['support']);
  const support = await signIn(t.http, 'support@example.com');
  assert.equal((await support.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:copyright' })).statusCode, 403);
});

test('a failure after the mail was queued rolls everything back: no message, no disposition change, no history', async () => {
  const { ticket } = await mailIn('roll@reporter.example', 'Roll me back', 'please');
  assert.equal((await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'redirect:copyright' })).statusCode, 202);
  await mailTo('roll@reporter.example', 'Roll me back');
  const before = await allSent(ticket.id);
  const historyBefore = (await analyst.request('GET', `/api/tickets/${ticket.id}/history`)).json().items.length;
  // A solved ticket cannot become pending: the lifecycle refuses after the reply was queued in the same transaction.
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'reply', body: 'One more thing.', status: 'pending' });
  assert.equal(res.statusCode, 400);
  assert.match(res.json().error.message, /solved cannot become pending/);
  const afterwards = await detail(ticket.id);
  assert.equal(afterwards.messages.length, before.messages.length);
  assert.equal(afterwards.disposition, 'redirect:copyright');
  assert.equal(afterwards.status, 'solved');
  assert.equal((await analyst.request('GET', `/api/tickets/${ticket.id}/history`)).json().items.length, historyBefore);
  const { n } = await sql<{ n: number }>`select count(*)::int as n from ticket_messages where ticket_id = ${ticket.id} and body_text = 'One more thing.'`
    .execute(t.app.database.db)
    .then((r) => r.rows[0]!);
  assert.equal(n, 0);
});
