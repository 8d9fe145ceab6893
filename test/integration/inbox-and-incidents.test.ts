// Tickets, incidents and the demo data set through the real API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../src/app/seed/demo.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

let t: TestApp;
let analyst: Client;
let engineer: Client;
let marketing: Client;
before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(t.app, 'engineer@example.com', ['security_engineer']);
  await createUser(t.app, 'marketing@example.com', ['marketing']);
  analyst = await signIn(t.http, 'analyst@example.com');
  engineer = await signIn(t.http, 'engineer@example.com');
  marketing = await signIn(t.http, 'marketing@example.com');
});
after(async () => t.close());

test('the demo data is seeded once', async () => {
  const first = await seedDemo(t.app, { onlyIfEmpty: true });
  assert.deepEqual(first, { tickets: 8, incidents: 1 });
  assert.equal(await seedDemo(t.app, { onlyIfEmpty: true }), null);
  const seeded = await t.app.database.db.selectFrom('audit_log').select('actor_label').where('action', '=', 'ticket.opened').execute();
  assert.equal(seeded.length, 8);
  assert.ok(seeded.every((r) => r.actor_label === 'demo seed'));
});

test('the inbox lists tickets newest first with pagination', async () => {
  const all = (await analyst.request('GET', '/api/tickets?limit=200')).json();
  assert.equal(all.items.length, 8);
  const times = all.items.map((i: { createdAt: string }) => Date.parse(i.createdAt));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = (
      await analyst.request('GET', `/api/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
    ).json();
    seen.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  assert.deepEqual(
    seen,
    all.items.map((i: { id: string }) => i.id),
  );
  assert.equal((await analyst.request('GET', '/api/tickets?cursor=garbage')).statusCode, 400);
});

test('search finds words in message bodies; status filters', async () => {
  const found = (await analyst.request('GET', '/api/tickets?q=authenticator')).json();
  assert.equal(found.items.length, 1);
  assert.match(found.items[0].subject, /2FA/);
  const solved = (await analyst.request('GET', '/api/tickets?status=solved')).json();
  assert.ok(solved.items.length >= 1 && solved.items.every((i: { status: string }) => i.status === 'solved'));
  assert.equal((await analyst.request('GET', '/api/tickets?status=lost')).statusCode, 400);
});

test('a ticket shows its conversation; unknown ids are 404', async () => {
  const list = (await analyst.request('GET', '/api/tickets?q=encrypted')).json();
  const ticket = (await analyst.request('GET', `/api/tickets/${list.items[0].id}`)).json();
  assert.deepEqual(
    ticket.messages.map((m: { direction: string }) => m.direction),
    ['inbound', 'note'],
  );
  assert.equal(ticket.number >= 1001, true);
  assert.equal((await analyst.request('GET', '/api/tickets/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  assert.equal((await marketing.request('GET', '/api/tickets')).statusCode, 403);
});

test('declaring an incident scores it, starts its timeline and audits it', async () => {
  const res = await engineer.request('POST', '/api/incidents', {
    title: 'Credential stuffing against sign-in',
    description: 'Spike of failed sign-ins from a botnet.',
    type: 'account_takeover',
    impact: 3,
    likelihood: 4,
  });
  assert.equal(res.statusCode, 201);
  const incident = res.json();
  assert.deepEqual(incident.risk, { score: 12, level: 'high', label: 'High' });
  assert.equal(incident.commsPlanApplies, true);
  assert.equal(incident.timeline[0].kind, 'declared');
  const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', incident.id).execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['incident.declared'],
  );
  assert.equal((await engineer.request('POST', '/api/incidents', { title: ' ', description: '', type: 'rce', impact: 1, likelihood: 1 })).statusCode, 400);
  assert.equal((await engineer.request('POST', '/api/incidents', { title: 'x', description: '', type: 'rce', impact: 6, likelihood: 1 })).statusCode, 400);
  assert.equal((await marketing.request('POST', '/api/incidents', { title: 'x', description: '', type: 'rce', impact: 1, likelihood: 1 })).statusCode, 403);
});

test('a restricted incident is invisible to others', async () => {
  const restricted = (
    await engineer.request('POST', '/api/incidents', {
      title: 'Insider access review',
      description: 'Restricted.',
      type: 'policy_violation',
      impact: 2,
      likelihood: 2,
      visibility: 'restricted',
    })
  ).json();
  assert.equal((await engineer.request('GET', `/api/incidents/${restricted.id}`)).statusCode, 200);
  assert.equal((await marketing.request('GET', `/api/incidents/${restricted.id}`)).statusCode, 404);
  const listed = (await marketing.request('GET', '/api/incidents')).json();
  assert.ok(!listed.items.some((i: { id: string }) => i.id === restricted.id));
  const seeded = listed.items.find((i: { title: string }) => /CI job logs/.test(i.title));
  const detail = (await marketing.request('GET', `/api/incidents/${seeded.id}`)).json();
  // The seed's story: declared, moved to investigating, four notes and hourly status updates to the stakeholders.
  const kinds = detail.timeline.map((e: { kind: string }) => e.kind);
  assert.deepEqual(
    ['declared', 'status_changed', 'note', 'status_update'].map((kind) => kinds.filter((k: string) => k === kind).length),
    [1, 1, 4, 7],
  );
  // High risk and a data breach: the plan's rules engage the Sr. Director of Security, the broader e-group and Legal.
  assert.deepEqual(detail.engagements.map((e: { group: string }) => e.group).sort(), ['Broader e-group', 'Legal', 'Sr. Director of Security']);
  assert.equal(detail.status, 'investigating');
});
