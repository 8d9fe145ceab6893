// Rotations per on-call role (API, gaps warned, overrides, iCalendar round trip), roles filled at
// declaration and paged, SIMOC and CMOC engaged at high risk, explicit hand-over on the timeline and
// audit, declaring from a ticket, the editable incident types and the post-incident review.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

let t: TestApp;
let admin: Client;
let manager: Client;
let engineer: Client;
let reader: Client;
const ids: Record<string, string> = {};

const weekly = (participants: string[]) => ({
  name: 'Rotation',
  timeZone: 'America/New_York',
  handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
  startDate: '2020-01-06',
  participants,
  overrides: [],
});

before(async () => {
  t = await startTestApp();
  for (const [key, roles] of [
    ['admin', ['admin']],
    ['manager', ['incident_manager']],
    ['engineer', ['security_engineer']],
    ['comms', ['communications_manager']],
    ['reader', ['read_only']],
  ] as const) {
    ids[key] = (await createUser(t.app, `${key}@example.com`, [...roles])).id;
  }
  admin = await signIn(t.http, 'admin@example.com');
  manager = await signIn(t.http, 'manager@example.com');
  engineer = await signIn(t.http, 'engineer@example.com');
  reader = await signIn(t.http, 'reader@example.com');
});
after(async () => t?.close());

test('an empty rotation warns of a gap; declaring leaves the role unfilled, visibly, without failing', async () => {
  const now = (await reader.request('GET', '/api/oncall/now')).json().items as { role: string; onCall: unknown; gaps: { reason: string }[] }[];
  assert.deepEqual(
    now.map((r) => r.role),
    ['security_engineer', 'incident_manager', 'communications_manager'],
  );
  for (const r of now) {
    assert.equal(r.onCall, null);
    assert.match(r.gaps[0]!.reason, /no participants/);
  }
  const declared = await manager.request('POST', '/api/incidents', { title: 'Nobody home', description: '', type: 'abuse', impact: 1, likelihood: 1 });
  assert.equal(declared.statusCode, 201, declared.body);
  const seoc = declared.json().roles.find((r: { role: string }) => r.role === 'security_engineer');
  assert.equal(seoc.userId, null);
  assert.match(seoc.warning, /unfilled/);
  assert.ok(declared.json().timeline.some((e: { kind: string; summary: string }) => e.kind === 'role_unfilled' && /nobody is on call/.test(e.summary)));
});

test('rotations: saved by oncall.manage only, who is on call now, overrides, unknown people refused', async () => {
  assert.equal((await reader.request('PUT', '/api/oncall/rotations/security_engineer', weekly([ids.engineer!]))).statusCode, 403);
  const unknown = await manager.request('PUT', '/api/oncall/rotations/security_engineer', weekly(['00000000-0000-4000-8000-000000000000']));
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /no active user/);
  const badZone = await manager.request('PUT', '/api/oncall/rotations/security_engineer', { ...weekly([ids.engineer!]), timeZone: 'Mars/Olympus' });
  assert.match(badZone.json().error.message, /unknown time zone/);
  const saved = await manager.request('PUT', '/api/oncall/rotations/security_engineer', weekly([ids.engineer!]));
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal(saved.json().onCall.person.name, 'engineer');
  assert.deepEqual(saved.json().gaps, []);
  for (const [role, person] of [
    ['incident_manager', ids.manager],
    ['communications_manager', ids.comms],
  ] as const) {
    assert.equal(
      (
        await manager.request('PUT', `/api/oncall/rotations/${role}`, {
          ...weekly([person!]),
          handOver: { kind: 'daily', time: '08:30' },
          timeZone: 'Asia/Tokyo',
        })
      ).statusCode,
      200,
    );
  }
  // Whole seconds: iCalendar keeps no fractions, and the export must import back exactly.
  const second = Math.floor(Date.now() / 1000) * 1000;
  const from = new Date(second - 60_000).toISOString();
  const to = new Date(second + 3_600_000).toISOString();
  const overridden = await manager.request('POST', '/api/oncall/rotations/communications_manager/overrides', { userId: ids.admin, from, to, reason: 'cover' });
  assert.equal(overridden.statusCode, 201, overridden.body);
  assert.equal(overridden.json().onCall.person.id, ids.admin);
  assert.equal(overridden.json().onCall.source, 'override');
  const people = (await reader.request('GET', '/api/oncall/people')).json().items.map((p: { name: string }) => p.name);
  assert.ok(people.includes('engineer') && !people.includes('reader'));
  const audit = [];
  for await (const e of t.app.store.read.auditLog.entries()) audit.push(e.action);
  assert.ok(audit.includes('oncall.rotation_saved') && audit.includes('oncall.override_added'));
});

