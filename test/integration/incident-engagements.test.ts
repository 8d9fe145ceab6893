// Done when: a data-breach incident with enterprise customers impacted and personal data exposed
// engages the right stakeholder groups, by the right DRI, through the right channel; hourly
// reminders fire on a controllable clock, stop after an update, count late and missed updates,
// escalate to the backup DRI, and are never duplicated. The groups hear updates by email through an
// outgoing relay (a loopback SMTP sink), so each update reaches them and counts. Runs on both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { queuedReminders, runDueReminders, TestClock } from '../support/reminders.ts';
import { STATUS_UPDATE } from '../support/status-update.ts';
import { scheduleCheck } from '../../src/domains/incidents/engagement-steps.ts';
import { DEFAULT_STAKEHOLDER_RULES } from '../../src/domains/stakeholders/default-rules.ts';

// Whole minutes, a little ahead of real time: pg-boss never starts a reminder on its own before the test releases it.
const clock = new TestClock(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
let t: TestApp;
let sink: SmtpSink;
let admin: Client;
let manager: Client;
let outsider: Client;

type Engagement = {
  id: string;
  group: string;
  driLabel: string;
  backupLabel: string;
  through: string;
  howOften: string;
  status: string;
  nextDueAt: string | null;
  onTime: number;
  late: number;
  missed: number;
};
type Event = { kind: string; summary: string; at: string };

before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ env: { SMTP_URL: sink.url }, app: { clock } });
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'simoc@example.com', ['incident_manager']);
  await createUser(t.app, 'support@example.com', ['support']);
  admin = await signIn(t.http, 'admin@example.com');
  manager = await signIn(t.http, 'simoc@example.com');
  outsider = await signIn(t.http, 'support@example.com');
  // The team names its contacts on the seeded default rules.
  const contacts: Record<string, { name: string; handle?: string; email?: string }[]> = {
    'sr-director-of-security': [{ name: 'Dana Director', handle: '@dana' }],
    'e-group': [{ name: 'Erin Exec' }],
    legal: [{ name: 'Lee Legal', email: 'legal@example.com' }],
    'corporate-marketing-and-pr': [{ name: 'Pat PR' }],
  };
  const mail: Record<string, string> = { 'sr-director-of-security': 'dana@example.com', 'e-group': 'e-group@example.com', legal: 'legal@example.com' };
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) => ({
    ...r,
    contacts: contacts[r.id] ?? [],
    ...(mail[r.id] ? { channel: { kind: 'email', target: mail[r.id] } } : {}),
  }));
  const saved = await admin.request('PUT', '/api/stakeholder-rules', { rules });
  assert.equal(saved.statusCode, 200, saved.body);
});
after(async () => {
  await t?.close();
  await sink?.close();
});

