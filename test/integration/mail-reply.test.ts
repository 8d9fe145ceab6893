// One round trip over real SMTP: mail in creates a ticket, a reply from the API goes out to a
// local SMTP sink with the right headers, the requester's answer threads back and reopens the
// ticket. Temporary failures are retried; permanent ones are recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type Transporter } from 'nodemailer';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { LEGACY_OUTBOX_QUEUE, OUTBOX_QUEUES } from '../../src/app/legacy-outbox.ts';
import { REPLY_QUEUE } from '../../src/domains/mail/replies.service.ts';

let sink: SmtpSink;
let t: TestApp;
let receiver: SmtpReceiver;
let requester: Transporter;
let analyst: Client;

before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ env: { SECDESK_INBOX_ADDRESS: 'security@secdesk.example', SMTP_URL: sink.url } });
  for (const name of OUTBOX_QUEUES) await t.app.jobs.define({ name, retryLimit: 2, retryDelaySeconds: 1 });
  receiver = await startSmtpReceiver(t.config, t.app.services.mailIntake, t.app.logger, () => t.app.services.mailIdentity.address);
  requester = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port(), ignoreTLS: true });
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  analyst = await signIn(t.http, 'analyst@example.com');
});
after(async () => {
  requester.close();
  await receiver.close();
  await t.close();
  await sink.close();
});

async function inbound(from: string, subject: string, extra: Record<string, unknown> = {}) {
  const info = await requester.sendMail({ from, to: 'security@secdesk.example', subject, text: 'hello', ...extra });
  return Number(/ticket (\d+)/.exec(String(info.response))![1]);
}

const ticketByNumber = async (number: number) =>
  (await analyst.request('GET', `/api/tickets?limit=200`)).json().items.find((i: { number: number }) => i.number === number);

test('mail in → reply out with threading headers → the answer threads back and reopens', async () => {
  const number = await inbound('reporter@example.com', 'Found an open redirect', { messageId: '<in-1@example.com>' });
  const ticket = await ticketByNumber(number);
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/replies`, { body: 'Thank you, we are looking into it.', status: 'solved' });
  assert.equal(res.statusCode, 202, res.body);
  const mail = await waitFor(() => sink.received.find((m) => m.to && JSON.stringify(m.to).includes('reporter@example.com')), 'the reply at the sink');
  assert.equal(mail.from?.value[0]?.address, 'security@secdesk.example');
  assert.equal(mail.replyTo?.value[0]?.address, 'security@secdesk.example');
  assert.equal(mail.subject, `Re: [secdesk #${number}] Found an open redirect`);
  assert.equal(mail.inReplyTo, '<in-1@example.com>');
  assert.equal(mail.html, false, 'plain text only');
  assert.equal(mail.text?.trim(), 'Thank you, we are looking into it.');
  const detail = await waitFor(async () => {
    const d = (await analyst.request('GET', `/api/tickets/${ticket.id}`)).json();
    return d.messages[1]?.delivery?.status === 'sent' ? d : undefined;
  }, 'the reply to be marked sent');
  assert.equal(detail.status, 'solved');

  const answer = await inbound('reporter@example.com', mail.subject!.replace(/^Re: /, 'Re: Re: '), {
    inReplyTo: mail.messageId,
    references: [mail.messageId!],
  });
  assert.equal(answer, number);
  assert.equal((await ticketByNumber(number)).status, 'open', 'the requester reopened it');
});

test('a temporary failure is retried; a permanent one is recorded as failed', async () => {
  const number = await inbound('retry@example.com', 'Retry me');
  const ticket = await ticketByNumber(number);
  sink.behaviour.failNext = 1;
  await analyst.request('POST', `/api/tickets/${ticket.id}/replies`, { body: 'second try works' });
  await waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes('retry@example.com')), 'the retried reply');

  const other = await ticketByNumber(await inbound('gone@example.com', 'Bounce me'));
  sink.behaviour.reject.add('gone@example.com');
  await analyst.request('POST', `/api/tickets/${other.id}/replies`, { body: 'nobody home' });
  const failed = await waitFor(async () => {
    const d = (await analyst.request('GET', `/api/tickets/${other.id}`)).json();
    return d.messages[1]?.delivery?.status === 'failed' ? d.messages[1] : undefined;
  }, 'the reply to be marked failed');
  assert.match(failed.delivery.error, /no such user/);
});

test('a reply an earlier version queued on the shared mail.send outbox is moved to mail.reply and sent', async () => {
  const number = await inbound('upgrade@example.com', 'Queued before the upgrade');
  const ticket = await ticketByNumber(number);
  // As the earlier version did: the reply's job on mail.send, committed with its queued row.
  const { rowId } = await t.app.store.transaction((s) =>
    t.app.services.replies.queue(
      { ...s, jobs: { send: (queue, data, options) => s.jobs.send(queue === REPLY_QUEUE ? LEGACY_OUTBOX_QUEUE : queue, data, options) } },
      ticket.id,
      { to: 'upgrade@example.com', subject: 'Re: Queued before the upgrade', body: 'sent after the upgrade', threaded: true },
      t.app.clock.now(),
    ),
  );
  const mail = await waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes('upgrade@example.com')), 'the reply at the sink');
  assert.equal(mail.text?.trim(), 'sent after the upgrade');
  assert.equal((await t.app.jobs.boss.findJobs(REPLY_QUEUE, { data: { messageRowId: rowId } })).length, 1, 'moved onto mail.reply');
});

test('replies are refused when empty, for unknown tickets, and without the permission', async () => {
  const ticket = await ticketByNumber(await inbound('x@example.com', 'x'));
  assert.equal((await analyst.request('POST', `/api/tickets/${ticket.id}/replies`, { body: '   ' })).statusCode, 400);
  assert.equal((await analyst.request('POST', '/api/tickets/00000000-0000-4000-8000-000000000000/replies', { body: 'x' })).statusCode, 404);
  await createUser(t.app, 'support@example.com', ['support']);
  const support = await signIn(t.http, 'support@example.com');
  assert.equal((await support.request('POST', `/api/tickets/${ticket.id}/replies`, { body: 'x' })).statusCode, 403);
});
