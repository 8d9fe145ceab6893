// A hand-made week on the default team calendar (New York, Monday to Friday, US holidays): the
// week of Thanksgiving 2026 (Thursday 26 November), its weekend, and Monday 30 November as "now".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { dueAt } from '../calendar/business-time.ts';
import { businessClock } from '../calendar/business-clock.ts';
import { createCalendar } from '../calendar/calendar.ts';
import { FIRST_HANDLING_TARGET_MS, firstHandlingDue } from '../tickets/sla.ts';
import type { Disposition, TicketStatus } from '../tickets/tickets.types.ts';
import { attainment, dispositionsByWeek, firstHandlingBusinessMs, handlingDistribution, percentile, slaOutcome } from './inbox-metrics.ts';
import { inboxSections } from './inbox-sections.ts';
import type { TicketFacts } from './metrics.types.ts';
import { isoWeek, periodBounds, periodOf, weeksOf } from './period.ts';

const calendar = createCalendar();
const clock = businessClock(calendar, '2026-11-23', '2026-12-06');
const HOUR = 3_600_000;
/** Local time in New York. */
const ny = (local: string) => DateTime.fromISO(local, { zone: 'America/New_York' }).toJSDate();
const now = ny('2026-11-30T12:00');
const week = { from: '2026-11-23', to: '2026-11-29' };

interface Spec {
  created: string;
  handled?: string;
  disposition?: Disposition;
  status?: TicketStatus;
  noise?: true;
  pauses?: [string, string][];
  pausedSince?: string;
}

function ticket(spec: Spec): TicketFacts {
  const createdAt = ny(spec.created);
  const slaPauses = (spec.pauses ?? []).map(([from, to]) => ({ from: ny(from), to: ny(to) }));
  return {
    createdAt,
    firstHandledAt: spec.handled ? ny(spec.handled) : null,
    slaDueAt: spec.noise ? null : dueAt(calendar, createdAt, FIRST_HANDLING_TARGET_MS, slaPauses),
    disposition: spec.disposition ?? null,
    status: spec.status ?? (spec.handled ? 'solved' : 'open'),
    slaPausedSince: spec.pausedSince ? ny(spec.pausedSince) : null,
    slaPauses,
  };
}

const table = {
  // Handled in half an hour, due Tuesday 09:00: met.
  A: ticket({ created: '2026-11-23T09:00', handled: '2026-11-23T09:30', disposition: 'reply' }),
  B: ticket({ created: '2026-11-23T10:00', handled: '2026-11-23T13:00', disposition: 'engage' }),
  // Wednesday noon to Friday 10:00 over Thanksgiving: 12 h + 0 + 10 h = 22 business hours; due Friday noon: met.
  C: ticket({ created: '2026-11-25T12:00', handled: '2026-11-27T10:00', disposition: 'reply' }),
  // Wednesday 20:00 to Monday 08:00: 4 h + holiday + 24 h + weekend + 8 h = 36 h; due Friday 20:00: missed.
  D: ticket({ created: '2026-11-25T20:00', handled: '2026-11-30T08:00', disposition: 'redirect:support' }),
  // Arrives on Saturday: the clock starts Monday 00:00; handled Monday 05:00 = 5 h; due Tuesday 00:00: met.
  E: ticket({ created: '2026-11-28T11:00', handled: '2026-11-30T05:00' }),
  // Noise on Sunday: no SLA.
  F: ticket({ created: '2026-11-29T10:00', noise: true, status: 'solved' }),
  // Friday 15:00, due Monday 15:00, unhandled at Monday noon: not yet due.
  G: ticket({ created: '2026-11-27T15:00' }),
  // Monday 11:00, due Tuesday 11:00, never handled: missed.
  H: ticket({ created: '2026-11-23T11:00' }),
  // Pending on the requester since Tuesday 10:00, unhandled: paused.
  I: ticket({ created: '2026-11-24T09:00', pausedSince: '2026-11-24T10:00', status: 'pending' }),
  // Paused a whole business day, handled Wednesday noon: 28 h − 24 h paused = 4 h; due moves to Friday 08:00: met.
  J: ticket({
    created: '2026-11-24T08:00',
    pauses: [['2026-11-24T10:00', '2026-11-25T10:00']],
    handled: '2026-11-25T12:00',
    disposition: 'compliance_request',
  }),
};
const tickets = Object.values(table);

test('first-handling time counts business hours only: holidays, weekends and pauses left out', () => {
  const hours = (t: TicketFacts) => firstHandlingBusinessMs(clock, t)! / HOUR;
  assert.equal(hours(table.A), 0.5);
  assert.equal(hours(table.C), 22);
  assert.equal(hours(table.D), 36);
  assert.equal(hours(table.E), 5);
  assert.equal(hours(table.J), 4);
  assert.equal(firstHandlingBusinessMs(clock, table.G), null);
  assert.deepEqual(table.J.slaDueAt, ny('2026-11-27T08:00'));
});

test('first handling within one business day is exactly meeting the SLA due time', () => {
  for (const t of tickets.filter((x) => x.firstHandledAt && x.slaDueAt)) {
    assert.equal(firstHandlingBusinessMs(clock, t)! <= FIRST_HANDLING_TARGET_MS, t.firstHandledAt! <= t.slaDueAt!);
  }
  assert.deepEqual(firstHandlingDue(calendar, table.D.createdAt), ny('2026-11-27T20:00'));
});