test('iCalendar: export and import back exactly; a file of another role or too big is refused', async () => {
  const exported = await reader.request('GET', '/api/oncall/rotations/communications_manager/ical');
  assert.equal(exported.statusCode, 200);
  assert.match(String(exported.headers['content-type']), /text\/calendar/);
  assert.match(exported.body, /BEGIN:VCALENDAR[\s\S]*RRULE:FREQ=DAILY/);
  const before = (await reader.request('GET', '/api/oncall/rotations/communications_manager')).json();
  const put = (role: string, body: string, who = manager) =>
    t.http.inject({
      method: 'PUT',
      url: `/api/oncall/rotations/${role}/ical`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'text/calendar' },
      payload: body,
    });
  const imported = await put('communications_manager', exported.body);
  assert.equal(imported.statusCode, 200, imported.body);
  assert.deepEqual(imported.json().rotation, before.rotation);
  const otherRole = await put('security_engineer', exported.body);
  assert.equal(otherRole.statusCode, 400);
  assert.match(otherRole.json().error.message, /Communications Manager On Call, not of Security Engineer On Call/);
  assert.equal((await put('security_engineer', 'BEGIN:VCALENDAR\r\n' + 'X'.repeat(1024 * 1024 + 10))).statusCode, 413);
  assert.equal((await put('security_engineer', 'not a calendar')).statusCode, 400);
  assert.equal((await put('security_engineer', exported.body, reader)).statusCode, 403);
});

test('declaring fills and pages the Security Engineer On Call; high risk engages SIMOC and CMOC; hand-over is explicit and logged', async () => {
  const low = (await manager.request('POST', '/api/incidents', { title: 'Low one', description: '', type: 'abuse', impact: 1, likelihood: 2 })).json();
  const holder = (i: { roles: { role: string; userId: string | null; since: string | null }[] }, role: string) => i.roles.find((r) => r.role === role)!;
  assert.equal(holder(low, 'security_engineer').userId, ids.engineer);
  assert.equal(holder(low, 'incident_manager').since, null, 'not engaged at low risk');
  const pages = (await engineer.request('GET', '/api/me/notifications')).json();
  assert.ok(
    pages.items.some(
      (n: { kind: string; title: string }) => n.kind === 'incident_page' && n.title === `Paged as Security Engineer On Call: incident #${low.number}`,
    ),
  );

  const high = (
    await manager.request('POST', '/api/incidents', {
      title: 'Breach',
      description: '',
      type: 'data_breach',
      impact: 5,
      likelihood: 4,
      facts: { dataBreach: true },
    })
  ).json();
  assert.equal(holder(high, 'incident_manager').userId, ids.manager);
  assert.equal(holder(high, 'communications_manager').userId, ids.admin, 'the override is on call');
  const simocEngagement = high.engagements.find((e: { driRole: string | null }) => e.driRole === 'incident_manager');
  assert.ok(simocEngagement, 'the engagement names its DRI role so the holder can be shown');

  // Raising the low incident's risk engages the other two roles then.
  const raised = (await manager.request('PATCH', `/api/incidents/${low.id}`, { impact: 5, likelihood: 5 })).json();
  assert.equal(holder(raised, 'incident_manager').userId, ids.manager);

  const handOver = await engineer.request('POST', `/api/incidents/${high.id}/roles/security_engineer/handover`, { to: ids.admin, note: 'shift ends' });
  assert.equal(handOver.statusCode, 204, handOver.body);
  const after = (await engineer.request('GET', `/api/incidents/${high.id}`)).json();
  assert.equal(holder(after, 'security_engineer').userId, ids.admin);
  assert.ok(
    after.timeline.some(
      (e: { kind: string; summary: string }) =>
        e.kind === 'role_handed_over' && e.summary === 'Security Engineer On Call handed over from engineer to admin: shift ends',
    ),
  );
  assert.equal((await engineer.request('POST', `/api/incidents/${high.id}/roles/security_engineer/handover`, { to: ids.admin, note: '' })).statusCode, 409);
  assert.equal((await engineer.request('POST', `/api/incidents/${high.id}/roles/security_engineer/engage`)).statusCode, 409);
  const adminPages = (await admin.request('GET', '/api/me/notifications')).json().items;
  assert.ok(adminPages.some((n: { title: string }) => n.title === `Paged as Security Engineer On Call: incident #${high.number}`));
  const audit = [];
  for await (const e of t.app.store.read.auditLog.entries()) audit.push(e.action);
  assert.ok(audit.includes('incident.role_handed_over'));
});

