// Done when: a status update that reaches nobody in an engaged group (no chat is configured for its
// channel) is shown as "not delivered: no channel configured" with the reason, on the timeline, in the
// update's history and on the group's row, and is never counted as informing the group: its cadence
// clock does not restart, the update is not on time, and the due time is missed and escalated as if
// nothing was sent. A group reached by email (a loopback SMTP relay) counts as before. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { runDueReminders, TestClock } from '../support/reminders.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { STATUS_UPDATE } from '../support/status-update.ts';
import { until } from '../support/until.ts';
import { DEFAULT_STAKEHOLDER_RULES } from '../../src/domains/stakeholders/default-rules.ts';

// Whole minutes, a little ahead of real time: pg-boss never starts a reminder on its own before the test releases it.
const clock = new TestClock(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
let t: TestApp;
let sink: SmtpSink;
let manager: Client;

type Engagement = { id: string; group: string; nextDueAt: string | null; status: string; onTime: number; late: number; missed: number; notDelivered: number };
type Event = { kind: string; summary: string };
const NO_CHAT = 'no channel configured: no chat is configured (SECDESK_SLACK_TOKEN or SECDESK_MATTERMOST_URL)';

before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ env: { SMTP_URL: sink.url }, app: { clock } });
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'simoc@example.com', ['incident_manager']);
  const admin = await signIn(t.http, 'admin@example.com');
  manager = await signIn(t.http, 'simoc@example.com');
  // The director hears updates by email; the e-group keeps its chat channel and Legal the incident's, and no chat is configured.
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) =>
    r.id === 'sr-director-of-security' ? { ...r, contacts: [{ name: 'Dana Director' }], channel: { kind: 'email', target: 'dana@example.com' } } : r,
  );
  const saved = await admin.request('PUT', '/api/stakeholder-rules', { rules });
  assert.equal(saved.statusCode, 200, saved.body);
});
after(async () => {
  await t?.close();
  await sink?.close();
});

async function incident(id: string) {
  const res = await manager.request('GET', `/api/incidents/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { engagements: Engagement[]; timeline: Event[]; updateCounts: { onTime: number; late: number; missed: number; escalations: number } };
}
const byGroup = (engagements: Engagement[], group: string) => engagements.find((e) => e.group === group)!;

test(`an update that reached nobody in a group is not delivered to it and does not count on its cadence (${TEST_ENGINE})`, async () => {
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
  const id = res.json().id as string;

  // Ten minutes in, well before the hourly due time, the DRI publishes an update to every engaged group.
  clock.advance(10);
  const published = await manager.request('POST', `/api/incidents/${id}/updates`, STATUS_UPDATE);
  assert.equal(published.statusCode, 201, published.body);
  const update = published.json() as { engagementIds: string[]; notDelivered: { engagementId: string; group: string; reason: string }[] };
  assert.equal(update.engagementIds.length, 3);
  assert.deepEqual(update.notDelivered.map((n) => [n.group, n.reason]).sort(), [
    ['Broader e-group', NO_CHAT],
    ['Legal', NO_CHAT],
  ]);

  let now = await incident(id);
  const director = byGroup(now.engagements, 'Sr. Director of Security');
  const egroup = byGroup(now.engagements, 'Broader e-group');
  const legal = byGroup(now.engagements, 'Legal');
  // Reached by email: on time, and its cadence restarts from the update.
  assert.deepEqual([director.onTime, director.notDelivered, new Date(director.nextDueAt!).getTime()], [1, 0, declaredAt + 70 * 60_000]);
  // Reached nobody: not on time, not counted as sent, and the first due time still stands.
  assert.deepEqual([egroup.onTime, egroup.late, egroup.notDelivered, new Date(egroup.nextDueAt!).getTime()], [0, 0, 1, declaredAt + 60 * 60_000]);
  assert.deepEqual([legal.onTime, legal.notDelivered], [0, 1], 'a continuous group is not informed by an update it never got');
  assert.deepEqual(now.updateCounts, { onTime: 1, late: 0, missed: 0, escalations: 0 });
  const entry = now.timeline.find((e) => e.kind === 'status_update')!;
  assert.match(entry.summary, /^Status update #1 published\. Delivered to Sr\. Director of Security \(email to dana@example\.com\)\. Not delivered to /);
  assert.ok(entry.summary.includes(`Broader e-group (${NO_CHAT})`) && entry.summary.includes(`Legal (${NO_CHAT})`), entry.summary);

  // The update's history on the incident page carries the same reasons.
  const history = (await manager.request('GET', `/api/incidents/${id}/updates`)).json().items as (typeof update)[];
  assert.deepEqual(history[0]!.notDelivered, update.notDelivered);

  // The director's mail went out through the relay; nobody else got one.
  const mail = await until('the status update mail', async () => sink.received.find((m) => /status update #1/.test(m.subject ?? '')));
  assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'dana@example.com');

  // Past the e-group's due time and grace period: missed and escalated, as if nothing had been sent.
  clock.advance(65);
  await runDueReminders(t.app, clock);
  now = await incident(id);
  assert.deepEqual([byGroup(now.engagements, 'Broader e-group').status, byGroup(now.engagements, 'Broader e-group').missed], ['escalated', 1]);
  assert.equal(byGroup(now.engagements, 'Sr. Director of Security').status, 'update_due');
  assert.equal(
    now.timeline
      .filter((e) => e.kind === 'escalated')
      .map((e) => e.summary)
      .join('\n')
      .includes('No update to Broader e-group since the due time'),
    true,
  );
  assert.equal(sink.received.filter((m) => /status update #1/.test(m.subject ?? '')).length, 1);
});