async function incident(id: string, as = manager) {
  const res = await as.request('GET', `/api/incidents/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    engagements: Engagement[];
    timeline: Event[];
    updateCounts: { onTime: number; late: number; missed: number; escalations: number };
    status: string;
  };
}
const kinds = (events: Event[], kind: string) => events.filter((e) => e.kind === kind);
const byGroup = (engagements: Engagement[], group: string) => engagements.find((e) => e.group === group)!;

test(`a data breach with enterprise customers and personal data engages the plan's groups; hourly reminders run on the clock (${TEST_ENGINE})`, async () => {
  const declaredAt = clock.time;
  const res = await manager.request('POST', '/api/incidents', {
    title: 'Customer export bucket readable',
    description: 'An export bucket was public.',
    type: 'data_breach',
    impact: 4,
    likelihood: 4,
    facts: { dataBreach: true, enterpriseCustomersImpacted: true, personalDataExposed: true, usersImpacted: 'some' },
  });
  assert.equal(res.statusCode, 201, res.body);
  const declared = res.json();
  assert.equal(declared.risk.level, 'high');
  assert.deepEqual(declared.facts, {
    dataBreach: true,
    personalDataExposed: true,
    privateProjectsExposed: false,
    financialInformationExposed: false,
    rceExploited: false,
    publiclyReported: false,
    regulatoryDuty: false,
    enterpriseCustomersImpacted: true,
    impactDetermined: false,
    usersImpacted: 'some',
  });

  // Who was engaged, by whom, through which channel and how often.
  const groups = declared.engagements.map((e: Engagement) => ({ group: e.group, by: e.driLabel, through: e.through, howOften: e.howOften }));
  assert.deepEqual(
    groups.sort((a: { group: string }, b: { group: string }) => a.group.localeCompare(b.group)),
    [
      { group: 'Broader e-group', by: 'Sr. Director of Security (Dana Director)', through: 'email to e-group@example.com', howOften: 'every hour' },
      { group: 'Legal', by: 'Sr. Director of Security (Dana Director)', through: 'email to legal@example.com', howOften: 'continuously, on every update' },
      { group: 'Sr. Director of Security', by: 'Security Incident Manager On Call', through: 'email to dana@example.com', howOften: 'every hour' },
    ],
  );
  assert.equal(kinds(declared.timeline, 'engaged').length, 3);
  assert.match(
    kinds(declared.timeline, 'engaged')
      .map((e: Event) => e.summary)
      .join('\n'),
    /Engaged Legal: task for Sr\. Director of Security \(Dana Director\).*because .*enterprise/,
  );
  const hourly = declared.engagements.filter((e: Engagement) => e.howOften === 'every hour');
  for (const e of hourly) assert.equal(new Date(e.nextDueAt!).getTime(), declaredAt + 3_600_000);

  // One durable reminder job per hourly engagement, due at the first update's due time.
  const jobs = (await queuedReminders(t.app)).filter((j) => hourly.some((e: Engagement) => e.id === j.data.engagementId));
  assert.equal(jobs.length, 2);
  for (const job of jobs) {
    assert.equal(new Date(job.data.checkAt).getTime(), declaredAt + 3_600_000);
    // The queue starts it an hour after it was sent, by the database's clock (the app's clock is the test's).
    assert.ok(
      Math.abs(job.startAfter.getTime() - job.createdOn.getTime() - 3_600_000) < 5_000,
      `${job.startAfter.toISOString()} vs ${job.createdOn.toISOString()}`,
    );
  }

  // Asking again for the same check (a restart re-scheduling, a second instance) queues nothing more.
  await t.app.store.transaction((s) => scheduleCheck(s, jobs[0]!.data.engagementId, new Date(jobs[0]!.data.checkAt)));
  assert.equal((await queuedReminders(t.app)).filter((j) => j.data.engagementId === jobs[0]!.data.engagementId).length, 1);

  // Nothing is due before the hour.
  clock.advance(59);
  assert.equal(await runDueReminders(t.app, clock), 0);
  // On the hour the reminders fire, through the real queue and worker.
  clock.advance(1);
  assert.equal(await runDueReminders(t.app, clock), 2);
  let now = await incident(declared.id);
  assert.equal(kinds(now.timeline, 'update_due').length, 2);
  assert.equal(byGroup(now.engagements, 'Broader e-group').status, 'update_due');
  assert.match(
    kinds(now.timeline, 'update_due')
      .map((e) => e.summary)
      .join('\n'),
    /Update to Broader e-group due at .* reminder to Sr\. Director of Security \(Dana Director\)/,
  );

  // The handler runs twice for the same check (a retried job): each reminder is recorded once.
  await t.app.services.incidentUpdates.remind(jobs[0]!.data);
  assert.equal(kinds((await incident(declared.id)).timeline, 'update_due').length, 2);

  // An update ten minutes late (within the grace period) resets every engaged group's clock.
  clock.advance(10);
  const published = await manager.request('POST', `/api/incidents/${declared.id}/updates`, STATUS_UPDATE);
  assert.equal(published.statusCode, 201, published.body);
  now = await incident(declared.id);
  for (const group of ['Broader e-group', 'Sr. Director of Security']) {
    const e = byGroup(now.engagements, group);
    assert.equal(e.late, 1);
    assert.equal(new Date(e.nextDueAt!).getTime(), declaredAt + 130 * 60_000);
  }
  assert.equal(byGroup(now.engagements, 'Legal').onTime, 1, 'a continuous group counts every update');

  // The reminders stop after the update: the old check at the end of the grace period records nothing.
  clock.advance(50);
  await runDueReminders(t.app, clock);
  assert.equal(kinds((await incident(declared.id)).timeline, 'update_due').length, 2);
  // An hour after the update they fire again.
  clock.advance(10);
  await runDueReminders(t.app, clock);
  assert.equal(kinds((await incident(declared.id)).timeline, 'update_due').length, 4);

  // Past the grace period: missed, counted, escalated to the backup DRI, and a "no change since" draft is ready.
  clock.advance(15);
  await runDueReminders(t.app, clock);
  now = await incident(declared.id);
  assert.equal(kinds(now.timeline, 'update_missed').length, 2);
  assert.equal(kinds(now.timeline, 'escalated').length, 2);
  assert.match(
    kinds(now.timeline, 'escalated')
      .map((e) => e.summary)
      .join('\n'),
    /escalated to the backup DRI, Security Engineer On Call/,
  );
  assert.equal(byGroup(now.engagements, 'Sr. Director of Security').status, 'escalated');
  assert.deepEqual(now.updateCounts, { onTime: 1, late: 2, missed: 2, escalations: 2 });
  const draft = (await manager.request('GET', `/api/incidents/${declared.id}/updates/draft`)).json();
  assert.match(draft.currentStatus, /^No change since .*Investigating access logs$/);
  assert.equal(draft.mitigationSteps, STATUS_UPDATE.mitigationSteps);
  // The DRI sends it in one step.
  const { noChangeSince: _n, ...fields } = draft;
  assert.equal((await manager.request('POST', `/api/incidents/${declared.id}/updates`, fields)).statusCode, 201);
  assert.equal(byGroup((await incident(declared.id)).engagements, 'Sr. Director of Security').status, 'engaged');

  // A snooze postpones the next due time, with its reason on the timeline.
  const director = byGroup((await incident(declared.id)).engagements, 'Sr. Director of Security');
  assert.equal(
    (await manager.request('POST', `/api/incidents/${declared.id}/engagements/${director.id}/snooze`, { minutes: 45, reason: 'x' })).statusCode,
    400,
  );
  assert.equal(
    (await manager.request('POST', `/api/incidents/${declared.id}/engagements/${director.id}/snooze`, { minutes: 30, reason: 'Director in a board meeting' }))
      .statusCode,
    204,
  );
  now = await incident(declared.id);
  assert.equal(new Date(byGroup(now.engagements, 'Sr. Director of Security').nextDueAt!).getTime(), new Date(director.nextDueAt!).getTime() + 30 * 60_000);
  assert.match(kinds(now.timeline, 'snoozed')[0]!.summary, /snoozed for 30 min: Director in a board meeting/);

  // Resolving ends the engagements; no reminder fires afterwards.
  assert.equal((await manager.request('PATCH', `/api/incidents/${declared.id}`, { status: 'resolved' })).statusCode, 200);
  const dueBefore = kinds((await incident(declared.id)).timeline, 'update_due').length;
  clock.advance(6 * 60);
  await runDueReminders(t.app, clock);
  now = await incident(declared.id);
  assert.equal(kinds(now.timeline, 'update_due').length, dueBefore);
  assert.ok(now.engagements.every((e) => e.status === 'ended'));
});

