// Status page subscriptions end to end, on both engines: e-mail double opt-in over real SMTP on
// loopback, update delivery through the fan-out with RFC 8058 headers, one-click unsubscribe,
// per-component filtering, signed webhooks to a loopback receiver (retries, disabling), SSRF
// refusals, rate limits and hostile input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { STATUS_NOTIFY_QUEUE } from '../../src/domains/status-subscriptions/notify.service.ts';
import type { StatusNotification } from '../../src/domains/status-subscriptions/subscriptions.types.ts';
import { verifySignature } from '../../src/domains/status-subscriptions/tokens.ts';
import { mailsWithRelativeLinks } from '../support/mail-links.ts';

const PUBLIC = 'https://secdesk.example';
// The receiver listens on 127.0.0.2: the allow-list permits exactly that, so 127.0.0.1 stays refused.
const RECEIVER_HOST = '127.0.0.2';

let t: TestApp;
let sink: SmtpSink;
let admin: Client;
let receiver: Server;
let receiverPort: number;
const hooks: { path: string; body: string; signature: string; updateId: string }[] = [];
const failuresLeft = new Map<string, number>([['/flaky', 2]]);

before(async () => {
  sink = await startSmtpSink();
  receiver = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    hooks.push({
      path: req.url ?? '',
      body: Buffer.concat(chunks).toString('utf8'),
      signature: String(req.headers['x-secdesk-signature'] ?? ''),
      updateId: String(req.headers['x-secdesk-update-id'] ?? ''),
    });
    const left = failuresLeft.get(req.url ?? '') ?? 0;
    if (req.url === '/broken' || left > 0) {
      failuresLeft.set(req.url ?? '', left - 1);
      res.writeHead(500).end('no');
      return;
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, RECEIVER_HOST, resolve));
  receiverPort = (receiver.address() as AddressInfo).port;
  t = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      SECDESK_PUBLIC_URL: PUBLIC,
      SECDESK_STATUS_MAIL_FROM: 'status@secdesk.example',
      SECDESK_STATUS_NAME: 'Example',
      SECDESK_FANOUT_RETRY_SECONDS: '0.2',
      SECDESK_STATUS_SUBSCRIBE_PER_IP_PER_MINUTE: '5',
      SECDESK_STATUS_SUBSCRIBE_PER_ADDRESS_PER_HOUR: '3',
      SECDESK_WEBHOOK_ALLOW_PRIVATE: `${RECEIVER_HOST}/32`,
      SECDESK_WEBHOOK_MAX_FAILURES: '3',
      SECDESK_WEBHOOK_RETRY_LIMIT: '6',
      SECDESK_WEBHOOK_RETRY_SECONDS: '1',
    },
  });
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  admin = await signIn(t.http, 'cmoc@example.com');
});

after(async () => {
  await t.close();
  await sink.close();
  await new Promise((resolve) => receiver.close(resolve));
});

// Each request from its own client address, so that only the rate-limit test meets the per-IP limit.
let clients = 0;
const nextIp = () => `10.${Math.floor(++clients / 250)}.${clients % 250}.1`;

const form = (fields: [string, string][], remoteAddress = nextIp()) =>
  t.http.inject({
    method: 'POST',
    url: '/status/subscribe',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

function mailsTo(address: string, subjectPart = ''): typeof sink.received {
  return sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address) && (m.subject ?? '').includes(subjectPart));
}

async function confirmationLink(address: string, nth = 1): Promise<string> {
  const mail = await waitFor(() => mailsTo(address, 'Confirm your subscription')[nth - 1], `confirmation mail to ${address}`);
  const match = /https:\/\/secdesk\.example(\/status\/subscriptions\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '');
  assert.ok(match, mail.text);
  return match[1]!;
}

async function subscriberState(kind: 'email' | 'webhook', email: string) {
  const res = await admin.request('GET', `/api/status/subscribers?kind=${kind}`);
  assert.equal(res.statusCode, 200, res.body);
  return (
    res.json().items as { id: string; email: string; url: string | null; state: string; disabledReason: string | null; consecutiveFailures: number }[]
  ).filter((s) => s.email === email);
}

async function confirm(address: string) {
  const link = await confirmationLink(address);
  const shown = await t.http.inject({ method: 'GET', url: link });
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /<form method="post"><button type="submit">Confirm subscription<\/button><\/form>/);
  assert.match(String(shown.headers['content-security-policy']), /default-src 'none'/);
  assert.doesNotMatch(shown.body, /<script/i);
  const confirmed = await t.http.inject({ method: 'POST', url: link });
  assert.equal(confirmed.statusCode, 200, confirmed.body);
}

