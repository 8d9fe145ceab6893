// Private status pages over the real API and database: each protection (password with a cookie
// scoped to the page, a link mailed to an allowed domain through the outbox, an IP range checked
// against the socket address), never cached publicly, and their incidents never on the public page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { waitFor } from '../support/until.ts';
import { mailsWithRelativeLinks } from '../support/mail-links.ts';

let t: TestApp;
let sink: SmtpSink;
let comms: Client;
let support: Client;
const PASSWORD = 'acme-status-password-1';
const SECRET_TITLE = 'Acme-only: tenant database failover';

const form = (data: Record<string, string>) => ({
  payload: new URLSearchParams(data).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => t.http.inject({ method: 'GET', url, headers, remoteAddress });
const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;

before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ env: { SMTP_URL: sink.url, SECDESK_PUBLIC_URL: 'https://status.example.com', SECDESK_INBOX_ADDRESS: 'security@example.com' } });
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  await createUser(t.app, 'support@example.com', ['support']);
  comms = await signIn(t.http, 'cmoc@example.com');
  support = await signIn(t.http, 'support@example.com');
  for (const [slug, name] of [
    ['api', 'API'],
    ['web', 'Web app'],
  ]) {
    assert.equal((await comms.request('POST', '/api/statuspage/components', { slug, name })).statusCode, 201);
  }
  const page = await comms.request('POST', '/api/statuspage/private-pages', {
    slug: 'acme',
    name: 'Acme Corp',
    componentSlugs: ['api'],
    password: PASSWORD,
    emailDomains: ['acme.example'],
  });
  assert.equal(page.statusCode, 201, page.body);
  assert.equal(page.json().hasPassword, true);
  assert.equal(page.body.includes('argon2'), false);
  const incident = await comms.request('POST', '/api/statuspage/private-pages/acme/incidents', {
    title: SECRET_TITLE,
    status: 'identified',
    body: 'Your tenant fails over to the standby.',
    componentSlugs: ['api'],
    componentState: 'partial_outage',
  });
  assert.equal(incident.statusCode, 201, incident.body);
});
after(async () => {
  await t?.close();
  await sink?.close();
});

test('management needs status.publish; bad input is a clear error', async () => {
  assert.equal((await support.request('GET', '/api/statuspage/private-pages')).statusCode, 403);
  const unprotected = await comms.request('POST', '/api/statuspage/private-pages', { slug: 'open', name: 'Open' });
  assert.equal(unprotected.statusCode, 400);
  assert.match(unprotected.json().error.message, /at least one protection/);
  const badRange = await comms.request('POST', '/api/statuspage/private-pages', { slug: 'nets', name: 'Nets', ipRanges: ['10.0.0.0/33'] });
  assert.equal(badRange.statusCode, 400);
  assert.match(badRange.json().error.message, /not an IP range/);
  const unknown = await comms.request('POST', '/api/statuspage/private-pages', {
    slug: 'nets',
    name: 'Nets',
    ipRanges: ['10.0.0.0/8'],
    componentSlugs: ['nope'],
  });
  assert.match(unknown.json().error.message, /unknown components: nope/);
  assert.equal((await comms.request('POST', '/api/statuspage/private-pages', { slug: 'acme', name: 'Again', password: PASSWORD })).statusCode, 409);
});

test('a private incident never appears on the public page, its JSON or feeds', async () => {
  for (const url of ['/status', '/status.json', '/status/feed.atom', '/status/feed.rss']) {
    const res = await get(url);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /Acme-only/, url);
  }
  assert.equal((await get('/status.json')).json().components.find((c: { id: string }) => c.id === 'api').status, 'operational');
});

test('password: 401 sign-in page without it, wrong password refused, the right one sets a cookie scoped to the page', async () => {
  const anonymous = await get('/status/p/acme');
  assert.equal(anonymous.statusCode, 401);
  assert.equal(anonymous.headers['cache-control'], 'private, no-store');
  assert.match(anonymous.body, /name="password"/);
  assert.doesNotMatch(anonymous.body, /Acme-only/);
  assert.equal((await get('/status/p/acme/status.json')).statusCode, 401);
  const wrong = await t.http.inject({ method: 'POST', url: '/status/p/acme/sign-in', ...form({ password: 'not the password' }) });
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /Wrong password/);
  const right = await t.http.inject({ method: 'POST', url: '/status/p/acme/sign-in', ...form({ password: PASSWORD }) });
  assert.equal(right.statusCode, 303);
  assert.equal(right.headers.location, '/status/p/acme');
  const setCookie = String(right.headers['set-cookie']);
  assert.match(setCookie, /Path=\/status\/p\/acme/);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  const page = await get('/status/p/acme', { cookie: cookieOf(right) });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'private, no-store');
  assert.match(page.body, /Acme-only: tenant database failover/);
  assert.match(page.body, /Partial outage/);
  assert.match(page.body, /href="\/status\/p\/acme\/incidents\//);
  assert.doesNotMatch(page.body, /action="\/status\/subscribe"/);
  assert.doesNotMatch(page.body, /Web app/, "only the page's components");
  const json = await get('/status/p/acme/status.json', { cookie: cookieOf(right) });
  assert.equal(json.statusCode, 200);
  assert.equal(json.json().incidents[0].name, SECRET_TITLE);
  const id = json.json().incidents[0].id as string;
  assert.equal((await get(`/status/p/acme/incidents/${id}`, { cookie: cookieOf(right) })).statusCode, 200);
  // The public incident route does not know it.
  assert.equal((await get(`/status/incidents/${id}`)).statusCode, 404);
  // A cookie for one page opens no other.
  assert.match(page.body, /action="\/status\/p\/acme\/sign-out"/);
  await comms.request('POST', '/api/statuspage/private-pages', { slug: 'other', name: 'Other Inc', password: 'other-status-password' });
  assert.equal((await get('/status/p/other', { cookie: cookieOf(right) })).statusCode, 401);
});

