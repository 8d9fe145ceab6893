import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../calendar/calendar.ts';
import { clockStatus, deadlineOf, durationWords, reminderCheck, reminderPoints } from './deadline.ts';

const calendar = createCalendar(); // America/New_York, Monday to Friday, US public holidays

test('an hours clock is elapsed time, also across the end of daylight saving time', () => {
  // 1 November 2026: New York falls back from EDT to EST; 72 h stays 72 h.
  assert.equal(deadlineOf({ hours: 72 }, new Date('2026-10-31T12:00:00Z'), calendar).toISOString(), '2026-11-03T12:00:00.000Z');
  assert.equal(deadlineOf({ hours: 720 }, new Date('2026-03-01T15:30:00Z'), calendar).toISOString(), '2026-03-31T15:30:00.000Z');
});

test('business days skip weekends and US holidays and end at local midnight', () => {
  // Wednesday 25 Nov 2026, the day before Thanksgiving: Fri 27, Mon 30, Tue 1, Wed 2 → end of Wed 2 Dec (EST).
  assert.equal(deadlineOf({ businessDays: 4 }, new Date('2026-11-25T15:00:00Z'), calendar).toISOString(), '2026-12-03T05:00:00.000Z');
  // Friday 3 July 2026 is the observed Independence Day: from Thu 2 July, Mon 6 … Thu 9 → end of Thu 9 July (EDT).
  assert.equal(deadlineOf({ businessDays: 4 }, new Date('2026-07-02T20:00:00Z'), calendar).toISOString(), '2026-07-10T04:00:00.000Z');
});

test('a business-day clock across the daylight-saving change ends at local midnight after it', () => {
  // Thursday 29 Oct 2026 (EDT): Fri 30, Mon 2, Tue 3, Wed 4 Nov → midnight starting Thu 5 Nov is 05:00 UTC (EST).
  assert.equal(deadlineOf({ businessDays: 4 }, new Date('2026-10-29T14:00:00Z'), calendar).toISOString(), '2026-11-05T05:00:00.000Z');
  // Saturday 7 March 2026 → Mon 9 … Thu 12 March, after the 8 March spring-forward: 04:00 UTC (EDT).
  assert.equal(deadlineOf({ businessDays: 4 }, new Date('2026-03-07T17:00:00Z'), calendar).toISOString(), '2026-03-13T04:00:00.000Z');
  // A start late in the evening local time counts its local day (Monday 23:30 EST is Tuesday in UTC).
  assert.equal(deadlineOf({ businessDays: 1 }, new Date('2026-12-08T04:30:00Z'), calendar).toISOString(), '2026-12-09T05:00:00.000Z');
});

test('reminder points: before the deadline, earliest first, the deadline last', () => {
  const due = new Date('2026-11-27T12:00:00Z');
  const points = reminderPoints(due, [4, 48, 24]);
  assert.deepEqual(
    points.map((p) => [p.at.toISOString(), p.hoursBefore]),
    [
      ['2026-11-25T12:00:00.000Z', 48],
      ['2026-11-26T12:00:00.000Z', 24],
      ['2026-11-27T08:00:00.000Z', 4],
      ['2026-11-27T12:00:00.000Z', 0],
    ],
  );
});

test('a reminder check reminds once for the latest point reached and waits for the next', () => {
  const points = reminderPoints(new Date('2026-11-27T12:00:00Z'), [48, 24]);
  assert.deepEqual(reminderCheck(points, new Date('2026-11-25T11:59:00Z')), { remind: null, next: points[0] });
  // Late (both 48 h and 24 h reached): only the 24 h reminder is sent.
  assert.deepEqual(reminderCheck(points, new Date('2026-11-26T13:00:00Z')), { remind: points[1], next: points[2] });
  assert.deepEqual(reminderCheck(points, new Date('2026-11-28T00:00:00Z')), { remind: points[2], next: null });
});

test('clock status: remaining, overdue, met late', () => {
  const dueAt = new Date('2026-11-27T12:00:00Z');
  assert.deepEqual(clockStatus({ state: 'running', dueAt, metAt: null }, new Date('2026-11-27T10:00:00Z')), {
    state: 'running',
    remainingMs: 7_200_000,
    overdue: false,
    metLate: false,
  });
  assert.equal(clockStatus({ state: 'running', dueAt, metAt: null }, new Date('2026-11-27T12:00:01Z')).overdue, true);
  assert.deepEqual(clockStatus({ state: 'met', dueAt, metAt: new Date('2026-11-27T13:00:00Z') }, new Date('2026-11-28T00:00:00Z')), {
    state: 'met',
    remainingMs: null,
    overdue: false,
    metLate: true,
  });
  assert.equal(clockStatus({ state: 'not_applicable', dueAt, metAt: null }, new Date('2026-12-01T00:00:00Z')).overdue, false);
});

test('durations in words', () => {
  assert.equal(durationWords(3 * 86_400_000 + 2 * 3_600_000), '3 days 2 h');
  assert.equal(durationWords(-(90 * 60_000)), '1 h 30 min');
  assert.equal(durationWords(59_000), '0 min');
});
