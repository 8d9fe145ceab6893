import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../calendar/calendar.ts';
import { formatDeliveryDate, nextDeliveryRun } from './delivery-schedule.ts';

const us = createCalendar();
const run = (now: string) => nextDeliveryRun(us, new Date(now), '10:00');

test('the job runs at 10:00 New York time on the next delivery day', () => {
  assert.deepEqual(run('2026-11-23T12:00:00Z'), { date: '2026-11-23', at: new Date('2026-11-23T15:00:00Z') }, 'Monday before 10:00');
  assert.deepEqual(
    run('2026-11-23T15:00:00Z'),
    { date: '2026-11-27', at: new Date('2026-11-27T15:00:00Z') },
    'Monday at 10:00: Thursday is Thanksgiving, so Friday',
  );
});

test("New Year's Day 2027 (a Friday) is no delivery day: Thursday 31 December, then Monday 4 January", () => {
  assert.equal(run('2026-12-29T15:00:00Z').date, '2026-12-31');
  assert.equal(run('2026-12-31T15:00:01Z').date, '2027-01-04');
});

test('a Monday holiday moves the run to Tuesday (MLK Day 2027, Labor Day 2027)', () => {
  assert.deepEqual(run('2027-01-15T12:00:00Z'), { date: '2027-01-19', at: new Date('2027-01-19T15:00:00Z') });
  assert.equal(run('2027-09-03T12:00:00Z').date, '2027-09-07');
});

test('the time follows the zone across daylight saving time, and a bad time is refused', () => {
  assert.deepEqual(run('2026-06-29T00:00:00Z').at, new Date('2026-06-29T14:00:00Z'));
  assert.throws(() => nextDeliveryRun(us, new Date(), '25:00'), /not a time of day/);
});

test('the date as the receipt states it', () => {
  assert.equal(formatDeliveryDate('2026-11-27'), 'Friday, 27 November 2026');
});
