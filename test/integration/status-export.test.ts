// Static export over the real app: a publish enqueues status.export, which writes the page, JSON,
// feeds and badge (the bytes the live routes serve) to a directory and a signed S3 PUT target, keeps
// the last published copy on disk, and reports a failing target without stopping the others.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startFakeS3, type FakeS3 } from '../support/fake-s3.ts';
import { waitFor } from '../support/until.ts';
import { CLI_CONTEXT } from '../../src/app/serve.ts';
import { loadPersistedSnapshot } from '../../src/adapters/status-export/persisted-snapshot.ts';

const credentials = { accessKeyId: 'AKIDSTATUS', secretAccessKey: 'status-export-secret-key' };
let t: TestApp;
let s3: FakeS3;
let comms: Client;
let dir: string;
let dataDir: string;
let incidentId: string;

const get = (url: string) => t.http.inject({ method: 'GET', url });

before(async () => {
  s3 = await startFakeS3({ bucket: 'status-page', ...credentials });
  dir = mkdtempSync(path.join(tmpdir(), 'secdesk-export-dir-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'secdesk-export-data-'));
  const targets = [
    { kind: 'dir', path: dir },
    { kind: 's3', endpoint: s3.endpoint, bucket: 'status-page', prefix: 'public/', region: 'eu-central-1', ...credentials },
    { kind: 's3', endpoint: s3.endpoint, bucket: 'no-such-bucket', ...credentials },
  ];
  t = await startTestApp({
    env: {
      SECDESK_PUBLIC_URL: 'https://status.example.com',
      SECDESK_STATUS_EXPORT_TARGETS: JSON.stringify(targets),
      SECDESK_STATUS_KEEP_LAST: 'true',
      SECDESK_DATA_DIR: dataDir,
    },
  });
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  const admin = await signIn(t.http, 'admin@example.com');
  comms = await signIn(t.http, 'cmoc@example.com');
  const incident = await admin.request('POST', '/api/incidents', { title: 'Login outage', description: '', type: 'other', impact: 3, likelihood: 3 });
  assert.equal(incident.statusCode, 201, incident.body);
  incidentId = incident.json().id;
  assert.equal((await comms.request('POST', '/api/statuspage/components', { slug: 'api', name: 'API' })).statusCode, 201);
});
after(async () => {
  await t?.close();
  await s3?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

test('a publish is exported to every target with the live bytes; a failing target is reported, the others still get it', async () => {
  const published = await comms.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, {
    status: 'investigating',
    title: 'Sign-in failures',
    body: 'EXPORT-MARKER sign-in fails for some users',
    componentSlugs: ['api'],
    componentState: 'major_outage',
  });
  assert.equal(published.statusCode, 201, published.body);
  const page = path.join(dir, 'status/index.html');
  // The page at the root is the last file of a run.
  const root = path.join(dir, 'index.html');
  await waitFor(
    () =>
      (existsSync(root) && readFileSync(root, 'utf8').includes('EXPORT-MARKER') && s3.objects.get('public/index.html')?.body.includes('EXPORT-MARKER')) ||
      undefined,
    'the export of the publish',
  );
  const live = {
    html: await get('/status'),
    json: await get('/status.json'),
    atom: await get('/status/feed.atom'),
    rss: await get('/status/feed.rss'),
    badge: await get('/status/badge.svg'),
  };
  assert.equal(readFileSync(page, 'utf8'), live.html.body);
  assert.equal(readFileSync(path.join(dir, 'index.html'), 'utf8'), live.html.body);
  assert.equal(readFileSync(path.join(dir, 'status.json'), 'utf8'), live.json.body);
  assert.equal(readFileSync(path.join(dir, 'status/feed.atom'), 'utf8'), live.atom.body);
  assert.equal(readFileSync(path.join(dir, 'status/feed.rss'), 'utf8'), live.rss.body);
  assert.equal(readFileSync(path.join(dir, 'status/badge.svg'), 'utf8'), live.badge.body);
  const eventId = live.json.json().incidents[0].id as string;
  assert.match(readFileSync(path.join(dir, `status/incidents/${eventId}/index.html`), 'utf8'), /EXPORT-MARKER/);
  assert.ok(existsSync(path.join(dir, 'status/history/index.html')));
  assert.ok(!readdirSync(path.join(dir, 'status')).some((f) => f.endsWith('.tmp')), 'no temporary files left');

  const object = s3.objects.get('public/status/index.html')!;
  assert.equal(object.body.toString(), live.html.body);
  assert.equal(object.contentType, 'text/html; charset=utf-8');
  assert.equal(s3.objects.get('public/status.json')!.contentType, 'application/json; charset=utf-8');
  assert.match(String(object.headers.authorization), /Credential=AKIDSTATUS\/\d{8}\/eu-central-1\/s3\/aws4_request/);
  assert.ok(s3.rejected.some((r) => r.startsWith('NoSuchBucket')));

  const audit = await waitFor(
    async () => (await t.app.database.db.selectFrom('audit_log').select('after').where('action', '=', 'status_page.exported').execute())[0],
    'the export audit entry',
  );
  const results = (audit.after as { results: { target: string; ok: boolean; error?: string }[] }).results;
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, true, false],
  );
  assert.match(results[2]!.error!, /NoSuchBucket/);
  assert.ok(!JSON.stringify(audit.after).includes(credentials.secretAccessKey), 'no secret in the audit log');

  // The last published copy on disk, for a restart while the database is unreachable.
  const kept = await loadPersistedSnapshot(dataDir);
  const keptPage = kept!.find((e) => e.url === '/status')!;
  assert.equal(Buffer.from(keptPage.body).toString(), live.html.body);
  assert.equal(keptPage.etag, live.html.headers.etag);
});

test('secdesk status publish: to a directory given on the command line, or a clear error without any target', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'secdesk-export-cli-'));
  try {
    const [result] = await t.app.services.statusExport.exportNow(CLI_CONTEXT, [{ kind: 'dir', path: out }]);
    assert.equal(result!.ok, true);
    assert.equal(readFileSync(path.join(out, 'status.json'), 'utf8'), (await get('/status.json')).body);
    await assert.rejects(t.app.services.statusExport.exportNow(CLI_CONTEXT, []), /no export target/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