test('declare from a ticket: subject and requester as context, linked both ways', async () => {
  const raw = Buffer.from(
    'From: Rita Reporter <rita@example.org>\r\nTo: security@localhost\r\nSubject: SQL injection in search\r\nMessage-ID: <sqli@example.org>\r\n\r\nDetails.\r\n',
  );
  const ticketId = (await t.app.services.mailIntake.receive(raw, 'import')).ticketId;
  const res = await manager.request('POST', `/api/tickets/${ticketId}/incident`, { type: 'rce', impact: 3, likelihood: 3 });
  assert.equal(res.statusCode, 201, res.body);
  const incident = res.json();
  assert.equal(incident.title, 'SQL injection in search');
  assert.equal(incident.ticketId, ticketId);
  assert.match(incident.description, /Declared from ticket #\d+ "SQL injection in search" reported by Rita Reporter <rita@example.org>/);
  const linked = (await manager.request('GET', `/api/tickets/${ticketId}/incidents`)).json().items;
  assert.deepEqual(
    linked.map((i: { id: string }) => i.id),
    [incident.id],
  );
  // communications_manager may write incidents but not read tickets.
  const comms = await signIn(t.http, 'comms@example.com');
  assert.equal((await comms.request('POST', `/api/tickets/${ticketId}/incident`, { type: 'rce', impact: 3, likelihood: 3 })).statusCode, 403);
  assert.equal(
    (await manager.request('POST', '/api/tickets/00000000-0000-4000-8000-000000000000/incident', { type: 'rce', impact: 3, likelihood: 3 })).statusCode,
    404,
  );
});

test('incident types: seeded, editable by admins, used by declaring; a type in use stays', async () => {
  const seeded = (await reader.request('GET', '/api/incident-types')).json().items.map((t: { id: string }) => t.id);
  for (const id of ['data_breach', 'rce', 'account_takeover', 'abuse', 'policy_violation', 'other']) assert.ok(seeded.includes(id), id);
  assert.equal((await manager.request('PUT', '/api/incident-types', { items: [{ id: 'other', label: 'Other' }] })).statusCode, 403);
  const inUse = await admin.request('PUT', '/api/incident-types', { items: [{ id: 'other', label: 'Other' }] });
  assert.equal(inUse.statusCode, 409);
  assert.match(inUse.json().error.message, /in use/);
  const items = [...(await reader.request('GET', '/api/incident-types')).json().items, { id: 'supply_chain', label: 'Supply chain' }];
  assert.equal((await admin.request('PUT', '/api/incident-types', { items })).statusCode, 200);
  assert.equal(
    (await manager.request('POST', '/api/incidents', { title: 'Dependency', description: '', type: 'supply_chain', impact: 1, likelihood: 1 })).statusCode,
    201,
  );
  const unknown = await manager.request('POST', '/api/incidents', { title: 'x', description: '', type: 'meteor', impact: 1, likelihood: 1 });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /unknown incident type meteor/);
});

test('the post-incident review: every section, counts, and user text that cannot break the structure', async () => {
  const hostile = '# Owned\n| a | b |\n<script>alert(1)</script> [click](http://evil.example) ![x](y)';
  const created = (
    await manager.request('POST', '/api/incidents', {
      title: '# Title | with pipes <b>',
      description: hostile,
      type: 'data_breach',
      impact: 5,
      likelihood: 5,
      facts: { dataBreach: true },
    })
  ).json();
  await manager.request('POST', `/api/incidents/${created.id}/notes`, { at: new Date().toISOString(), text: hostile });
  const update = {
    currentRisk: hostile,
    usersImpacted: 'some',
    timelineOfEvents: '09:10 alert',
    mitigationSteps: '- item',
    currentStatus: 'Investigating',
    nextSteps: '1. next',
  };
  assert.equal((await manager.request('POST', `/api/incidents/${created.id}/updates`, update)).statusCode, 201);
  const res = await reader.request('GET', `/api/incidents/${created.id}/review.md`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/markdown/);
  const md = res.body;
  for (const heading of [
    '## Summary',
    '## Facts',
    '## Roles and hand-overs',
    '## Timeline',
    '## Status updates',
    '## Stakeholder engagements',
    '## Open questions',
  ])
    assert.ok(md.includes(`\n${heading}\n`), heading);
  assert.match(md, /Updates: \d+ on time, \d+ late, \d+ missed; \d+ escalations\./);
  assert.match(md, /Security Engineer On Call: engineer/);
  assert.ok(md.startsWith(`# Post-incident review: incident #${created.number}: \\# Title \\| with pipes \\<b\\>\n`));
  // No user text starts a line of structure or carries raw HTML or a link.
  const headings = md.split('\n').filter((l) => l.startsWith('#'));
  assert.ok(
    headings.every((l) => !/Owned/.test(l)),
    'user text made a heading',
  );
  assert.ok(!md.includes('<script>') && !md.includes('](http'), 'raw HTML or a link got through');
  for (const row of md.split('\n').filter((l) => l.startsWith('| 20'))) assert.equal(row.split(/(?<!\\)\|/).length, 6, `a timeline row has 4 cells: ${row}`);
});