test('allowed e-mail domain: a one-time link by mail; other domains get the same answer and no mail', async () => {
  const before = sink.received.length;
  const stranger = await t.http.inject({ method: 'POST', url: '/status/p/acme/email', ...form({ email: 'mallory@evil.example' }) });
  assert.equal(stranger.statusCode, 200);
  const allowed = await t.http.inject({ method: 'POST', url: '/status/p/acme/email', ...form({ email: 'ops@acme.example' }) });
  assert.equal(allowed.statusCode, 200);
  assert.equal(allowed.body, stranger.body);
  const injected = await t.http.inject({ method: 'POST', url: '/status/p/acme/email', ...form({ email: 'ops@acme.example\r\nBcc: x@evil.example' }) });
  assert.equal(injected.statusCode, 400);
  const mail = await waitFor(() => sink.received.slice(before).find((m) => JSON.stringify(m.to).includes('ops@acme.example')), 'the sign-in link mail');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(sink.received.slice(before).length, 1, 'no mail to the stranger');
  const link = /https:\/\/status\.example\.com(\/status\/p\/acme\/sign-in\/[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1]!;
  const landing = await get(link);
  assert.equal(landing.statusCode, 200);
  assert.match(landing.body, /<form method="post"/);
  const used = await t.http.inject({ method: 'POST', url: link });
  assert.equal(used.statusCode, 303);
  assert.match((await get('/status/p/acme', { cookie: cookieOf(used) })).body, /Acme-only/);
  const again = await t.http.inject({ method: 'POST', url: link });
  assert.equal(again.statusCode, 401, 'a link works once');
  const out = await t.http.inject({ method: 'POST', url: '/status/p/acme/sign-out', headers: { cookie: cookieOf(used) } });
  assert.equal(out.statusCode, 303);
  assert.match(String(out.headers['set-cookie']), /secdesk_status_page=;/);
  assert.equal((await get('/status/p/acme', { cookie: cookieOf(used) })).statusCode, 401, 'the session is gone');
});

test('one mailbox gets at most five sign-in links an hour, whoever asks; the answer does not change', async () => {
  const before = sink.received.length;
  const answers = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const res = await t.http.inject({
      method: 'POST',
      url: '/status/p/acme/email',
      ...form({ email: 'flood@acme.example' }),
      remoteAddress: `10.0.0.${i + 1}`,
    });
    assert.equal(res.statusCode, 200);
    answers.add(res.body);
  }
  assert.equal(answers.size, 1);
  await waitFor(
    () => sink.received.slice(before).filter((m) => JSON.stringify(m.to).includes('flood@acme.example')).length === 5 || undefined,
    'five link mails',
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(sink.received.slice(before).filter((m) => JSON.stringify(m.to).includes('flood@acme.example')).length, 5);
});

test('IP range: the socket address decides, X-Forwarded-For does not', async () => {
  assert.equal(
    (await comms.request('POST', '/api/statuspage/private-pages', { slug: 'office', name: 'Office', ipRanges: ['203.0.113.0/24', '2001:db8::/32'] }))
      .statusCode,
    201,
  );
  const inside = await get('/status/p/office', {}, '203.0.113.9');
  assert.equal(inside.statusCode, 200);
  assert.equal(inside.headers['cache-control'], 'private, no-store');
  assert.equal((await get('/status/p/office', {}, '2001:db8::7')).statusCode, 200);
  assert.equal((await get('/status/p/office', { 'x-forwarded-for': '203.0.113.9' }, '198.51.100.1')).statusCode, 401);
  assert.equal((await get('/status/p/unknown-page')).statusCode, 404);
});

test('behind a configured trusted proxy, its X-Forwarded-For names the client', async () => {
  const behind = await startTestApp({ env: { SECDESK_TRUSTED_PROXIES: '127.0.0.1' } });
  try {
    await createUser(behind.app, 'cmoc@example.com', ['communications_manager']);
    const cmoc = await signIn(behind.http, 'cmoc@example.com');
    assert.equal(
      (await cmoc.request('POST', '/api/statuspage/private-pages', { slug: 'office', name: 'Office', ipRanges: ['203.0.113.0/24'] })).statusCode,
      201,
    );
    const via = (remoteAddress: string, forwarded: string) =>
      behind.http.inject({ method: 'GET', url: '/status/p/office', remoteAddress, headers: { 'x-forwarded-for': forwarded } });
    assert.equal((await via('127.0.0.1', '203.0.113.9')).statusCode, 200);
    assert.equal((await via('127.0.0.1', '198.51.100.1')).statusCode, 401);
    assert.equal((await via('198.51.100.2', '203.0.113.9')).statusCode, 401, 'an untrusted peer cannot claim an address');
  } finally {
    await behind.close();
  }
});

test('every link in the mail the relay got is absolute', () => {
  assert.ok(sink.received.length > 0);
  assert.deepEqual(mailsWithRelativeLinks(sink.received), []);
});
