// Public text: an incident published on the status page — directly, and by sending the communications
// flow's status page update — shows only the text written for the public (an explicit public title,
// the approved communication's subject and body) on every public surface: the page, an incident's
// page, history, JSON, feeds, badge, a private page, the static export and the subscribers' mail.
// The incident's internal title, description, notes and responders' names never appear. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { waitFor } from '../support/until.ts';
import { CLI_CONTEXT } from '../../src/app/serve.ts';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';

const MARKER = 'INTERNAL-7f3a';
const DIRECT_TITLE = 'Sign-in delays for some users';
const FLOW_TITLE = 'Scheduled exports are delayed';
const PASSWORD = 'acme-status-password-1';

let t: TestApp;
let sink: SmtpSink;
let out: string;
let cm: Client;
let cm2: Client;
let im: Client;

const get = (url: string, headers: Record<string, string> = {}) => t.http.inject({ method: 'GET', url, headers });
const form = (url: string, data: Record<string, string>) =>
  t.http.inject({ method: 'POST', url, payload: new URLSearchParams(data).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

async function ok(client: Client, method: string, url: string, payload?: unknown, status = 200) {
  const res = await client.request(method, url, payload);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json();
}

/** An incident whose every internal part carries the marker: title, description, a note, a responder's name. */
async function internalIncident(what: string): Promise<string> {
  const incident = await ok(
    im,
    'POST',
    '/api/incidents',
    {
      title: `${MARKER} ${what}: token leak in the auth service`,
      description: `${MARKER} root cause: the signing key of tenant 42 was logged`,
      type: 'data_breach',
      impact: 5,
      likelihood: 5,
      facts: { dataBreach: true, personalDataExposed: true },
    },
    201,
  );
  await ok(im, 'POST', `/api/incidents/${incident.id}/notes`, { at: new Date().toISOString(), text: `${MARKER} note: attacker IP 203.0.113.7` }, 201);
  const responder = await t.app.services.users.create(
    { actor: SYSTEM_ACTOR },
    { email: `responder-${what}@corp.example`, name: `${MARKER} Responder ${what}`, roles: ['security_engineer'], password: 'correct horse battery staple 1' },
  );
  assert.equal((await im.request('POST', `/api/incidents/${incident.id}/responders`, { userId: responder.user.id })).statusCode, 204);
  return incident.id;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

before(async () => {
  sink = await startSmtpSink();
  out = mkdtempSync(path.join(tmpdir(), 'secdesk-public-text-'));
  t = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      SECDESK_PUBLIC_URL: 'https://status.example.com',
      SECDESK_INBOX_ADDRESS: 'security@example.com',
      SECDESK_STATUS_MAIL_FROM: 'status@example.com',
      SECDESK_STATUS_NAME: 'Example',
      SECDESK_FANOUT_RETRY_SECONDS: '0.2',
    },
  });
  const people: [string, string[]][] = [
    ['admin', ['admin']],
    ['cm', ['communications_manager']],
    ['cm2', ['communications_manager']],
    ['im', ['incident_manager']],
  ];
  for (const [name, roles] of people) await createUser(t.app, `${name}@corp.example`, roles);
  const client = (name: string) => signIn(t.http, `${name}@corp.example`);
  cm = await client('cm');
  cm2 = await client('cm2');
  im = await client('im');
  assert.equal((await cm.request('POST', '/api/statuspage/components', { slug: 'api', name: 'API' })).statusCode, 201);
  await ok(cm, 'POST', '/api/statuspage/private-pages', { slug: 'acme', name: 'Acme Corp', password: PASSWORD }, 201);
  // A confirmed e-mail subscriber: the update mail is public text too.
  const subscribed = await form('/status/subscribe', { email: 'subscriber@cust.example' });
  assert.equal(subscribed.statusCode, 202, subscribed.body);
  const confirmation = await waitFor(() => sink.received.find((m) => (m.subject ?? '').includes('Confirm your subscription')), 'the confirmation mail');
  const link = /https:\/\/status\.example\.com(\/status\/subscriptions\/confirm\/[A-Za-z0-9_-]+)/.exec(confirmation.text ?? '');
  assert.ok(link, confirmation.text);
  assert.equal((await t.http.inject({ method: 'POST', url: link[1]! })).statusCode, 200);
});