test('the distribution puts each handled ticket with an SLA in one bucket, with nearest-rank p50 and p90', () => {
  const d = handlingDistribution(clock, tickets);
  assert.equal(d.handled, 6);
  assert.equal(d.unhandled, 3);
  assert.deepEqual(
    d.buckets.map((b) => [b.bucket.key, b.count]),
    [
      ['under_1h', 1],
      ['1h_4h', 1],
      ['4h_8h', 2],
      ['8h_1d', 1],
      ['1d_2d', 1],
      ['over_2d', 0],
    ],
  );
  assert.equal(d.p50, 4 * HOUR);
  assert.equal(d.p90, 36 * HOUR);
  assert.equal(percentile([], 50), null);
});

test('SLA attainment: handled by due over handled or past due; not yet due, paused and noise apart', () => {
  assert.deepEqual(Object.fromEntries(Object.entries(table).map(([k, t]) => [k, slaOutcome(t, now)])), {
    A: 'met',
    B: 'met',
    C: 'met',
    D: 'missed',
    E: 'met',
    F: 'none',
    G: 'running',
    H: 'missed',
    I: 'paused',
    J: 'met',
  });
  assert.deepEqual(attainment(tickets, now), { met: 5, missed: 2, running: 1, paused: 1, none: 1, percent: 71.4 });
  assert.equal(attainment([table.G], now).percent, null);
  // The same unhandled ticket is missed once its due time has passed.
  assert.equal(slaOutcome(table.G, ny('2026-11-30T15:00')), 'missed');
});

test("weeks start on Monday in the team's zone; every week of the period is listed; undecided is none", () => {
  // Sunday 22:00 in New York is already Monday in UTC: it still belongs to the Thanksgiving week.
  const lateSunday = ticket({ created: '2026-11-29T22:00', disposition: 'reply' });
  assert.equal(lateSunday.createdAt.toISOString(), '2026-11-30T03:00:00.000Z');
  const rows = dispositionsByWeek(clock, { from: '2026-11-23', to: '2026-12-06' }, [...tickets, lateSunday]);
  assert.deepEqual(
    rows.map((r) => r.week),
    ['2026-11-23', '2026-11-30'],
  );
  assert.deepEqual(rows[0]!.counts, {
    reply: 3,
    engage: 1,
    'redirect:support': 1,
    'redirect:vulnerability': 0,
    'redirect:copyright': 0,
    compliance_request: 1,
    none: 5,
  });
  assert.equal(rows[0]!.total, 11);
  assert.equal(rows[1]!.total, 0);
  assert.equal(isoWeek('2026-11-23'), '2026-W48');
});

test('a period defaults to the 12 weeks up to today, and is bounded by local midnights', () => {
  assert.deepEqual(periodOf(calendar, now, {}), { from: '2026-09-14', to: '2026-11-30' });
  assert.equal(weeksOf(periodOf(calendar, now, {})).length, 12);
  assert.deepEqual(periodOf(calendar, now, { to: '2026-11-29' }), { from: '2026-09-07', to: '2026-11-29' });
  const bounds = periodBounds(calendar, week);
  assert.equal(bounds.start.toISOString(), '2026-11-23T05:00:00.000Z');
  assert.equal(bounds.end.toISOString(), '2026-11-30T05:00:00.000Z');
  assert.throws(() => periodOf(calendar, now, { from: '2026-11-30', to: '2026-11-01' }), /from must not be after to/);
  assert.throws(() => periodOf(calendar, now, { from: '2026-02-30' }), /from must be a date/);
  assert.throws(() => periodOf(calendar, now, { from: '2020-01-01', to: '2026-01-01' }), /at most/);
});

test('the sections carry the same figures, in hours and percent', () => {
  const open = [{ status: 'open' as const, count: 2, oldestCreatedAt: ny('2026-11-23T11:00') }];
  const sections = inboxSections(calendar, week, tickets, open, now);
  assert.deepEqual(
    sections.map((s) => s.key),
    ['tickets_by_disposition', 'first_handling', 'sla_attainment', 'open_tickets'],
  );
  const figures = (key: string) => Object.fromEntries(sections.find((s) => s.key === key)!.figures.map((f) => [f.key, f.value]));
  assert.deepEqual(figures('first_handling'), { handled: 6, unhandled: 3, p50: 4, p90: 36 });
  assert.deepEqual(figures('sla_attainment'), { attainment: 71.4, met: 5, missed: 2, running: 1, paused: 1, noSla: 1 });
  assert.deepEqual(sections[0]!.rows, [
    {
      week: '2026-W48',
      weekStart: '2026-11-23',
      reply: 2,
      engage: 1,
      'redirect:support': 1,
      'redirect:vulnerability': 0,
      'redirect:copyright': 0,
      compliance_request: 1,
      none: 5,
      total: 10,
    },
  ]);
  assert.deepEqual(sections[3]!.rows, [{ status: 'open', tickets: 2, oldestAgeDays: 7 }]);
  for (const s of sections) for (const row of s.rows) assert.deepEqual(Object.keys(row).sort(), s.columns.map((c) => c.key).sort());
});