let updates = 0;
async function publish(componentSlugs: string[], title = `Update ${++updates}`): Promise<StatusNotification> {
  const notification: StatusNotification = {
    updateId: `update-${updates}-${Date.now()}`,
    kind: 'incident',
    title,
    status: 'investigating',
    body: 'We are looking into errors.\nMore soon. {{email}} stays literal.',
    componentSlugs,
    url: `${PUBLIC}/status/incidents/1`,
    publishedAt: new Date().toISOString(),
  };
  await t.app.store.read.jobs.send(STATUS_NOTIFY_QUEUE, notification);
  return notification;
}

async function sendsFinished() {
  await waitFor(async () => {
    const running = await t.app.database.db.selectFrom('sends').select('id').where('status', '=', 'running').execute();
    return running.length === 0 ? true : undefined;
  }, 'status sends to finish');
}

function rawOf(address: string, subjectPart: string): string {
  const i = sink.received.findIndex(
    (m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address) && (m.subject ?? '').includes(subjectPart),
  );
  return sink.raw[i]!.toString('utf8');
}

test('an e-mail subscriber confirms (GET only shows the button), receives one mail per update with RFC 8058 headers, and unsubscribes in one click', async () => {
  const first = await form([['email', 'alice@example.com']]);
  assert.equal(first.statusCode, 202, first.body);
  assert.match(first.body, /Check your inbox/);
  const link = await confirmationLink('alice@example.com');
  await t.http.inject({ method: 'GET', url: link });
  assert.equal((await subscriberState('email', 'alice@example.com'))[0]!.state, 'pending', 'a GET changes nothing');
  await confirm('alice@example.com');
  assert.equal((await subscriberState('email', 'alice@example.com'))[0]!.state, 'confirmed');

  // Subscribing a confirmed address again answers exactly as for a new one.
  const again = await form([['email', 'alice@example.com']]);
  const fresh = await form([['email', 'newcomer@example.com']]);
  assert.equal(again.statusCode, fresh.statusCode);
  assert.equal(again.body, fresh.body);

  const update = await publish([], 'Elevated errors');
  const mail = await waitFor(() => mailsTo('alice@example.com', 'Elevated errors')[0], 'the update mail');
  assert.equal(mail.subject, '[Example] Incident: Elevated errors');
  assert.match(mail.text ?? '', /We are looking into errors\./);
  assert.match(mail.text ?? '', /\{ \{email\}\} stays literal/);
  const raw = rawOf('alice@example.com', 'Elevated errors').replace(/\r?\n[ \t]+/g, ' ');
  const unsubscribe = /^List-Unsubscribe: <(https:\/\/secdesk\.example\/status\/unsubscribe\/[^>]+)>/im.exec(raw);
  assert.ok(unsubscribe, raw);
  assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);
  assert.ok((mail.text ?? '').includes(unsubscribe[1]!), 'the body links to the same page');

  // A retried job (the same update again) starts nothing twice.
  await t.app.services.statusNotify.notify(update);
  await sendsFinished();
  assert.equal(mailsTo('alice@example.com', 'Elevated errors').length, 1);
  const sends = await t.app.database.db.selectFrom('status_notifications').selectAll().where('update_id', '=', update.updateId).execute();
  assert.equal(sends.length, 1);

  const path = new URL(unsubscribe[1]!).pathname;
  const page = await t.http.inject({ method: 'GET', url: path });
  assert.equal(page.statusCode, 200);
  assert.equal((await subscriberState('email', 'alice@example.com'))[0]!.state, 'confirmed', 'the unsubscribe page only asks');
  const oneClick = await t.http.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  assert.equal(oneClick.statusCode, 200, oneClick.body);
  assert.equal((await subscriberState('email', 'alice@example.com'))[0]!.state, 'unsubscribed');
  assert.equal((await t.http.inject({ method: 'POST', url: `${path.slice(0, -3)}xyz` })).statusCode, 404, 'a forged token');

  await publish([], 'After unsubscribe');
  await waitFor(
    async () => ((await t.app.database.db.selectFrom('status_notifications').select('update_id').execute()).length >= 2 ? true : undefined),
    'the second update handled',
  );
  await sendsFinished();
  assert.equal(mailsTo('alice@example.com', 'After unsubscribe').length, 0);
});

