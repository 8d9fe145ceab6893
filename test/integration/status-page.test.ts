// The public status page over the real API and database: only published updates of non-restricted
// incidents show (drafts and restricted incidents never); a publish queues status.notify in its own
// transaction; the JSON has the Statuspage summary shape; ETag/304; the snapshot is rebuilt on a
// publish (and, on PostgreSQL, a second instance sees it within a second); the feeds parse.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp, type TestDatabase } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { waitFor } from '../support/until.ts';
import { STATUS_NOTIFY_QUEUE, type StatusNotification } from '../../src/domains/statuspage/statuspage.types.ts';

const ENV = { SECDESK_PUBLIC_URL: 'https://status.example.com', SECDESK_STATUS_NAME: 'Example <Corp>', SECDESK_STATUS_BRAND_COLOR: '#6b4fbb' };
let db: TestDatabase;
let t: TestApp;
let comms: Client;
let admin: Client;
let support: Client;
let incidentId: string;
let secretId: string;

const get = (url: string, headers: Record<string, string> = {}) => t.http.inject({ method: 'GET', url, headers });
// Every status.notify job in any state: the worker may already have taken one.
const notifyJobs = async () => (await t.app.jobs.boss.findJobs<StatusNotification>(STATUS_NOTIFY_QUEUE)).map((j) => j.data);

before(async () => {
  db = await createTestDatabase();
  t = await startTestApp({ env: ENV, database: db });
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  await createUser(t.app, 'support@example.com', ['support']);
  admin = await signIn(t.http, 'admin@example.com');
  comms = await signIn(t.http, 'cmoc@example.com');
  support = await signIn(t.http, 'support@example.com');
  const normal = await admin.request('POST', '/api/incidents', {
    title: 'Internal: token leak in CI',
    description: 'internal detail',
    type: 'data_breach',
    impact: 4,
    likelihood: 4,
  });
  assert.equal(normal.statusCode, 201, normal.body);
  incidentId = normal.json().id;
  const secret = await admin.request('POST', '/api/incidents', {
    title: 'Zebra secret breach',
    description: '',
    type: 'data_breach',
    impact: 5,
    likelihood: 5,
    visibility: 'restricted',
  });
  assert.equal(secret.statusCode, 201, secret.body);
  secretId = secret.json().id;
  for (const [slug, name, group] of [
    ['api', 'API', 'Platform'],
    ['web', 'Web app', 'Platform'],
    ['sso', 'Single sign-on', null],
  ] as const) {
    const res = await comms.request('POST', '/api/statuspage/components', { slug, name, group });
    assert.equal(res.statusCode, 201, res.body);
  }
});
after(async () => {
  await t?.close();
  await db?.drop();
});

test('only the communications roles manage the page; bad input is a clear error', async () => {
  assert.equal((await support.request('GET', '/api/statuspage/components')).statusCode, 403);
  assert.equal((await support.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, { status: 'investigating', body: 'x' })).statusCode, 403);
  const dup = await comms.request('POST', '/api/statuspage/components', { slug: 'api', name: 'Again' });
  assert.equal(dup.statusCode, 409);
  const unknown = await comms.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, {
    status: 'investigating',
    title: 'Degraded sign-in',
    body: 'x',
    componentSlugs: ['nope'],
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /unknown component: nope/);
  assert.equal((await comms.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, { status: 'exploded', body: 'x' })).statusCode, 400);
  assert.equal((await get('/status/history?month=2026-13')).statusCode, 400);
});

