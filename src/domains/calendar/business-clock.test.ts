import { test } from 'node:test';
import assert from 'node:assert/strict';
import { businessClock } from './business-clock.ts';
import { businessTimeBetween } from './business-time.ts';
import { createCalendar } from './calendar.ts';

test('the business clock gives exactly businessTimeBetween and dateOf, across holidays, weekends and daylight-saving changes', () => {
  const calendar = createCalendar();
  // Spring forward (8 March 2026), fall back (1 November 2026), Thanksgiving (26 November 2026).
  const clock = businessClock(calendar, '2026-03-01', '2026-12-06');
  const span = [Date.parse('2026-03-01T05:00:00Z'), Date.parse('2026-12-07T04:00:00Z')];
  let seed = 7;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const instants = [
    '2026-03-08T06:59:00Z',
    '2026-03-08T07:01:00Z',
    '2026-03-09T03:59:00Z',
    '2026-11-01T05:30:00Z',
    '2026-11-01T06:30:00Z',
    '2026-11-25T17:00:00Z',
    '2026-11-27T15:00:00Z',
    '2026-11-28T16:00:00Z',
    '2026-11-30T13:00:00Z',
  ].map((s) => new Date(s));
  for (let i = 0; i < 400; i++) instants.push(new Date(span[0]! + Math.floor(rand() * (span[1]! - span[0]!))));
  // Outside the span it falls back.
  instants.push(new Date('2026-12-20T12:00:00Z'), new Date('2026-02-10T12:00:00Z'));
  for (let i = 0; i < instants.length; i++) {
    const a = instants[i]!;
    assert.equal(clock.dateOf(a), calendar.dateOf(a), a.toISOString());
    for (const b of [instants[(i * 7 + 3) % instants.length]!, instants[(i + 1) % instants.length]!]) {
      assert.equal(clock.between(a, b), businessTimeBetween(calendar, a, b), `${a.toISOString()} → ${b.toISOString()}`);
    }
  }
});