after(async () => {
  await t?.close();
  await sink?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

test(`a direct publish needs an explicit public title: 400 naming the field, never the internal title (${TEST_ENGINE})`, async () => {
  const incidentId = await internalIncident('direct');
  for (const kind of ['updates', 'drafts']) {
    const missing = await cm.request('POST', `/api/statuspage/incidents/${incidentId}/${kind}`, {
      status: 'investigating',
      body: 'We are investigating slow sign-ins.',
    });
    assert.equal(missing.statusCode, 400, missing.body);
    assert.match(missing.json().error.message, /^title: .*public title/);
  }
  await ok(
    cm,
    'POST',
    `/api/statuspage/incidents/${incidentId}/updates`,
    {
      status: 'investigating',
      title: DIRECT_TITLE,
      body: 'We are investigating slow sign-ins.',
      componentSlugs: ['api'],
      componentState: 'degraded_performance',
    },
    201,
  );
  // Later updates keep the public title.
  await ok(cm, 'POST', `/api/statuspage/incidents/${incidentId}/updates`, { status: 'identified', body: 'We found the cause of the slow sign-ins.' }, 201);
  const events = await ok(cm, 'GET', '/api/statuspage/events');
  assert.equal(events.items.find((e: { incidentId: string }) => e.incidentId === incidentId).title, DIRECT_TITLE);
});

test(`the communications flow's status page update publishes the approved subject and body (${TEST_ENGINE})`, async () => {
  const incidentId = await internalIncident('flow');
  const base = `/api/incidents/${incidentId}/communications`;
  await ok(im, 'PUT', `${base}/plan/medium`, { channels: ['customer_email', 'status_page'] });
  const draft = await ok(cm, 'POST', base, { channel: 'status_page', subject: 'Exports: first draft', body: 'We are looking into delayed exports.' }, 201);
  // The approved version uses another subject than the first draft: that is the public title.
  const edited = await ok(
    cm,
    'POST',
    `${base}/${draft.id}/versions`,
    { subject: FLOW_TITLE, body: 'Scheduled exports run late. Your data is safe; next update within 2 hours.' },
    201,
  );
  await ok(cm2, 'POST', `${base}/${draft.id}/approve`, { version: edited.currentVersion });
  await ok(im, 'POST', `${base}/plan/overrides`, { round: 1, channel: 'status_page', reason: 'The status page goes first for this outage' }, 201);
  // The sender chooses the affected components and their state, as on a direct publish.
  const sent = await ok(cm2, 'POST', `${base}/${draft.id}/send`, { status: 'investigating', componentSlugs: ['api'], componentState: 'major_outage' });
  assert.match(sent.publishedUrl, /^https:\/\/status\.example\.com\/status\/incidents\//);
  assert.equal(sent.sent.details.components, 'api');
  const api = await waitFor(
    async () =>
      ((await get('/status.json')).json() as { components: { name: string; status: string }[] }).components.find(
        (c) => c.name === 'API' && c.status === 'major_outage',
      ),
    'the API in major outage',
  );
  assert.equal(api.status, 'major_outage');
  const events = await ok(cm, 'GET', '/api/statuspage/events');
  const event = events.items.find((e: { incidentId: string }) => e.incidentId === incidentId);
  assert.equal(event.title, FLOW_TITLE);
  assert.deepEqual(
    event.updates.map((u: { body: string }) => u.body),
    ['Scheduled exports run late. Your data is safe; next update within 2 hours.'],
  );
});

test(`no public surface shows the internal incident; each shows the public titles (${TEST_ENGINE})`, async () => {
  const summary = await waitFor(async () => {
    const json = (await get('/status.json')).json() as { incidents: { id: string; name: string }[] };
    return json.incidents.length === 2 ? json : undefined;
  }, 'both incidents on /status.json');
  assert.deepEqual(summary.incidents.map((i) => i.name).sort(), [FLOW_TITLE, DIRECT_TITLE].sort());
  const signedIn = await form('/status/p/acme/sign-in', { password: PASSWORD });
  assert.equal(signedIn.statusCode, 303);
  const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
  const month = new Date().toISOString().slice(0, 7);
  const pages: [string, Record<string, string>, string[]][] = [
    ['/status', {}, [DIRECT_TITLE, FLOW_TITLE]],
    ['/status.json', {}, [DIRECT_TITLE, FLOW_TITLE]],
    ['/status/feed.atom', {}, [DIRECT_TITLE, FLOW_TITLE]],
    ['/status/feed.rss', {}, [DIRECT_TITLE, FLOW_TITLE]],
    ['/status/badge.svg', {}, []],
    ['/status/history', {}, []],
    [`/status/history/${month}`, {}, []],
    ...summary.incidents.map((i): [string, Record<string, string>, string[]] => [`/status/incidents/${i.id}`, {}, [i.name]]),
    ['/status/p/acme', { cookie }, [DIRECT_TITLE]],
    ['/status/p/acme/status.json', { cookie }, [DIRECT_TITLE]],
  ];
  for (const [url, headers, titles] of pages) {
    const res = await get(url, headers);
    assert.ok(res.statusCode === 200 || (url.startsWith('/status/history') && res.statusCode === 404), `${url}: ${res.statusCode}`);
    assert.ok(!res.body.includes(MARKER), `${url} shows the internal incident`);
    assert.ok(!res.body.includes('token leak'), `${url} shows the internal title`);
    for (const title of titles) assert.ok(res.body.includes(title), `${url} shows ${title}`);
  }

  // The static export: every file.
  const [result] = await t.app.services.statusExport.exportNow(CLI_CONTEXT, [{ kind: 'dir', path: out }]);
  assert.equal(result!.ok, true, JSON.stringify(result));
  const files = filesUnder(out);
  assert.ok(files.length > 5, files.join(', '));
  for (const file of files) assert.ok(!readFileSync(file, 'utf8').includes(MARKER), `${file} shows the internal incident`);
  assert.ok(readFileSync(path.join(out, 'status/index.html'), 'utf8').includes(FLOW_TITLE));

  // The subscriber's mail: one per published update, with the public titles only.
  const mails = await waitFor(() => {
    const got = sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === 'subscriber@cust.example' && !(m.subject ?? '').includes('Confirm'));
    return got.length >= 3 ? got : undefined;
  }, 'the update mails to the subscriber');
  for (const m of mails) {
    assert.ok(!`${m.subject}\n${m.text}`.includes(MARKER), `mail ${m.subject} shows the internal incident`);
    assert.match(m.subject ?? '', new RegExp(`${DIRECT_TITLE}|${FLOW_TITLE}`));
  }
  // The webhook subscribers' payload is the same notification the mail is built from.
  const notifications = (await t.app.database.db
    .selectFrom('pgboss.job' as never)
    .select('data' as never)
    .where('name' as never, '=', 'status.notify' as never)
    .execute()) as { data: Record<string, unknown> }[];
  assert.ok(notifications.length >= 3);
  for (const n of notifications) assert.ok(!JSON.stringify(n.data).includes(MARKER), 'a status.notify payload shows the internal incident');
});
