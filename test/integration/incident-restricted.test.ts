// Done when: a restricted incident is invisible to a non-responder through every route under
// /api/incidents (enumerated from the server's route table), the list, the ticket it came from
// and every export; its responders (role holders and named responders) and admins see it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const TITLE = 'Zebra-Quokka secret breach';
let t: TestApp;
let admin: Client;
let engineer: Client;
let outsider: Client;
let ids: { engineer: string; outsider: string; admin: string };
let secret: { id: string; ticketId: string; engagementId: string; clockId: string };

const UPDATE = {
  currentRisk: 'High',
  usersImpacted: 'some',
  timelineOfEvents: '09:10 alert',
  mitigationSteps: 'Keys rotated',
  currentStatus: 'Investigating',
  nextSteps: 'Notify',
};

before(async () => {
  t = await startTestApp();
  ids = {
    admin: (await createUser(t.app, 'admin@example.com', ['admin'])).id,
    engineer: (await createUser(t.app, 'seoc@example.com', ['security_engineer'])).id,
    // Holds incidents.read and incidents.write (and more), but is no responder of the restricted incident.
    outsider: (await createUser(t.app, 'manager@example.com', ['incident_manager', 'security_analyst'])).id,
  };
  admin = await signIn(t.http, 'admin@example.com');
  engineer = await signIn(t.http, 'seoc@example.com');
  outsider = await signIn(t.http, 'manager@example.com');
  const rotation = {
    name: 'SEOC',
    timeZone: 'Europe/Amsterdam',
    handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
    startDate: '2020-01-06',
    participants: [ids.engineer],
    overrides: [],
  };
  assert.equal((await admin.request('PUT', '/api/oncall/rotations/security_engineer', rotation)).statusCode, 200);
  const raw = Buffer.from(
    `From: Reporter <reporter@example.org>\r\nTo: security@localhost\r\nSubject: Keys found in a public repository\r\nMessage-ID: <restricted@example.org>\r\n\r\nI found your keys.\r\n`,
  );
  const ticketId = (await t.app.services.mailIntake.receive(raw, 'import')).ticketId;
  // Impact 5 × likelihood 5 with a data breach engages stakeholder groups, so engagement routes have a real engagement.
  const declared = await admin.request('POST', `/api/tickets/${ticketId}/incident`, {
    title: TITLE,
    type: 'data_breach',
    impact: 5,
    likelihood: 5,
    visibility: 'restricted',
    facts: { dataBreach: true, personalDataExposed: true },
  });
  assert.equal(declared.statusCode, 201, declared.body);
  const incident = declared.json();
  assert.ok(incident.engagements.length > 0);
  const clocks = (await admin.request('GET', `/api/incidents/${incident.id}/regulatory-clocks`)).json();
  secret = { id: incident.id, ticketId, engagementId: incident.engagements[0].id, clockId: clocks.clocks[0].id };
  assert.equal((await admin.request('POST', `/api/incidents/${secret.id}/updates`, UPDATE)).statusCode, 201);
  // A normal incident beside it, whose exports must not carry the restricted one.
  assert.equal(
    (await admin.request('POST', '/api/incidents', { title: 'Ordinary phishing', description: '', type: 'abuse', impact: 1, likelihood: 1 })).statusCode,
    201,
  );
});
after(async () => t?.close());