test('a facts change engages the groups whose rule newly holds, with the change on the timeline', async () => {
  const declared = (
    await manager.request('POST', '/api/incidents', { title: 'Token leak', description: '', type: 'vulnerability', impact: 4, likelihood: 3 })
  ).json();
  assert.deepEqual(
    declared.engagements.map((e: Engagement) => e.group),
    ['Sr. Director of Security'],
  );
  const changed = await manager.request('PATCH', `/api/incidents/${declared.id}`, { facts: { publiclyReported: true } });
  assert.equal(changed.statusCode, 200, changed.body);
  const pr = byGroup(changed.json().engagements, 'Sr. Director of Corporate Marketing and PR Manager');
  assert.equal(pr.driLabel, 'Communications Manager On Call');
  assert.equal(pr.through, "the incident's channel");
  const facts = kinds(changed.json().timeline, 'facts_changed');
  assert.equal(facts.length, 1);
  assert.match(facts[0]!.summary, /publicly reported: no → yes/);
  // Setting the same fact again changes nothing and engages nobody twice.
  const again = (await manager.request('PATCH', `/api/incidents/${declared.id}`, { facts: { publiclyReported: true } })).json();
  assert.equal(kinds(again.timeline, 'facts_changed').length, 1);
  assert.equal(kinds(again.timeline, 'engaged').length, 2);
});