test('per-component subscriptions: an update reaches the subscribers of its components and of the whole page', async () => {
  const bob = await t.http.inject({
    method: 'POST',
    url: '/api/status/subscriptions',
    remoteAddress: nextIp(),
    payload: { email: 'bob@example.com', components: ['api'] },
  });
  assert.equal(bob.statusCode, 202, bob.body);
  await form([
    ['email', 'carol@example.com'],
    ['component', 'web'],
    ['component', 'cdn'],
  ]);
  await form([['email', 'dave@example.com']]);
  for (const who of ['bob@example.com', 'carol@example.com', 'dave@example.com']) await confirm(who);

  await publish(['api'], 'API degraded');
  await waitFor(
    () => (mailsTo('bob@example.com', 'API degraded').length && mailsTo('dave@example.com', 'API degraded').length ? true : undefined),
    'api update mails',
  );
  await sendsFinished();
  assert.equal(mailsTo('bob@example.com', 'API degraded').length, 1);
  assert.equal(mailsTo('dave@example.com', 'API degraded').length, 1);
  assert.equal(mailsTo('carol@example.com', 'API degraded').length, 0);

  await publish(['cdn'], 'CDN maintenance');
  await waitFor(() => (mailsTo('carol@example.com', 'CDN maintenance').length ? true : undefined), 'cdn update mail');
  await sendsFinished();
  assert.equal(mailsTo('bob@example.com', 'CDN maintenance').length, 0);
});

test('webhooks: registration needs the owner to confirm; payloads are signed; a 500 retries until it succeeds; repeated failures disable it', async () => {
  const created = await t.http.inject({
    method: 'POST',
    url: '/api/status/webhooks',
    remoteAddress: nextIp(),
    payload: { url: `http://${RECEIVER_HOST}:${receiverPort}/flaky`, email: 'ops@example.com' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const { secret } = created.json() as { secret: string };
  assert.match(secret, /^whsec_/);
  const broken = await t.http.inject({
    method: 'POST',
    url: '/api/status/webhooks',
    remoteAddress: nextIp(),
    payload: { url: `http://${RECEIVER_HOST}:${receiverPort}/broken`, email: 'ops2@example.com', components: ['api'] },
  });
  assert.equal(broken.statusCode, 201, broken.body);
  await confirm('ops@example.com');
  await confirm('ops2@example.com');

  const update = await publish(['api'], 'Webhook test');
  await waitFor(
    async () =>
      hooks.filter((h) => h.path === '/flaky').length >= 3 && (await subscriberState('webhook', 'ops@example.com'))[0]!.consecutiveFailures === 0
        ? true
        : undefined,
    'the flaky webhook to succeed on its third attempt',
    90_000,
  );
  const delivered = hooks.filter((h) => h.path === '/flaky').at(-1);
  assert.equal(hooks.filter((h) => h.path === '/flaky').length, 3, 'two 500s, then success');
  assert.ok(verifySignature(secret, delivered!.body, delivered!.signature, Math.floor(Date.now() / 1000)), 'the signature verifies with the secret');
  const payload = JSON.parse(delivered!.body);
  assert.equal(payload.updateId, update.updateId);
  assert.deepEqual(
    hooks.filter((h) => h.path === '/flaky').map((h) => h.updateId),
    [update.updateId, update.updateId, update.updateId],
  );
  assert.deepEqual(payload.page, { name: 'Example', url: `${PUBLIC}/status` });
  assert.equal((await subscriberState('webhook', 'ops@example.com'))[0]!.consecutiveFailures, 0);

  const disabled = await waitFor(
    async () => {
      const [hook] = await subscriberState('webhook', 'ops2@example.com');
      return hook?.state === 'disabled' ? hook : undefined;
    },
    'the broken webhook to be disabled',
    60_000,
  );
  assert.match(disabled.disabledReason ?? '', /3 consecutive failed deliveries.*HTTP 500/);
  const notice = await waitFor(() => mailsTo('ops2@example.com', 'webhook was disabled')[0], 'the owner to hear that the webhook was disabled');
  assert.match(notice.text ?? '', /HTTP 500/);
  const reenabled = await admin.request('POST', `/api/status/webhooks/${disabled.id}/enable`);
  assert.equal(reenabled.statusCode, 200, reenabled.body);
  assert.equal(reenabled.json().state, 'confirmed');
});

test('webhook URLs on private, loopback, link-local or metadata addresses are refused', async () => {
  let n = 0;
  for (const url of [
    'http://127.0.0.1:8080/x',
    'http://10.1.2.3/x',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]:8080/x',
    'http://localhost:8080/x',
    'http://[::ffff:127.0.0.1]/x',
    'ftp://example.com/x',
    'http://[::7f00:1]/x',
    'http://[2002:7f00:1::]/x',
    'http://[64:ff9b::7f00:1]/x',
    'http://0.0.0.0/x',
    'http://100.64.0.1/x',
    'http://[fd00:ec2::254]/x',
  ]) {
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/status/webhooks',
      remoteAddress: nextIp(),
      payload: { url, email: `ssrf${++n}@example.com` },
    });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
  }
  assert.equal((await subscriberState('webhook', 'ssrf1@example.com')).length, 0);
});