/** A valid request for each route, so a refusal is about visibility, never about the input. */
function requestFor(method: string, url: string): { url: string; payload?: object } {
  const path = url
    .replace(':id', secret.id)
    .replace(':engagementId', secret.engagementId)
    .replace(':clockId', secret.clockId)
    .replace(':role', 'security_engineer')
    .replace(':userId', ids.admin)
    .replace(':cid', '5a0b3c1d-7e2f-4a6b-9c8d-0e1f2a3b4c5d')
    .replace(':taskId', '6b1c4d2e-8f3a-4b7c-8d9e-1f2a3b4c5d6e')
    .replace(':audience', 'customers');
  const bodies: Record<string, object> = {
    'PATCH /api/incidents/:id': { status: 'investigating' },
    'POST /api/incidents/:id/notes': { at: new Date().toISOString(), text: 'peek' },
    'POST /api/incidents/:id/updates': UPDATE,
    'POST /api/incidents/:id/engagements/:engagementId/snooze': { minutes: 30, reason: 'peek' },
    'POST /api/incidents/:id/roles/:role/handover': { to: ids.outsider, note: 'mine now' },
    'POST /api/incidents/:id/responders': { userId: ids.outsider },
    'POST /api/incidents/:id/regulatory-clocks/:clockId/met': { notifiedAt: new Date().toISOString() },
    'POST /api/incidents/:id/regulatory-clocks/:clockId/not-applicable': { reason: 'peek' },
    'PUT /api/incidents/:id/aware-at': { awareAt: new Date().toISOString() },
    'PUT /api/incidents/:id/communications/plan/scope': { scope: 'peek', frequencyMinutes: 60 },
    'PUT /api/incidents/:id/communications/plan/medium': { channels: ['blog_post'] },
    'POST /api/incidents/:id/communications/plan/tasks': { team: 'support', title: 'peek' },
    'PATCH /api/incidents/:id/communications/plan/tasks/:taskId': { done: true },
    'PUT /api/incidents/:id/communications/plan/lists/:audience': { listId: ids.admin },
    'POST /api/incidents/:id/communications/plan/rounds': { final: false },
    'POST /api/incidents/:id/communications/plan/overrides': { round: 1, channel: 'blog_post', reason: 'peek at the incident' },
    'POST /api/incidents/:id/communications/preview': { channel: 'blog_post' },
    'POST /api/incidents/:id/communications': { channel: 'blog_post' },
    'POST /api/incidents/:id/communications/:cid/versions': { subject: 'peek', body: 'peek' },
    'POST /api/incidents/:id/communications/:cid/comments': { body: 'peek' },
    'POST /api/incidents/:id/communications/:cid/approve': { version: 1 },
  };
  const payload = bodies[`${method} ${url}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
  const query = url.endsWith('/communications/:cid/diff') ? '?from=1&to=1' : '';
  return { url: `${path}${query}`, ...(payload ? { payload } : {}) };
}

test('a non-responder gets 404 on every route under /api/incidents/:id, never 403 and never the title', async () => {
  const routes = t.http.routeAccess.filter((r) => r.url.startsWith('/api/incidents/:id'));
  assert.ok(routes.length >= 12, `${routes.length} routes`);
  for (const route of routes) {
    const { url, payload } = requestFor(route.method, route.url);
    const res = await outsider.request(route.method, url, payload);
    assert.equal(res.statusCode, 404, `${route.method} ${route.url} → ${res.statusCode} ${res.body}`);
    assert.ok(!res.body.includes(TITLE) && !res.body.includes('Zebra'), `${route.method} ${route.url} leaks the title`);
  }
  // Nothing the outsider tried changed the incident.
  const seen = (await admin.request('GET', `/api/incidents/${secret.id}`)).json();
  assert.equal(seen.status, 'declared');
  assert.ok(!seen.responders.some((r: { userId: string }) => r.userId === ids.outsider));
  assert.ok(!seen.roles.some((r: { userId: string | null }) => r.userId === ids.outsider));
});

test('the list, the ticket, the other routes and the exports never show it to a non-responder', async () => {
  const list = await outsider.request('GET', '/api/incidents?limit=100');
  assert.equal(list.statusCode, 200);
  assert.ok(!list.body.includes(TITLE));
  assert.equal(list.json().items.length, 1);
  for (const status of ['declared', 'investigating']) assert.ok(!(await outsider.request('GET', `/api/incidents?status=${status}`)).body.includes(TITLE));
  const fromTicket = await outsider.request('GET', `/api/tickets/${secret.ticketId}/incidents`);
  assert.equal(fromTicket.statusCode, 200);
  assert.deepEqual(fromTicket.json().items, []);
  const other = list.json().items[0].id;
  for (const url of [
    `/api/incidents/${other}/timeline/export?format=jsonl`,
    `/api/incidents/${other}/timeline/export?format=markdown`,
    `/api/incidents/${other}/review.md`,
  ]) {
    const res = await outsider.request('GET', url);
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes(TITLE), url);
  }
  // Every other read route the outsider may call: none mentions the restricted incident.
  const reads = t.http.routeAccess.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':') && !r.url.startsWith('/api/docs'));
  for (const route of reads) {
    const res = await outsider.request('GET', route.url);
    assert.ok(!res.body.includes(TITLE) || res.statusCode === 403, `GET ${route.url} shows the restricted incident`);
  }
  assert.equal((await outsider.request('GET', '/api/me/notifications')).body.includes('Zebra'), false);
});

test('the role holder, admins and named responders see it; a removed responder no longer does', async () => {
  const asEngineer = await engineer.request('GET', `/api/incidents/${secret.id}`);
  assert.equal(asEngineer.statusCode, 200, 'the Security Engineer On Call filled from the rotation is a responder');
  assert.equal(asEngineer.json().title, TITLE);
  assert.ok((await engineer.request('GET', '/api/incidents')).body.includes(TITLE));
  assert.equal((await engineer.request('GET', `/api/incidents/${secret.id}/review.md`)).statusCode, 200);
  assert.equal((await admin.request('GET', `/api/tickets/${secret.ticketId}/incidents`)).json().items[0].id, secret.id);

  assert.equal((await engineer.request('POST', `/api/incidents/${secret.id}/responders`, { userId: ids.outsider })).statusCode, 204);
  const now = await outsider.request('GET', `/api/incidents/${secret.id}`);
  assert.equal(now.statusCode, 200);
  assert.ok((await outsider.request('GET', `/api/tickets/${secret.ticketId}/incidents`)).body.includes(TITLE));
  assert.equal((await admin.request('DELETE', `/api/incidents/${secret.id}/responders/${ids.outsider}`)).statusCode, 204);
  assert.equal((await outsider.request('GET', `/api/incidents/${secret.id}`)).statusCode, 404);
  assert.equal((await admin.request('DELETE', `/api/incidents/${secret.id}/responders/${randomUUID()}`)).statusCode, 404);
  const timeline = (await admin.request('GET', `/api/incidents/${secret.id}`)).json().timeline as { kind: string }[];
  assert.ok(timeline.some((e) => e.kind === 'responder_added') && timeline.some((e) => e.kind === 'responder_removed'));
});

test('a hand-over makes the new holder a responder and keeps the one handing over', async () => {
  const res = await engineer.request('POST', `/api/incidents/${secret.id}/roles/security_engineer/handover`, { to: ids.outsider, note: 'end of my shift' });
  assert.equal(res.statusCode, 204, res.body);
  assert.equal((await outsider.request('GET', `/api/incidents/${secret.id}`)).statusCode, 200);
  assert.equal((await engineer.request('GET', `/api/incidents/${secret.id}`)).statusCode, 200);
});
