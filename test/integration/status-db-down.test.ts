// The public status page when the database is unreachable: a running app keeps serving its last
// published page from memory (PostgreSQL behind a proxy that is cut), and a restart with the database
// down serves the copy the last publish left in SECDESK_DATA_DIR/status-snapshot, with its ETag,
// while health shows the database down; when the database is back, the full app takes the port over.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, testConfig, TEST_ENGINE, type TestApp, type TestDatabase } from '../support/harness.ts';
import { createUser, signIn } from '../support/session.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/until.ts';
import { serve } from '../../src/app/serve.ts';
import { loadPersistedSnapshot } from '../../src/adapters/status-export/persisted-snapshot.ts';

const onPostgres = TEST_ENGINE === 'postgres';
let db: TestDatabase;
let proxy: TcpProxy | null = null;
let t: TestApp;
let dataDir: string;
let env: Record<string, string>;

before(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'secdesk-db-down-'));
  env = { SECDESK_STATUS_KEEP_LAST: 'true', SECDESK_DATA_DIR: dataDir, SECDESK_STATUS_NAME: 'Example' };
  if (onPostgres) {
    const url = new URL(db.env.DATABASE_URL!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    env.DATABASE_URL = url.toString();
  }
  t = await startTestApp({ env, database: db });
  await createUser(t.app, 'admin@example.com', ['admin']);
  const admin = await signIn(t.http, 'admin@example.com');
  const incident = await admin.request('POST', '/api/incidents', { title: 'Outage', description: '', type: 'other', impact: 3, likelihood: 3 });
  assert.equal((await admin.request('POST', '/api/statuspage/components', { slug: 'api', name: 'API' })).statusCode, 201);
  const published = await admin.request('POST', `/api/statuspage/incidents/${incident.json().id}/updates`, {
    status: 'identified',
    title: 'API outage',
    body: 'LAST-STATE-MARKER failover in progress',
    componentSlugs: ['api'],
    componentState: 'major_outage',
  });
  assert.equal(published.statusCode, 201, published.body);
  await waitFor(
    async () => (await loadPersistedSnapshot(dataDir))?.find((e) => e.url === '/status' && Buffer.from(e.body).includes('LAST-STATE-MARKER')),
    'the last published copy on disk',
  );
});
after(async () => {
  await proxy?.restore();
  await t?.close();
  await proxy?.close();
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a running app keeps serving the last published page when PostgreSQL goes away; health shows the database down', {
  skip: !onPostgres && 'needs PostgreSQL behind a proxy (SECDESK_TEST_ENGINE=postgres)',
}, async () => {
  const before = await t.http.inject({ method: 'GET', url: '/status' });
  assert.match(before.body, /LAST-STATE-MARKER/);
  await proxy!.cut();
  try {
    await waitFor(
      async () => (await t.http.inject({ method: 'GET', url: '/readyz' })).statusCode === 503 || undefined,
      'readiness to notice the database is gone',
    );
    const ready = await t.http.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.json().checks.database, 'unavailable');
    // Past the snapshot's version poll (500 ms) and its retry pause: still the last state.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const url of ['/status', '/status.json', '/status/feed.atom', '/status/badge.svg']) {
      const res = await t.http.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
    }
    const during = await t.http.inject({ method: 'GET', url: '/status' });
    assert.equal(during.body, before.body);
    assert.equal(during.headers.etag, before.headers.etag);
  } finally {
    await proxy!.restore();
  }
});

test('a restart while the database is unreachable serves the last published page from disk; the full app takes over when it is back', async () => {
  const live = { html: await t.http.inject({ method: 'GET', url: '/status' }), json: await t.http.inject({ method: 'GET', url: '/status.json' }) };
  const unreachable = onPostgres ? env.DATABASE_URL! : 'postgres://postgres@127.0.0.1:1/unreachable';
  if (onPostgres) await proxy!.cut();
  const lines: string[] = [];
  const server = await serve(testConfig({ ...env, DATABASE_URL: unreachable }), (line) => lines.push(line));
  try {
    assert.match(lines.join('\n'), /database is unreachable; serving the last published status page/);
    const page = await fetch(`${server.url}/status`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('x-secdesk-status-source'), 'last-published');
    assert.equal(await page.text(), live.html.body);
    assert.equal(page.headers.get('etag'), live.html.headers.etag);
    assert.equal((await fetch(`${server.url}/status`, { headers: { 'if-none-match': String(live.html.headers.etag) } })).status, 304);
    assert.equal(await (await fetch(`${server.url}/status.json`)).text(), live.json.body);
    const ready = await fetch(`${server.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.equal(((await ready.json()) as { checks: { database: string } }).checks.database, 'unavailable');
    const api = await fetch(`${server.url}/api/incidents`);
    assert.equal(api.status, 503);
    assert.doesNotMatch(await api.text(), /127\.0\.0\.1|postgres/);
    if (onPostgres) {
      await proxy!.restore();
      await waitFor(
        async () =>
          (await fetch(`${server.url}/readyz`).then(
            (r) => r.status,
            () => 0,
          )) === 200 || undefined,
        'the full app on the same port',
        60_000,
      );
      const back = await fetch(`${server.url}/status`);
      assert.equal(back.headers.get('x-secdesk-status-source'), null);
      assert.match(await back.text(), /LAST-STATE-MARKER/);
    }
  } finally {
    await server.stop();
  }
});