test('a restricted incident is refused with a clear error and never appears; nothing is queued', async () => {
  const refused = await admin.request('POST', `/api/statuspage/incidents/${secretId}/updates`, {
    status: 'investigating',
    body: 'Zebra details',
    componentSlugs: ['api'],
    componentState: 'major_outage',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.message, /restricted incidents never appear on the status page/);
  // A communications manager who is no responder does not even learn it exists.
  const hidden = await comms.request('POST', `/api/statuspage/incidents/${secretId}/updates`, { status: 'investigating', body: 'x' });
  assert.equal(hidden.statusCode, 404);
  assert.equal((await admin.request('POST', `/api/statuspage/incidents/${secretId}/drafts`, { status: 'investigating', body: 'x' })).statusCode, 400);
  for (const url of ['/status', '/status.json', '/status/feed.atom', '/status/feed.rss']) assert.doesNotMatch((await get(url)).body, /Zebra/, url);
  assert.equal((await notifyJobs()).length, 0);
  const api = (await get('/status.json')).json();
  assert.ok(api.components.find((c: { id: string }) => c.id === 'api').status === 'operational');
});

test('a draft shows nowhere public; publishing it and a direct publish do, newest first, each queuing status.notify', async () => {
  const before = await get('/status');
  assert.equal(before.statusCode, 200);
  const draft = await comms.request('POST', `/api/statuspage/incidents/${incidentId}/drafts`, {
    status: 'investigating',
    body: 'DRAFT-ONLY text',
    title: 'Degraded sign-in',
    componentSlugs: ['api', 'sso'],
    componentState: 'partial_outage',
  });
  assert.equal(draft.statusCode, 201, draft.body);
  for (const url of ['/status', '/status.json', '/status/feed.atom', '/status/feed.rss'])
    assert.doesNotMatch((await get(url)).body, /DRAFT-ONLY|Degraded sign-in/, url);
  assert.equal((await get('/status')).headers.etag, before.headers.etag, 'a draft changes nothing public');

  const published = await comms.request('POST', `/api/statuspage/updates/${draft.json().id}/publish`);
  assert.equal(published.statusCode, 200, published.body);
  const { url, updateId } = published.json();
  assert.match(url, /^https:\/\/status\.example\.com\/status\/incidents\/[0-9a-f-]{36}$/);
  const second = await comms.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, { status: 'identified', body: 'We found the **cause**.' });
  assert.equal(second.statusCode, 201, second.body);

  const page = (await get('/status')).body;
  assert.notEqual((await get('/status')).headers.etag, before.headers.etag, 'the snapshot was rebuilt');
  assert.ok(page.indexOf('We found the <strong>cause</strong>.') < page.indexOf('DRAFT-ONLY text'), 'newest first');
  assert.doesNotMatch(page, /Internal: token leak|internal detail/, 'the internal title stays internal');
  assert.match(page, /Partial outage/);
  const jobs = await notifyJobs();
  assert.equal(jobs.length, 2);
  const first = jobs.find((j) => j.updateId === updateId)!;
  assert.deepEqual(
    { ...first, publishedAt: typeof first.publishedAt },
    {
      updateId,
      kind: 'incident',
      title: 'Degraded sign-in',
      status: 'investigating',
      body: 'DRAFT-ONLY text',
      componentSlugs: ['api', 'sso'],
      url,
      publishedAt: 'string',
    },
  );
  assert.deepEqual(
    jobs.find((j) => j.updateId === second.json().updateId)!.componentSlugs,
    ['api', 'sso'],
    "an update without components names the incident's",
  );
  const detail = await get(new URL(url).pathname);
  assert.equal(detail.statusCode, 200);
  assert.match(detail.body, /<h1>Degraded sign-in<\/h1>/);
  assert.equal((await get('/status/incidents/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  assert.equal((await get('/status/incidents/not-a-uuid')).statusCode, 404);
});

test('status.json has the Statuspage v2 summary shape', async () => {
  const res = await get('/status.json');
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  const s = res.json();
  assert.deepEqual(Object.keys(s).sort(), ['components', 'incidents', 'page', 'scheduled_maintenances', 'status']);
  assert.equal(s.page.name, 'Example <Corp>');
  assert.equal(s.page.url, 'https://status.example.com/status');
  assert.deepEqual(s.status, { indicator: 'major', description: 'Partial System Outage' });
  const api = s.components.find((c: { id: string }) => c.id === 'api');
  assert.equal(api.status, 'partial_outage');
  assert.equal(api.group_id, 'group-platform');
  const group = s.components.find((c: { id: string }) => c.id === 'group-platform');
  assert.deepEqual([group.group, group.components], [true, ['api', 'web']]);
  assert.equal(s.incidents.length, 1);
  const inc = s.incidents[0];
  for (const key of [
    'id',
    'name',
    'status',
    'created_at',
    'updated_at',
    'monitoring_at',
    'resolved_at',
    'impact',
    'shortlink',
    'started_at',
    'page_id',
    'incident_updates',
    'components',
  ])
    assert.ok(key in inc, key);
  assert.deepEqual([inc.name, inc.status, inc.impact], ['Degraded sign-in', 'identified', 'major']);
  assert.deepEqual(
    inc.incident_updates.map((u: { status: string }) => u.status),
    ['identified', 'investigating'],
  );
  assert.deepEqual(
    inc.incident_updates[1].affected_components.map((c: { code: string; new_status: string }) => [c.code, c.new_status]),
    [
      ['api', 'partial_outage'],
      ['sso', 'partial_outage'],
    ],
  );
  assert.deepEqual(s.scheduled_maintenances, []);
});

test('ETag and Last-Modified: a conditional request gets 304 with no body; caching headers and a strict CSP', async () => {
  for (const url of ['/status', '/status.json', '/status/feed.atom', '/status/feed.rss', '/status/badge.svg']) {
    const first = await get(url);
    assert.equal(first.statusCode, 200, url);
    assert.match(String(first.headers.etag), /^"[A-Za-z0-9_-]{43}"$/, url);
    assert.equal(first.headers['cache-control'], 'public, max-age=10, stale-while-revalidate=30');
    const byTag = await get(url, { 'if-none-match': String(first.headers.etag) });
    assert.equal(byTag.statusCode, 304, url);
    assert.equal(byTag.body, '');
    assert.equal((await get(url, { 'if-modified-since': String(first.headers['last-modified']) })).statusCode, 304, url);
    assert.equal((await get(url, { 'if-none-match': '"stale"' })).statusCode, 200, url);
  }
  const csp = String((await get('/status')).headers['content-security-policy']);
  assert.match(csp, /^default-src 'none'; style-src 'sha256-/);
  assert.doesNotMatch(csp, /script-src|unsafe-inline/);
});

test('the feeds are valid Atom 1.0 and RSS 2.0 with the published updates', async () => {
  const parser = new XMLParser({ ignoreAttributes: false });
  const atomText = (await get('/status/feed.atom')).body;
  const rssText = (await get('/status/feed.rss')).body;
  assert.equal(XMLValidator.validate(atomText), true);
  assert.equal(XMLValidator.validate(rssText), true);
  const atom = parser.parse(atomText).feed;
  assert.equal(atom['@_xmlns'], 'http://www.w3.org/2005/Atom');
  for (const key of ['id', 'title', 'updated', 'entry']) assert.ok(atom[key], `atom ${key}`);
  const entries = [atom.entry].flat();
  assert.equal(entries.length, 2);
  for (const e of entries) for (const key of ['id', 'title', 'updated', 'link']) assert.ok(e[key], `entry ${key}`);
  assert.match(String(entries[0].title['#text'] ?? entries[0].title), /Degraded sign-in: Identified/);
  const rss = parser.parse(rssText).rss;
  assert.equal(rss['@_version'], '2.0');
  for (const key of ['title', 'link', 'description']) assert.ok(rss.channel[key], `rss ${key}`);
  const items = [rss.channel.item].flat();
  assert.equal(items.length, 2);
  for (const item of items) assert.ok(item.title && item.link && item.guid && item.pubDate);
  assert.ok(!Number.isNaN(Date.parse(items[0].pubDate)));
  // And as a feed reader sees them (@rowanmanning/feed-parser, the parser of a production reader).
  for (const [text, type] of [
    [atomText, 'atom'],
    [rssText, 'rss'],
  ] as const) {
    const feed = parseFeed(text).toJSON();
    assert.equal(feed.meta.type, type);
    assert.match(feed.title ?? '', /Example/);
    assert.equal(feed.items.length, 2);
    assert.match(feed.items[0]!.title ?? '', /Degraded sign-in: Identified/);
    for (const item of feed.items) {
      assert.ok(item.id && item.url?.startsWith('https://'), `${type} item id and link`);
      assert.ok(!Number.isNaN(Date.parse(item.published ?? item.updated ?? '')), `${type} item date`);
    }
  }
});

test('maintenance: scheduled, in progress (components under maintenance), completed; resolving returns components to operational', async () => {
  const start = new Date(Date.now() + 3_600_000);
  const m = await comms.request('POST', '/api/statuspage/maintenance', {
    title: 'Database upgrade',
    body: 'Short read-only window.',
    scheduledFor: start.toISOString(),
    scheduledUntil: new Date(start.getTime() + 3_600_000).toISOString(),
    componentSlugs: ['web'],
  });
  assert.equal(m.statusCode, 201, m.body);
  const eventId = new URL(m.json().url).pathname.split('/').pop()!;
  let s = (await get('/status.json')).json();
  assert.equal(s.scheduled_maintenances[0].name, 'Database upgrade');
  assert.equal(s.scheduled_maintenances[0].scheduled_for, start.toISOString());
  assert.equal((await comms.request('POST', `/api/statuspage/maintenance/${eventId}/updates`, { status: 'in_progress', body: 'Started.' })).statusCode, 201);
  s = (await get('/status.json')).json();
  assert.equal(s.components.find((c: { id: string }) => c.id === 'web').status, 'under_maintenance');
  assert.equal((await comms.request('POST', `/api/statuspage/maintenance/${eventId}/updates`, { status: 'completed', body: 'Done.' })).statusCode, 201);
  const resolved = await comms.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, { status: 'resolved', body: 'Fixed.' });
  assert.equal(resolved.statusCode, 201);
  s = (await get('/status.json')).json();
  assert.deepEqual(
    s.components.filter((c: { group: boolean }) => !c.group).map((c: { status: string }) => c.status),
    ['operational', 'operational', 'operational'],
  );
  assert.deepEqual([s.incidents, s.scheduled_maintenances, s.status.indicator], [[], [], 'none']);
  const month = new Date().toISOString().slice(0, 7);
  const history = await get(`/status/history?month=${month}`);
  assert.match(history.body, /Degraded sign-in/);
  assert.match(history.body, /Database upgrade/);
  assert.match((await get('/status')).body, /Past incidents[\s\S]*Degraded sign-in/);
  const badge = await get('/status/badge.svg');
  assert.equal(badge.headers['content-type'], 'image/svg+xml; charset=utf-8');
  assert.match(badge.body, />operational</);
});

test('a second instance on the same PostgreSQL serves a publish within one second', {
  skip: TEST_ENGINE === 'pglite' ? 'PGlite is one process: in-process invalidation covers it' : false,
}, async () => {
  const other = await startTestApp({ env: ENV, database: db, app: { workers: false } });
  try {
    const getOther = () => other.http.inject({ method: 'GET', url: '/status.json' });
    assert.equal((await getOther()).statusCode, 200);
    const res = await comms.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, {
      status: 'monitoring',
      body: 'Reopened: watching closely.',
      componentSlugs: ['api'],
      componentState: 'degraded_performance',
    });
    assert.equal(res.statusCode, 201);
    const started = Date.now();
    await waitFor(async () => ((await getOther()).json().incidents.length === 1 ? true : undefined), 'the other instance shows the publish', 1000);
    assert.ok(Date.now() - started <= 1000);
  } finally {
    await other.close();
  }
});
