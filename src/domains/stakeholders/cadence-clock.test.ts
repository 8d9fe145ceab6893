import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../errors.ts';
import { cadenceState, incidentUpdateCounts, type Snooze, type SnoozeMinutes } from './cadence-clock.ts';
import type { Cadence } from './stakeholders.types.ts';

/** Times of one day, UTC: '10:00', or '+1 01:30' for the next day. */
const at = (hhmm: string) => {
  const [, plus, time] = /^(?:\+(\d) )?(\d\d:\d\d(?::\d\d)?)$/.exec(hhmm)!;
  return new Date(Date.parse(`2026-11-24T${time}Z`) + Number(plus ?? 0) * 86_400_000);
};
/** Updates that reached the group. */
const sent = (...times: string[]) => times.map((t) => ({ at: at(t), delivered: true }));
const hhmm = (d: Date | null) => (d ? d.toISOString().slice(11, 16) : null);
const hourly: Cadence = { kind: 'every', minutes: 60 };
const snooze = (time: string, minutes: SnoozeMinutes, reason = 'waiting on forensics'): Snooze => ({ at: at(time), minutes, reason });

interface Case {
  what: string;
  updates?: string[];
  snoozes?: Snooze[];
  grace?: number;
  now: string;
  // next due, overdue, escalate at, escalate, on time, late, missed
  expect: [string, boolean, string, boolean, number, number, number];
}

// Engaged at 10:00, hourly, a 15-minute grace period unless the case says otherwise.
const CASES: Case[] = [
  { what: 'just engaged', now: '10:00', expect: ['11:00', false, '11:15', false, 0, 0, 0] },
  { what: 'due at the minute is not yet overdue', now: '11:00', expect: ['11:00', false, '11:15', false, 0, 0, 0] },
  { what: 'seconds do not count (minute precision)', now: '11:00:59', expect: ['11:00', false, '11:15', false, 0, 0, 0] },
  { what: 'a minute past due is overdue', now: '11:01', expect: ['11:00', true, '11:15', false, 0, 0, 0] },
  { what: 'the last minute of grace', now: '11:14', expect: ['11:00', true, '11:15', false, 0, 0, 0] },
  { what: 'grace over: missed, backup DRI due', now: '11:15', expect: ['12:00', false, '11:15', true, 0, 0, 1] },
  { what: 'three hours without an update: three missed', now: '13:20', expect: ['14:00', false, '11:15', true, 0, 0, 3] },
  { what: 'an update on time restarts the cadence', updates: ['10:50'], now: '11:30', expect: ['11:50', false, '12:05', false, 1, 0, 0] },
  { what: 'an update at the due minute is on time', updates: ['11:00:30'], now: '11:30', expect: ['12:00', false, '12:15', false, 1, 0, 0] },
  { what: 'an update within grace is late', updates: ['11:10'], now: '11:30', expect: ['12:10', false, '12:25', false, 0, 1, 0] },
  { what: 'an update at the end of grace comes after the miss', updates: ['11:15'], now: '11:30', expect: ['12:15', false, '12:30', false, 1, 0, 1] },
  { what: 'an update after misses ends the escalation', updates: ['12:40'], now: '12:45', expect: ['13:40', false, '13:55', false, 1, 0, 2] },
  { what: 'snooze 30 min before due postpones the due time', snoozes: [snooze('10:45', 30)], now: '11:20', expect: ['11:30', false, '11:45', false, 0, 0, 0] },
  { what: 'snooze 1 h while overdue counts from the snooze', snoozes: [snooze('11:05', 60)], now: '11:20', expect: ['12:05', false, '12:20', false, 0, 0, 0] },
  {
    what: 'an update after a snooze is on time',
    snoozes: [snooze('11:05', 120)],
    updates: ['12:55'],
    now: '13:00',
    expect: ['13:55', false, '14:10', false, 1, 0, 0],
  },
  { what: 'a snooze that runs out is missed in the end', snoozes: [snooze('10:30', 30)], now: '11:45', expect: ['12:30', false, '11:45', true, 0, 0, 1] },
  { what: 'a snooze after a miss does not undo it', snoozes: [snooze('11:20', 30)], now: '11:25', expect: ['12:30', false, '11:15', true, 0, 0, 1] },
  { what: 'no grace period: not missed at the due minute', grace: 0, now: '11:00', expect: ['11:00', false, '11:01', false, 0, 0, 0] },
  { what: 'no grace period: missed a minute after', grace: 0, now: '11:01', expect: ['12:00', false, '11:01', true, 0, 0, 1] },
  {
    what: 'no grace period: an update at the due minute is on time',
    grace: 0,
    updates: ['11:00'],
    now: '11:01',
    expect: ['12:00', false, '12:01', false, 1, 0, 0],
  },
  {
    what: 'updates and snoozes out of order are sorted (snooze: 11:40 + 1 h, so 12:50 is late)',
    updates: ['12:50', '10:40'],
    snoozes: [snooze('11:30', 60)],
    now: '13:00',
    expect: ['13:50', false, '14:05', false, 1, 1, 0],
  },
  { what: 'updates after now are not counted yet', updates: ['11:30'], now: '11:05', expect: ['11:00', true, '11:15', false, 0, 0, 0] },
];

