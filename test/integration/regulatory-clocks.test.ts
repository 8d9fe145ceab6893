// Done when: setting "personal data exposed" starts the GDPR clock at the time the team became
// aware (and the US state clock), once however the facts toggle; its reminders fire on a
// controllable clock exactly once each, to the owner role's holder; marking it met stops them; a
// reminder survives a restart; a restricted incident's clocks are hidden from non-responders.
// Runs on both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { runDueReminders, TestClock } from '../support/reminders.ts';
import { REGULATORY_REMINDER_QUEUE } from '../../src/domains/regulatory/clock-steps.ts';
import { deadlineOf } from '../../src/domains/regulatory/deadline.ts';
import { createCalendar } from '../../src/domains/calendar/calendar.ts';

const HOUR = 3_600_000;
// Whole minutes, a little ahead of real time: pg-boss never starts a check on its own before the test releases it.
const clock = new TestClock(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
let t: TestApp;
let manager: Client;
let managerId: string;
let other: Client;
let reader: Client;

type Clock = {
  id: string;
  clockId: string;
  name: string;
  state: string;
  dueAt: string;
  startedAt: string;
  remainingMs: number | null;
  overdue: boolean;
  metLate: boolean;
  reference: string | null;
  reason: string | null;
  ownerLabel: string;
  span: string;
};
type Clocks = { timeZone: string; awareAt: string; awareAtSet: boolean; declaredAt: string; clocks: Clock[] };
type Event = { kind: string; summary: string };

before(async () => {
  // Deadlines run for days of test-clock time: sessions must outlast them.
  t = await startTestApp({ app: { clock }, env: { SECDESK_SESSION_HOURS: '720' } });
  managerId = (await createUser(t.app, 'simoc@example.com', ['incident_manager'])).id;
  await createUser(t.app, 'other@example.com', ['incident_manager']);
  await createUser(t.app, 'reader@example.com', ['read_only']);
  manager = await signIn(t.http, 'simoc@example.com');
  other = await signIn(t.http, 'other@example.com');
  reader = await signIn(t.http, 'reader@example.com');
});
after(async () => t?.close());

const run = (app: TestApp = t, c = clock) => runDueReminders(app.app, c, 60_000, REGULATORY_REMINDER_QUEUE);

async function clocksOf(id: string, as = manager): Promise<Clocks> {
  const res = await as.request('GET', `/api/incidents/${id}/regulatory-clocks`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
const byId = (c: Clocks, clockId: string) => c.clocks.find((x) => x.clockId === clockId)!;

async function timeline(id: string, kind: string, app = t): Promise<Event[]> {
  return app.app.database.db.selectFrom('incident_events').select(['kind', 'summary']).where('incident_id', '=', id).where('kind', '=', kind).execute();
}
async function reminders(userId: string, app = t): Promise<string[]> {
  const rows = await app.app.database.db
    .selectFrom('notifications')
    .select('title')
    .where('user_id', '=', userId)
    .where('kind', '=', 'regulatory_deadline')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.title);
}

async function declare(as: Client, body: Record<string, unknown> = {}): Promise<string> {
  const res = await as.request('POST', '/api/incidents', {
    title: 'Export bucket readable',
    description: '',
    type: 'data_breach',
    impact: 2,
    likelihood: 2,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}
async function makeOwner(as: Client, id: string, userId: string, role = 'incident_manager') {
  const res = await as.request('POST', `/api/incidents/${id}/roles/${role}/handover`, { to: userId, note: 'owner of the notification' });
  assert.equal(res.statusCode, 204, res.body);
}

test(`personal data exposed starts the GDPR clock at awareness; reminders fire once each; met stops them (${TEST_ENGINE})`, async () => {
  const declaredAt = clock.time;
  const id = await declare(manager);
  await makeOwner(manager, id, managerId);
  assert.deepEqual((await clocksOf(id)).clocks, [], 'no facts, no clocks');

  // The team became aware ten hours before declaring.
  const awareAt = new Date(declaredAt - 10 * HOUR).toISOString();
  const aware = await manager.request('PUT', `/api/incidents/${id}/aware-at`, { awareAt });
  assert.equal(aware.statusCode, 200, aware.body);
  assert.equal(aware.json().awareAt, awareAt);
  assert.equal(aware.json().awareAtSet, true);

  const changed = await manager.request('PATCH', `/api/incidents/${id}`, { facts: { personalDataExposed: true } });
  assert.equal(changed.statusCode, 200, changed.body);
  let clocks = await clocksOf(id);
  assert.deepEqual(
    clocks.clocks.map((c) => c.clockId),
    ['gdpr_art33', 'us_state_breach'],
  );
  const gdpr = byId(clocks, 'gdpr_art33');
  assert.equal(new Date(gdpr.dueAt).getTime(), declaredAt - 10 * HOUR + 72 * HOUR, '72 h from awareness');
  assert.equal(gdpr.state, 'running');
  assert.equal(gdpr.remainingMs, 62 * HOUR);
  assert.equal(gdpr.overdue, false);
  assert.equal(gdpr.ownerLabel, 'Security Incident Manager On Call');
  assert.equal(new Date(byId(clocks, 'us_state_breach').dueAt).getTime(), declaredAt - 10 * HOUR + 30 * 24 * HOUR);
  assert.equal(clocks.timeZone, 'America/New_York');
  const started = await timeline(id, 'regulatory_clock_started');
  assert.equal(started.length, 2);
  assert.match(
    started.map((e) => e.summary).join('\n'),
    /Regulatory clock started: GDPR Art\. 33: notify the supervisory authority, due .* UTC\), 72 hours from awareness \(because personal data is exposed\)/,
  );
  const audited = await t.app.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .where('action', '=', 'incident.regulatory_clock_started')
    .execute();
  assert.equal(audited.length, 2);

  // Facts toggling off and on again do not restart a clock.
  for (const value of [false, true])
    assert.equal((await manager.request('PATCH', `/api/incidents/${id}`, { facts: { personalDataExposed: value } })).statusCode, 200);
  clocks = await clocksOf(id);
  assert.equal(clocks.clocks.length, 2);
  assert.equal(byId(clocks, 'gdpr_art33').startedAt, gdpr.startedAt);
  assert.equal((await timeline(id, 'regulatory_clock_started')).length, 2);

  // 48 h before the deadline (14 h after declaring): one reminder, to the incident's SIMOC.
  clock.advance(14 * 60 - 1);
  assert.equal(await run(), 0, 'nothing before the first reminder point');
  clock.advance(1);
  assert.equal(await run(), 1);
  assert.equal(await run(), 0);
  assert.deepEqual(await reminders(managerId), [
    `2 days left: GDPR Art. 33: notify the supervisory authority (incident #${(await t.app.services.incidents.get({ actor: { kind: 'system', userId: null, label: 'test', roles: [] } }, id)).number})`,
  ]);
  // Running the same check again (a retry, a second instance) records and notifies nothing more.
  const [queued] = await t.app.jobs.boss.findJobs<{ clockId: string; checkAt: string }>(REGULATORY_REMINDER_QUEUE, { queued: true });
  await t.app.services.regulatoryClocks.remind({ clockId: queued!.data.clockId, checkAt: new Date(declaredAt + 14 * HOUR).toISOString() });
  assert.equal((await reminders(managerId)).length, 1);
  assert.equal((await timeline(id, 'regulatory_clock_reminder')).length, 1);

  clock.advance(24 * 60);
  assert.equal(await run(), 1);
  assert.equal((await reminders(managerId)).length, 2, 'the 24 h reminder');
  assert.match((await reminders(managerId))[1]!, /^1 day left: GDPR Art\. 33/);

  // Marked met: the remaining reminders send nothing.
  const notifiedAt = new Date(clock.time - HOUR).toISOString();
  const met = await manager.request('POST', `/api/incidents/${id}/regulatory-clocks/${gdpr.id}/met`, {
    notifiedAt,
    reference: 'DPA case 2026-114',
    notes: 'Filed through the authority portal',
  });
  assert.equal(met.statusCode, 200, met.body);
  assert.equal(met.json().state, 'met');
  assert.equal(met.json().metLate, false);
  assert.equal(met.json().reference, 'DPA case 2026-114');
  assert.equal((await manager.request('POST', `/api/incidents/${id}/regulatory-clocks/${gdpr.id}/met`, { notifiedAt })).statusCode, 409, 'met once');
  clock.advance(30 * 60);
  assert.equal(await run(), 1, 'the 4 h check runs');
  assert.equal((await reminders(managerId)).length, 2, 'and sends nothing for a met clock');
  clocks = await clocksOf(id);
  assert.equal(byId(clocks, 'gdpr_art33').overdue, false);
  assert.equal(byId(clocks, 'gdpr_art33').remainingMs, null);
  assert.match((await timeline(id, 'regulatory_clock_met'))[0]!.summary, /notified .*; reference DPA case 2026-114; Filed through the authority portal/);

  // Not applicable needs a reason; then it too is stopped.
  const usState = byId(clocks, 'us_state_breach');
  assert.equal((await manager.request('POST', `/api/incidents/${id}/regulatory-clocks/${usState.id}/not-applicable`, { reason: '   ' })).statusCode, 400);
  const na = await manager.request('POST', `/api/incidents/${id}/regulatory-clocks/${usState.id}/not-applicable`, { reason: 'No US residents affected' });
  assert.equal(na.statusCode, 200, na.body);
  assert.equal(na.json().reason, 'No US residents affected');
  const actions = (await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute()).map((r) => r.action);
  const review = await manager.request('GET', `/api/incidents/${id}/review.md`);
  assert.equal(review.statusCode, 200);
  assert.match(
    review.body,
    /## Regulatory deadlines\n\n\| Deadline \|[^\n]*\n[^\n]*\n\| GDPR Art\\\. 33[^\n]*\| met: notified [^\n]*reference DPA case 2026\\-114/,
  );
  assert.match(review.body, /US state breach notice[^\n]*not applicable: No US residents affected/);
  for (const action of [
    'incident.aware_at_changed',
    'incident.regulatory_clock_met',
    'incident.regulatory_clock_not_applicable',
    'incident.regulatory_clock_reminded',
  ])
    assert.ok(actions.includes(action), action);
});

test('bad input is refused with a clear error; reading needs no write permission, changing does', async () => {
  const id = await declare(manager, { facts: { personalDataExposed: true } });
  const gdpr = byId(await clocksOf(id), 'gdpr_art33');
  const url = `/api/incidents/${id}/regulatory-clocks/${gdpr.id}`;
  const future = await manager.request('POST', `${url}/met`, { notifiedAt: new Date(clock.time + 2 * HOUR).toISOString() });
  assert.equal(future.statusCode, 400);
  assert.match(future.json().error.message, /cannot be in the future/);
  assert.equal((await manager.request('PUT', `/api/incidents/${id}/aware-at`, { awareAt: new Date(clock.time + 2 * HOUR).toISOString() })).statusCode, 400);
  assert.equal(
    (await manager.request('POST', `/api/incidents/${id}/regulatory-clocks/${crypto.randomUUID()}/met`, { notifiedAt: new Date(clock.time).toISOString() }))
      .statusCode,
    404,
  );
  assert.equal((await clocksOf(id, reader)).clocks.length, 2);
  assert.equal((await reader.request('POST', `${url}/not-applicable`, { reason: 'x' })).statusCode, 403);
});

test('moving the awareness time moves the deadlines counted from it', async () => {
  const declaredAt = clock.time;
  const id = await declare(manager, { facts: { personalDataExposed: true } });
  assert.equal(new Date(byId(await clocksOf(id), 'gdpr_art33').dueAt).getTime(), declaredAt + 72 * HOUR, 'aware at declaration by default');
  const res = await manager.request('PUT', `/api/incidents/${id}/aware-at`, { awareAt: new Date(declaredAt - 24 * HOUR).toISOString() });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(new Date(byId(res.json(), 'gdpr_art33').dueAt).getTime(), declaredAt + 48 * HOUR);
  assert.match((await timeline(id, 'aware_at_changed'))[0]!.summary, /Aware at changed: .* → .*; GDPR Art\. 33: notify the supervisory authority now due/);
});

test('a regulatory duty with financial information exposed starts the SEC 8-K clock: four business days from declaration', async () => {
  const declaredAt = clock.time;
  const id = await declare(manager, { facts: { regulatoryDuty: true, financialInformationExposed: true } });
  const clocks = await clocksOf(id);
  assert.deepEqual(clocks.clocks.map((c) => c.clockId).sort(), ['sec_8k', 'us_state_breach']);
  const sec = byId(clocks, 'sec_8k');
  assert.equal(sec.span, '4 business days');
  assert.equal(new Date(sec.dueAt).getTime(), deadlineOf({ businessDays: 4 }, new Date(declaredAt), createCalendar()).getTime());
});

test('a restricted incident hides its clocks from everyone but its responders', async () => {
  const id = await declare(manager, { visibility: 'restricted', facts: { personalDataExposed: true } });
  const gdpr = byId(await clocksOf(id), 'gdpr_art33');
  assert.equal((await other.request('GET', `/api/incidents/${id}/regulatory-clocks`)).statusCode, 404);
  assert.equal((await reader.request('GET', `/api/incidents/${id}/regulatory-clocks`)).statusCode, 404);
  assert.equal(
    (await other.request('POST', `/api/incidents/${id}/regulatory-clocks/${gdpr.id}/met`, { notifiedAt: new Date(clock.time).toISOString() })).statusCode,
    404,
  );
  assert.equal((await other.request('POST', `/api/incidents/${id}/regulatory-clocks/${gdpr.id}/not-applicable`, { reason: 'not ours' })).statusCode, 404);
  assert.equal((await other.request('PUT', `/api/incidents/${id}/aware-at`, { awareAt: new Date(clock.time).toISOString() })).statusCode, 404);
  assert.equal(byId(await clocksOf(id), 'gdpr_art33').state, 'running');
});

async function freshDatabase() {
  const dir = TEST_ENGINE === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'secdesk-regclocks-')) : 'memory://';
  return createTestDatabase(TEST_ENGINE, dir);
}

test('a deadline reminder survives a restart and fires once; past the deadline the clock is overdue', async () => {
  const database = await freshDatabase();
  const restartClock = new TestClock(clock.time);
  const first = await startTestApp({ database, app: { clock: restartClock } });
  const leadId = (await createUser(first.app, 'lead@example.com', ['incident_manager'])).id;
  await createUser(first.app, 'admin@example.com', ['admin']);
  // Nobody holds the SIMOC role on this low-risk incident: the reminder fills it from the rotation.
  const rotation = {
    name: 'SIMOC',
    timeZone: 'Europe/Amsterdam',
    handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
    startDate: '2020-01-06',
    participants: [leadId],
    overrides: [],
  };
  assert.equal((await (await signIn(first.http, 'admin@example.com')).request('PUT', '/api/oncall/rotations/incident_manager', rotation)).statusCode, 200);
  const id = await declare(await signIn(first.http, 'lead@example.com'), { facts: { personalDataExposed: true } });
  await first.close();
  const second = await startTestApp({ database, app: { clock: restartClock } });
  try {
    restartClock.advance(72 * 60 + 1);
    assert.equal(await run(second, restartClock), 1, 'the first check finds the deadline passed');
    assert.equal(await run(second, restartClock), 0);
    const overdue = await timeline(id, 'regulatory_clock_overdue', second);
    assert.equal(overdue.length, 1);
    assert.match(overdue[0]!.summary, /Security Incident Manager On Call \(lead\) reminded/);
    assert.equal((await timeline(id, 'role_filled', second)).filter((e) => e.summary.startsWith('Security Incident Manager On Call: lead')).length, 1);
    const titles = await reminders(leadId, second);
    assert.equal(titles.length, 1);
    assert.match(titles[0]!, /^Overdue: GDPR Art\. 33/);
    const lead = await signIn(second.http, 'lead@example.com');
    const gdpr = byId(await clocksOf(id, lead), 'gdpr_art33');
    assert.equal(gdpr.overdue, true);
    assert.equal(gdpr.remainingMs, -60_000);
  } finally {
    await second.close();
    await database.drop();
  }
});
