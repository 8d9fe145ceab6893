// Mail in over real SMTP on loopback: new tickets, threading, reopening, duplicates, machine mail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { sql } from 'kysely';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { signInboundMail } from '../../src/adapters/http/routes/inbound-mail.ts';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
let t: TestApp;
let smtp: SmtpReceiver;
let transport: Transporter;

before(async () => {
  t = await startTestApp({ env: { SECDESK_INBOX_ADDRESS: 'security@secdesk.example', SMTP_MAX_BYTES: '200000', SECDESK_INBOUND_WEBHOOK_SECRET: SECRET } });
  smtp = await startSmtpReceiver(t.config, t.app.services.mailIntake, t.app.logger, () => t.app.services.mailIdentity.address);
  transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port(), secure: false, ignoreTLS: true });
});
after(async () => {
  transport.close();
  await smtp.close();
  await t.close();
});

const db = () => t.app.database.db;
const ticketOf = (number: number) => db().selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
const messagesOf = (ticketId: string) => db().selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('created_at').execute();

async function send(message: SendMailOptions) {
  const info = await transport.sendMail({ to: 'security@secdesk.example', ...message });
  const response = String(info.response);
  const number = Number(/ticket (\d+)/.exec(response)?.[1]);
  return { response, number };
}

test('a message over SMTP becomes a ticket, stored raw and searchable', async () => {
  const { response, number } = await send({
    from: '"Mira K" <mira@example.com>',
    subject: 'XSS in markdown preview',
    text: 'The href becomes javascript: after entity decoding.',
    messageId: '<first@example.com>',
  });
  assert.match(response, /^250 /);
  const ticket = await ticketOf(number);
  assert.equal(ticket.status, 'new');
  assert.equal(ticket.requester_email, 'mira@example.com');
  assert.equal(ticket.requester_name, 'Mira K');
  assert.ok(ticket.sla_due_at && ticket.sla_due_at > ticket.created_at, 'an SLA due time from the team calendar');
  const [message] = await messagesOf(ticket.id);
  const raw = await db().selectFrom('raw_messages').selectAll().where('sha256', '=', message!.raw_sha256!).executeTakeFirstOrThrow();
  assert.match(Buffer.from(raw.content).toString(), /Subject: XSS in markdown preview/);
  const found = await t.app.store.read.tickets.list({ q: 'entity decoding' }, 10, null);
  assert.ok(found.some((f) => f.number === number));
});

test('a reply threads by In-Reply-To; a duplicate delivery is stored once', async () => {
  const { number } = await send({ from: 'reporter@example.com', subject: 'First report', text: 'one', messageId: '<r1@example.com>' });
  const reply = await send({
    from: 'reporter@example.com',
    subject: 'Re: First report',
    text: 'two',
    messageId: '<r2@example.com>',
    inReplyTo: '<r1@example.com>',
    references: ['<r1@example.com>'],
  });
  assert.equal(reply.number, number);
  const again = await send({
    from: 'reporter@example.com',
    subject: 'Re: First report',
    text: 'two',
    messageId: '<r2@example.com>',
    inReplyTo: '<r1@example.com>',
  });
  assert.equal(again.number, number);
  const ticket = await ticketOf(number);
  assert.equal((await messagesOf(ticket.id)).length, 2);
});

test("the requester's answer reopens a solved ticket; a stranger's token does not thread", async () => {
  const { number } = await send({ from: 'asker@example.com', subject: 'Question', text: 'Is data encrypted?', messageId: '<q1@example.com>' });
  const ticket = await ticketOf(number);
  await sql`update tickets set status = 'solved' where id = ${ticket.id}`.execute(db());
  const answer = await send({ from: 'Asker@Example.com', subject: `Re: [secdesk #${number}] Question`, text: 'One more thing', messageId: '<q2@example.com>' });
  assert.equal(answer.number, number);
  assert.equal((await ticketOf(number)).status, 'open');
  const stranger = await send({ from: 'mallory@evil.example', subject: `[secdesk #${number}] injected`, text: 'hi', messageId: '<m1@evil.example>' });
  assert.notEqual(stranger.number, number);
});

test('an auto-reply joins its ticket but never reopens it', async () => {
  const { number } = await send({ from: 'person@example.com', subject: 'Help', text: 'help', messageId: '<h1@example.com>' });
  const ticket = await ticketOf(number);
  await sql`update tickets set status = 'solved' where id = ${ticket.id}`.execute(db());
  const ooo = await send({
    from: 'person@example.com',
    subject: 'Automatic reply: Help',
    text: 'I am away',
    messageId: '<h2@example.com>',
    inReplyTo: '<h1@example.com>',
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  assert.equal(ooo.number, number);
  assert.equal((await ticketOf(number)).status, 'solved');
  const messages = await messagesOf(ticket.id);
  assert.equal(messages[1]!.noise_kind, 'out-of-office');
});

test('mail for another address and oversized mail are refused at SMTP', async () => {
  await assert.rejects(
    transport.sendMail({ from: 'a@example.com', to: 'someone-else@secdesk.example', subject: 'x', text: 'x' }),
    (err: { responseCode?: number }) => err.responseCode === 550,
  );
  await assert.rejects(
    transport.sendMail({ from: 'a@example.com', to: 'security@secdesk.example', subject: 'big', text: 'x'.repeat(300_000) }),
    (err: { responseCode?: number }) => err.responseCode === 552,
  );
});

test('the provider webhook takes signed raw MIME and refuses anything else', async () => {
  const raw = Buffer.from('From: hook@example.com\r\nTo: security@secdesk.example\r\nSubject: via webhook\r\nMessage-ID: <w1@example.com>\r\n\r\nhello\r\n');
  const post = (headers: Record<string, string>, body = raw) =>
    t.http.inject({ method: 'POST', url: '/api/inbound/mail', headers: { 'content-type': 'message/rfc822', ...headers }, payload: body });
  const now = String(Math.floor(Date.now() / 1000));
  const ok = await post({ 'x-secdesk-timestamp': now, 'x-secdesk-signature': signInboundMail(SECRET, now, raw) });
  assert.equal(ok.statusCode, 202, ok.body);
  assert.equal(ok.json().outcome, 'created');
  assert.equal((await ticketOf(ok.json().ticketNumber)).requester_email, 'hook@example.com');
  assert.equal((await post({})).statusCode, 401);
  assert.equal(
    (await post({ 'x-secdesk-timestamp': now, 'x-secdesk-signature': signInboundMail('another-secret-another-secret-xx', now, raw) })).statusCode,
    401,
  );
  const old = String(Math.floor(Date.now() / 1000) - 3600);
  assert.equal(
    (await post({ 'x-secdesk-timestamp': old, 'x-secdesk-signature': signInboundMail(SECRET, old, raw) })).statusCode,
    401,
    'a replayed old request',
  );
  const tampered = Buffer.concat([raw, Buffer.from('extra')]);
  assert.equal((await post({ 'x-secdesk-timestamp': now, 'x-secdesk-signature': signInboundMail(SECRET, now, raw) }, tampered)).statusCode, 401);
});