test('the cadence clock, table-driven', () => {
  for (const c of CASES) {
    const state = cadenceState({
      engagedAt: at('10:00'),
      cadence: hourly,
      updates: sent(...(c.updates ?? [])),
      snoozes: c.snoozes ?? [],
      graceMinutes: c.grace ?? 15,
      now: at(c.now),
    });
    const [due, overdue, escalateAt, escalate, onTime, late, missed] = c.expect;
    assert.deepEqual(
      [hhmm(state.nextDueAt), state.overdue, hhmm(state.escalateAt), state.escalate, state.onTime, state.late, state.missed],
      [due, overdue, escalateAt, escalate, onTime, late, missed],
      c.what,
    );
  }
});

test('a year of one-minute cadences without an update settles at once', () => {
  const engagedAt = at('10:00');
  const now = new Date(engagedAt.getTime() + 365 * 86_400_000);
  const state = cadenceState({ engagedAt, cadence: { kind: 'every', minutes: 1 }, updates: [], snoozes: [], graceMinutes: 0, now });
  assert.deepEqual([state.nextDueAt, state.missed, state.escalate, state.escalateAt], [now, 365 * 1440 - 1, true, at('10:02')]);
});

test('a snooze is remembered until an update or a miss', () => {
  const base = { engagedAt: at('10:00'), cadence: hourly, updates: [] as ReturnType<typeof sent>, graceMinutes: 15 };
  assert.equal(hhmm(cadenceState({ ...base, snoozes: [snooze('10:50', 30)], now: at('11:10') }).snoozedUntil), '11:30');
  assert.equal(cadenceState({ ...base, snoozes: [snooze('10:50', 30)], updates: sent('11:20'), now: at('11:25') }).snoozedUntil, null);
  assert.equal(cadenceState({ ...base, snoozes: [snooze('10:50', 30)], now: at('11:50') }).snoozedUntil, null);
});

test('a continuous cadence has no due time and never escalates', () => {
  const state = cadenceState({
    engagedAt: at('10:00'),
    cadence: { kind: 'continuous' },
    updates: sent('10:05', '12:00', '09:00'),
    snoozes: [],
    graceMinutes: 15,
    now: at('+1 10:00'),
  });
  assert.deepEqual(state, {
    nextDueAt: null,
    overdue: false,
    escalateAt: null,
    escalate: false,
    snoozedUntil: null,
    onTime: 2,
    late: 0,
    missed: 0,
    notDelivered: 0,
  });
});

test('bad snoozes, cadences and grace periods are refused', () => {
  const base = { engagedAt: at('10:00'), cadence: hourly, updates: [], snoozes: [], graceMinutes: 15, now: at('11:00') };
  const cases: [Partial<typeof base> & Record<string, unknown>, RegExp][] = [
    [{ snoozes: [{ at: at('10:30'), minutes: 45 as SnoozeMinutes, reason: 'x' }] } as never, /30, 60 or 120 minutes/],
    [{ snoozes: [snooze('10:30', 30, '   ')] } as never, /needs a reason/],
    [{ graceMinutes: -1 }, /grace period/],
    [{ graceMinutes: 2.5 }, /grace period/],
    [{ cadence: { kind: 'every', minutes: 0 } } as never, /cadence/],
  ];
  for (const [over, message] of cases) {
    assert.throws(
      () => cadenceState({ ...base, ...over }),
      (err: unknown) => err instanceof ValidationError && message.test(err.message),
    );
  }
});

test('an incident counts missed and late updates over all its engagements', () => {
  const engagedAt = at('10:00');
  const hourlyState = cadenceState({ engagedAt, cadence: hourly, updates: sent('11:10'), snoozes: [], graceMinutes: 15, now: at('13:30') });
  const halfHourly = cadenceState({
    engagedAt,
    cadence: { kind: 'every', minutes: 30 },
    updates: sent('10:20'),
    snoozes: [],
    graceMinutes: 5,
    now: at('11:00'),
  });
  const continuous = cadenceState({ engagedAt, cadence: { kind: 'continuous' }, updates: sent('10:30'), snoozes: [], graceMinutes: 5, now: at('11:00') });
  assert.deepEqual([hourlyState.late, hourlyState.missed, halfHourly.onTime, halfHourly.missed], [1, 2, 1, 1]);
  assert.deepEqual(incidentUpdateCounts([hourlyState, halfHourly, continuous]), { onTime: 2, late: 1, missed: 3, escalations: 2 });
});

test('an update that reached nobody in the group is not an update to it', () => {
  const base = { engagedAt: at('10:00'), cadence: hourly, snoozes: [], graceMinutes: 15 };
  const undelivered = { at: at('10:50'), delivered: false };
  // It neither counts as on time nor restarts the cadence: the 11:00 due time still holds and is missed.
  const state = cadenceState({ ...base, updates: [undelivered], now: at('11:30') });
  assert.deepEqual([hhmm(state.nextDueAt), state.escalate, state.onTime, state.late, state.missed, state.notDelivered], ['12:00', true, 0, 0, 1, 1]);
  // Within grace it is not late either; a delivered update afterwards is what counts.
  const later = cadenceState({ ...base, updates: [{ at: at('11:05'), delivered: false }, ...sent('11:10')], now: at('11:30') });
  assert.deepEqual([hhmm(later.nextDueAt), later.onTime, later.late, later.missed, later.notDelivered], ['12:10', 0, 1, 0, 1]);
  // On a continuous cadence it is not counted as sent.
  const continuous = cadenceState({ ...base, cadence: { kind: 'continuous' }, updates: [undelivered, ...sent('10:55')], now: at('11:30') });
  assert.deepEqual([continuous.onTime, continuous.notDelivered], [1, 1]);
});
