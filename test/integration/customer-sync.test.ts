// The customer directory synced from another system over HTTP: a local server stands in for the
// CRM's export (real HTTP, CSV body, bearer token). A sync on demand and the scheduled sync job
// (through the real queue) import it; a broken export, an error answer or the wrong type change
// nothing and say why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CUSTOMER_SYNC_QUEUE, type CustomerSyncJob } from '../../src/domains/compliance/compliance.service.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { waitFor } from '../support/smtp-sink.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const HEADER = 'name,account_id,email_domains,soc2,pentest,nda_on_file\n';
let served = { status: 200, type: 'text/csv; charset=utf-8', body: `${HEADER}Acme Corp,ACME-1,acme.example,yes,yes,yes\n` };
const seenAuth: (string | undefined)[] = [];
let crm: Server;
let t: TestApp;
let admin: Client;

before(async () => {
  crm = createServer((req, res) => {
    seenAuth.push(req.headers.authorization);
    res.writeHead(served.status, { 'content-type': served.type }).end(served.body);
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/export/customers.csv`;
  t = await startTestApp({
    env: { SECDESK_CUSTOMER_DIRECTORY_URL: url, SECDESK_CUSTOMER_DIRECTORY_TOKEN: 'crm-export-token', SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE: 'true' },
  });
  await createUser(t.app, 'lead@secdesk.example', ['admin']);
  admin = await signIn(t.http, 'lead@secdesk.example');
});
after(async () => {
  await t.close();
  await new Promise((resolve) => crm.close(resolve));
});

const names = async () => (await admin.request('GET', '/api/customers')).json().items.map((c: { name: string; pentest: boolean }) => `${c.name}:${c.pentest}`);

test('a sync on demand imports the export; a broken export, an error or the wrong type change nothing', async () => {
  const res = await admin.request('POST', '/api/customers/sync');
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { created: 1, updated: 0 });
  assert.equal(seenAuth.at(-1), 'Bearer crm-export-token');
  assert.deepEqual(await names(), ['Acme Corp:true']);

  served = { ...served, body: `${HEADER}Acme Corp,ACME-1,acme.example,yes,no,no\nGlobex,GLX-1,globex,yes,no,no\n` };
  const broken = await admin.request('POST', '/api/customers/sync');
  assert.equal(broken.statusCode, 400);
  assert.match(broken.json().error.message, /nothing imported: line 3: "globex" is not a domain/);
  served = { ...served, status: 503, body: 'down for maintenance' };
  assert.match((await admin.request('POST', '/api/customers/sync')).json().error.message, /answered 503.*the directory is unchanged/);
  served = { status: 200, type: 'text/html', body: '<html>sign in</html>' };
  assert.match((await admin.request('POST', '/api/customers/sync')).json().error.message, /text\/html, not text\/csv/);
  assert.deepEqual(await names(), ['Acme Corp:true'], 'unchanged');
});

test('the scheduled sync job imports through the real queue and schedules the next', async () => {
  served = { status: 200, type: 'text/csv', body: `${HEADER}Acme Corp,ACME-1,acme.example,yes,no,no\nGlobex,GLX-1,globex.example,yes,no,no\n` };
  const boss = t.app.jobs.boss;
  const [job] = await boss.findJobs<CustomerSyncJob>(CUSTOMER_SYNC_QUEUE, { queued: true });
  assert.ok(job, 'a sync is scheduled');
  await boss.update(CUSTOMER_SYNC_QUEUE, undefined, { id: job.id, startAfter: new Date() });
  await waitFor(async () => ((await boss.findJobs(CUSTOMER_SYNC_QUEUE, { id: job.id }))[0]?.state === 'completed' ? true : undefined), 'the sync completes');
  assert.deepEqual(await names(), ['Acme Corp:false', 'Globex:false']);
  const next = await boss.findJobs<CustomerSyncJob>(CUSTOMER_SYNC_QUEUE, { queued: true });
  assert.equal(next.length, 1);
  assert.ok(Date.parse(next[0]!.data.slot) > Date.parse(job.data.slot));
});
