// The SMTP receiver's limits, spoken to over a raw socket (so that no client-side check, such as
// nodemailer's SIZE declaration, hides what the server does): oversized mail and headers are refused
// with a reason after the data was read, too many recipients are refused, per-sender and per-address
// rates are answered 450 (try later), a storage failure is answered 451 and nothing stored is lost,
// the hostile corpus gets a ticket per message (or a 552 with the reason), and STARTTLS works with
// a certificate made here by openssl.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import nodemailer from 'nodemailer';
import { MAX_HEADER_BYTES, MAX_RECIPIENTS, startSmtpReceiver, type SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { openRawSmtp } from '../support/raw-smtp.ts';
import { corpusMissing, corpusPath } from '../support/corpus.ts';

const INBOX = 'security@secdesk.example';
let t: TestApp;
const receivers: SmtpReceiver[] = [];

before(async () => {
  t = await startTestApp({ env: { SECDESK_INBOX_ADDRESS: INBOX, SMTP_MAX_BYTES: '1000000' } });
});
after(async () => {
  for (const r of receivers) await r.close();
  await t.close();
});

async function receiver(overrides: Partial<typeof t.config> = {}, logger = t.app.logger): Promise<SmtpReceiver> {
  const r = await startSmtpReceiver(
    { ...t.config, ...overrides },
    t.app.services.mailIntake,
    logger,
    () => overrides.SECDESK_INBOX_ADDRESS ?? t.app.services.mailIdentity.address,
  );
  receivers.push(r);
  return r;
}

function message(from: string, subject: string, extra = ''): Buffer {
  return Buffer.from(`From: ${from}\r\nTo: ${INBOX}\r\nSubject: ${subject}\r\nMessage-ID: <${randomUUID()}@client.example>\r\n${extra}\r\nThe body.\r\n`);
}

/** Sends one message in a new session; resolves with the first refusal or the answer to the data. */
async function deliver(port: number, from: string, raw: Buffer, to: string[] = [INBOX]): Promise<string> {
  const s = await openRawSmtp(port);
  try {
    const mail = await s.command(`MAIL FROM:<${from}>`);
    if (!mail.startsWith('250')) return mail;
    for (const rcpt of to) {
      const answer = await s.command(`RCPT TO:<${rcpt}>`);
      if (!answer.startsWith('250')) return answer;
    }
    return (await s.data(raw)).reply;
  } finally {
    s.close();
  }
}

const ticketCount = async () => Number((await sql<{ n: string }>`select count(*) as n from tickets`.execute(t.app.database.db)).rows[0]!.n);

test('a message over the size limit is read to its end, refused 552 with the reason, and not kept', async () => {
  const port = (await receiver()).port();
  const before = await ticketCount();
  const padding = `${'x'.repeat(76)}\r\n`.repeat(20_000); // about 1.5 MB, no SIZE declared
  const answer = await deliver(port, 'big@example.com', Buffer.concat([message('big@example.com', 'too big'), Buffer.from(padding)]));
  assert.match(answer, /^552 5\.3\.4 message exceeds the 1000000-byte limit/);
  assert.equal(await ticketCount(), before);
  assert.match(await deliver(port, 'big@example.com', message('big@example.com', 'small again')), /^250 .*queued as ticket \d+/, 'the receiver keeps working');
});

test('a header section longer than the cap is refused 552', async () => {
  const port = (await receiver()).port();
  const padding = `X-Padding: ${'y'.repeat(60)}\r\n`.repeat(Math.ceil(MAX_HEADER_BYTES / 70) + 10);
  const answer = await deliver(port, 'headers@example.com', message('headers@example.com', 'long header', padding));
  assert.match(answer, /^552 5\.3\.4 header section exceeds/);
});

test('too many recipients in one message are refused 452; other addresses 550', async () => {
  const port = (await receiver()).port();
  const s = await openRawSmtp(port);
  try {
    assert.match(await s.command('MAIL FROM:<many@example.com>'), /^250/);
    assert.match(await s.command(`RCPT TO:<${INBOX}>`), /^250/);
    assert.match(await s.command('RCPT TO:<other@secdesk.example>'), /^550 5\.1\.1 no mailbox here/);
    let last = '';
    for (let i = 0; i < MAX_RECIPIENTS; i++) last = await s.command(`RCPT TO:<r${i}@secdesk.example>`);
    assert.match(last, /^452 4\.5\.3 too many recipients/);
  } finally {
    s.close();
  }
});

test('per-sender and per-address rates are answered 450 4.7.1 (try later) and nothing is taken in', async () => {
  const perSender = (await receiver({ SMTP_MAX_PER_SENDER_PER_MINUTE: 2, SMTP_MAX_PER_IP_PER_MINUTE: 1000 })).port();
  assert.match(await deliver(perSender, 'chatty@example.com', message('chatty@example.com', 'one')), /^250 /);
  assert.match(await deliver(perSender, 'Chatty@Example.com', message('chatty@example.com', 'two')), /^250 /);
  const before = await ticketCount();
  assert.match(await deliver(perSender, 'chatty@example.com', message('chatty@example.com', 'three')), /^450 4\.7\.1 too many messages from this sender/);
  assert.equal(await ticketCount(), before);
  assert.match(await deliver(perSender, 'quiet@example.com', message('quiet@example.com', 'another sender')), /^250 /);

  const perAddress = (await receiver({ SMTP_MAX_PER_SENDER_PER_MINUTE: 1000, SMTP_MAX_PER_IP_PER_MINUTE: 2 })).port();
  assert.match(await deliver(perAddress, 'a@example.com', message('a@example.com', 'a')), /^250 /);
  assert.match(await deliver(perAddress, 'b@example.com', message('b@example.com', 'b')), /^250 /);
  assert.match(await deliver(perAddress, 'c@example.com', message('c@example.com', 'c')), /^450 4\.7\.1 too many messages from 127\.0\.0\.1/);
});

test('when the message cannot be stored the answer is 451 (try again); nothing stored is lost and the retry lands', async () => {
  const port = (await receiver()).port();
  const db = t.app.database.db;
  const before = await ticketCount();
  const raw = message('retry@example.com', 'stored on the second try');
  await sql`create function secdesk_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'storage unavailable (test)'; end $$`.execute(
    db,
  );
  await sql`create trigger secdesk_test_refuse before insert on raw_messages for each row execute function secdesk_test_refuse()`.execute(db);
  try {
    assert.match(await deliver(port, 'retry@example.com', raw), /^451 4\.3\.0 cannot store the message right now; try again later/);
    assert.equal(await ticketCount(), before, 'nothing half-stored, nothing lost');
  } finally {
    await sql`drop trigger secdesk_test_refuse on raw_messages`.execute(db);
    await sql`drop function secdesk_test_refuse()`.execute(db);
  }
  assert.match(await deliver(port, 'retry@example.com', raw), /^250 .*queued as ticket \d+/);
  assert.equal(await ticketCount(), before + 1);
});

test('every hostile message of the shared corpus over SMTP: a ticket for each, or 552 with the reason; the receiver keeps answering', {
  skip: corpusMissing('mime'),
}, async () => {
  const corpus = corpusPath('mime');
  const port = (await receiver()).port();
  const files = readdirSync(corpus).filter((n) => n.endsWith('.eml'));
  assert.ok(files.length > 10);
  for (const name of files) {
    const raw = Buffer.from(readFileSync(path.join(corpus, name)).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    const answer = await deliver(port, 'corpus@example.com', raw);
    if (raw.length > 1_000_000) {
      assert.match(answer, /^552 5\.3\.4 /, name);
      continue;
    }
    const number = Number(/^250 .*queued as ticket (\d+)/.exec(answer)?.[1]);
    assert.ok(number, `${name}: ${answer}`);
    await t.app.database.db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow();
  }
});

test('STARTTLS with a configured certificate: a client that requires TLS gets its ticket, and the session was encrypted', {
  skip: existsSync('/usr/bin/openssl') ? false : 'needs /usr/bin/openssl to make a certificate',
}, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-tls-'));
  try {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const logged: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const port = (await receiver({ SMTP_TLS_CERT_FILE: cert, SMTP_TLS_KEY_FILE: key }, logger)).port();
    const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { ca: [readFileSync(cert)] } });
    try {
      const info = await client.sendMail({ from: 'tls@example.com', to: INBOX, subject: 'over TLS', text: 'encrypted in transit' });
      const number = Number(/ticket (\d+)/.exec(String(info.response))?.[1]);
      const ticket = await t.app.database.db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
      assert.equal(ticket.subject, 'over TLS');
      const received = logged.find((l) => l.msg === 'mail received' && l.ticket === number);
      assert.equal(received?.tls, true, 'smtp-server reports the session as secure');
    } finally {
      client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