test('a restricted incident is a 404 on every incident route for others', async () => {
  const restricted = (
    await manager.request('POST', '/api/incidents', {
      title: 'Insider',
      description: '',
      type: 'policy_violation',
      impact: 4,
      likelihood: 4,
      visibility: 'restricted',
    })
  ).json();
  const engagement = restricted.engagements[0];
  const adminView = await admin.request('GET', `/api/incidents/${restricted.id}`);
  assert.equal(adminView.statusCode, 200);
  const other = await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  assert.ok(other);
  const cmoc = await signIn(t.http, 'cmoc@example.com');
  const id = restricted.id;
  for (const [method, url, body] of [
    ['GET', `/api/incidents/${id}`],
    ['PATCH', `/api/incidents/${id}`, { impact: 5 }],
    ['POST', `/api/incidents/${id}/notes`, { at: new Date(clock.time).toISOString(), text: 'x' }],
    ['GET', `/api/incidents/${id}/updates`],
    ['GET', `/api/incidents/${id}/updates/draft`],
    ['POST', `/api/incidents/${id}/updates`, STATUS_UPDATE],
    ['POST', `/api/incidents/${id}/engagements/${engagement.id}/snooze`, { minutes: 30, reason: 'r' }],
    ['GET', `/api/incidents/${id}/timeline/export`],
  ] as const) {
    assert.equal((await cmoc.request(method, url, body)).statusCode, 404, `${method} ${url}`);
  }
  assert.equal((await outsider.request('GET', `/api/incidents/${id}/updates`)).statusCode, 404);
});

async function freshDatabase() {
  const dir = TEST_ENGINE === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'secdesk-engagements-')) : 'memory://';
  return createTestDatabase(TEST_ENGINE, dir);
}

async function declareBreach(app: TestApp) {
  await createUser(app.app, 'lead@example.com', ['incident_manager']);
  const lead = await signIn(app.http, 'lead@example.com');
  const res = await lead.request('POST', '/api/incidents', {
    title: 'Breach',
    description: '',
    type: 'data_breach',
    impact: 4,
    likelihood: 4,
    facts: { dataBreach: true },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

const dueEvents = async (app: TestApp, id: string) =>
  (await app.app.database.db.selectFrom('incident_events').select('summary').where('incident_id', '=', id).where('kind', '=', 'update_due').execute()).length;

test('a reminder survives a restart and fires once', async () => {
  const database = await freshDatabase();
  const restartClock = new TestClock(clock.time);
  const first = await startTestApp({ database, app: { clock: restartClock } });
  const id = await declareBreach(first);
  await first.close();
  const second = await startTestApp({ database, app: { clock: restartClock } });
  try {
    restartClock.advance(60);
    assert.equal(await runDueReminders(second.app, restartClock), 2);
    assert.equal(await runDueReminders(second.app, restartClock), 0);
    assert.equal(await dueEvents(second, id), 2, 'the e-group and the Sr. Director, once each');
  } finally {
    await second.close();
    await database.drop();
  }
});

test('two instances on one PostgreSQL: every reminder is recorded once', {
  skip: TEST_ENGINE !== 'postgres' && 'one embedded database serves one process',
}, async () => {
  const database = await createTestDatabase('postgres');
  const sharedClock = new TestClock(clock.time);
  const a = await startTestApp({ database, app: { clock: sharedClock } });
  const b = await startTestApp({ database, app: { clock: sharedClock } });
  try {
    const id = await declareBreach(a);
    // Both instances re-schedule the same checks (as a restart would): still one job per check.
    for (const instance of [a, b]) {
      for (const job of await queuedReminders(instance.app))
        await instance.app.store.transaction((s) => scheduleCheck(s, job.data.engagementId, new Date(job.data.checkAt)));
    }
    assert.equal((await queuedReminders(b.app)).length, 2);
    sharedClock.advance(60);
    await runDueReminders(b.app, sharedClock);
    // Both handlers run for the same engagements (as a duplicate delivery would): recorded once.
    const engagementIds = [
      ...new Set((await a.app.database.db.selectFrom('incident_engagements').select('id').where('incident_id', '=', id).execute()).map((r) => r.id)),
    ];
    await Promise.all(
      engagementIds.flatMap((engagementId) =>
        [a, b].map((x) => x.app.services.incidentUpdates.remind({ engagementId, checkAt: sharedClock.now().toISOString() })),
      ),
    );
    assert.equal(await dueEvents(a, id), 2);
  } finally {
    await b.close();
    await a.close();
    await database.drop();
  }
});