test('rate limits: per client IP, and per address across IPs', async () => {
  const codes: number[] = [];
  for (let i = 0; i < 6; i++) codes.push((await form([['email', `flood${i}@example.com`]], '203.0.113.7')).statusCode);
  assert.ok(
    codes.slice(0, 5).every((c) => c === 202),
    codes.join(','),
  );
  assert.equal(codes.at(-1), 429);
  const limited = await form([['email', 'flood9@example.com']], '203.0.113.7');
  assert.match(String(limited.headers['content-type']), /text\/html/);
  assert.match(limited.body, /Too many requests/);
  assert.equal((await form([['email', 'other@example.com']], '203.0.113.8')).statusCode, 202, 'another IP is not affected');

  const perAddress: number[] = [];
  for (let i = 0; i < 4; i++) perAddress.push((await form([['email', 'target@example.com']], `198.51.100.${i + 1}`)).statusCode);
  assert.deepEqual(perAddress, [202, 202, 202, 429]);
  const confirmations = await waitFor(() => (mailsTo('target@example.com').length >= 3 ? mailsTo('target@example.com') : undefined), 'confirmations to target');
  assert.equal(confirmations.length, 3);
});

test('header injection, oversized and malformed requests get clear 4xx answers', async () => {
  const injected = await form([['email', 'eve@example.com\r\nBcc: victim@example.com']]);
  assert.equal(injected.statusCode, 400);
  assert.match(injected.body, /line break/);
  assert.doesNotMatch(injected.body, /<script|victim@example.com\r/);
  const json = await t.http.inject({
    method: 'POST',
    url: '/api/status/subscriptions',
    remoteAddress: nextIp(),
    payload: { email: 'eve@example.com\nBcc: x@example.com' },
  });
  assert.equal(json.statusCode, 400);
  assert.equal(json.json().error.code, 'invalid');
  const hostile = await form([['email', '<script>alert(1)</script>@example.com']]);
  assert.equal(hostile.statusCode, 400);
  assert.doesNotMatch(hostile.body, /<script>/);
  const big = await form([
    ['email', 'big@example.com'],
    ['component', 'x'.repeat(5000)],
  ]);
  assert.equal(big.statusCode, 413);
  assert.match(big.body, /The form was too large/);
  const malformed = await t.http.inject({
    method: 'POST',
    url: '/api/status/subscriptions',
    remoteAddress: nextIp(),
    headers: { 'content-type': 'application/json' },
    payload: '{"email":',
  });
  assert.equal(malformed.statusCode, 400);
  const unknownField = await t.http.inject({
    method: 'POST',
    url: '/api/status/subscriptions',
    remoteAddress: nextIp(),
    payload: { email: 'x@example.com', admin: true },
  });
  assert.equal(unknownField.statusCode, 400);
  const badComponent = await form([
    ['email', 'x@example.com'],
    ['component', 'Not A Slug'],
  ]);
  assert.equal(badComponent.statusCode, 400);
  assert.equal((await form([])).statusCode, 400);
  assert.equal((await t.http.inject({ method: 'GET', url: '/status/subscriptions/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode, 404);
  // Still serving afterwards.
  assert.equal((await form([['email', 'after@example.com']])).statusCode, 202);
});

test('only communications managers and admins see and manage subscribers', async () => {
  const anonymous = await t.http.inject({ method: 'GET', url: '/api/status/subscribers?kind=email' });
  assert.equal(anonymous.statusCode, 401);
  const list = await admin.request('GET', '/api/status/subscribers?kind=email');
  const counts = list.json().counts as { kind: string; state: string; count: number }[];
  assert.ok(counts.some((c) => c.kind === 'email' && c.state === 'confirmed' && c.count >= 3));
  const [dave] = await subscriberState('email', 'dave@example.com');
  assert.equal((await admin.request('DELETE', `/api/status/subscribers/${dave!.id}`)).statusCode, 204);
  assert.equal((await subscriberState('email', 'dave@example.com')).length, 0);
});

test('an expired confirmation link confirms nothing', async () => {
  await form([['email', 'late@example.com']]);
  const link = await confirmationLink('late@example.com');
  await t.app.database.db
    .updateTable('status_subscribers')
    .set({ confirm_expires_at: new Date(Date.now() - 1000) })
    .where('email', '=', 'late@example.com')
    .execute();
  const shown = await t.http.inject({ method: 'GET', url: link });
  assert.equal(shown.statusCode, 400);
  assert.match(shown.body, /expired/);
  assert.equal((await t.http.inject({ method: 'POST', url: link })).statusCode, 400);
  assert.equal((await subscriberState('email', 'late@example.com'))[0]!.state, 'pending');
});

test('every link in the mail the relay got is absolute', () => {
  assert.ok(sink.received.length > 0);
  assert.deepEqual(mailsWithRelativeLinks(sink.received), []);
});
