import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar, DEFAULT_CALENDAR } from './calendar.ts';
import { addBusinessDays, BUSINESS_DAY_MS, businessTimeBetween, dueAt } from './business-time.ts';
import { DateTime } from 'luxon';

const us = createCalendar();
const ny = (local: string) => DateTime.fromISO(local, { zone: 'America/New_York' }).toJSDate();
const iso = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: 'America/New_York' }).toISO({ suppressMilliseconds: true }) : null);

// Received (New York time) → due one business day later (New York time).
const ONE_DAY_CASES: [string, string, string][] = [
  ['Wednesday before Thanksgiving', '2026-11-25T10:00', '2026-11-27T10:00:00.000-05:00'],
  ['Saturday: due at the end of Monday', '2026-11-28T09:30', '2026-12-01T00:00:00.000-05:00'],
  ['Sunday: due at the end of Monday', '2026-11-29T23:59', '2026-12-01T00:00:00.000-05:00'],
  ['Friday evening', '2026-11-20T18:00', '2026-11-23T18:00:00.000-05:00'],
  ['on Thanksgiving itself', '2026-11-26T08:00', '2026-11-28T00:00:00.000-05:00'],
  ['Sunday before MLK Day', '2027-01-17T12:00', '2027-01-20T00:00:00.000-05:00'],
  ['Friday before Labor Day', '2026-09-04T15:00', '2026-09-08T15:00:00.000-04:00'],
  ['Thursday before observed Independence Day', '2026-07-02T11:00', '2026-07-06T11:00:00.000-04:00'],
  ['Christmas Eve 2027 is observed Christmas', '2027-12-23T16:00', '2027-12-27T16:00:00.000-05:00'],
  ['New Year 2028 observed on Friday 2027-12-31', '2027-12-30T09:00', '2028-01-03T09:00:00.000-05:00'],
  ['the day before spring DST 2026 (Sunday 03-08)', '2026-03-06T10:00', '2026-03-09T10:00:00.000-04:00'],
  ['across autumn DST 2026 (Sunday 11-01)', '2026-10-30T10:00', '2026-11-02T10:00:00.000-05:00'],
  ['across spring DST 2027 (Sunday 03-14)', '2027-03-12T01:30', '2027-03-15T01:30:00.000-04:00'],
  ['across autumn DST 2027 (Sunday 11-07)', '2027-11-05T23:00', '2027-11-08T23:00:00.000-05:00'],
];

test('one business day, table-driven', () => {
  for (const [what, received, due] of ONE_DAY_CASES) {
    assert.equal(iso(addBusinessDays(us, ny(received), 1)), due.replace('.000', ''), what);
  }
});

test('several business days skip every weekend and holiday between', () => {
  assert.equal(iso(addBusinessDays(us, ny('2026-12-23T12:00'), 3)), '2026-12-29T12:00:00-05:00');
  assert.equal(iso(addBusinessDays(us, ny('2026-12-31T12:00'), 1)), '2027-01-04T12:00:00-05:00');
});

test('business time between two instants counts only working days', () => {
  const hours = (a: string, b: string) => businessTimeBetween(us, ny(a), ny(b)) / 3_600_000;
  assert.equal(hours('2026-11-25T10:00', '2026-11-27T10:00'), 24, 'Thanksgiving does not count');
  assert.equal(hours('2026-11-27T18:00', '2026-11-30T06:00'), 12, 'the weekend does not count');
  assert.equal(hours('2026-11-28T10:00', '2026-11-29T10:00'), 0);
  assert.equal(hours('2026-11-30T10:00', '2026-11-30T09:00'), 0);
});

test('pauses (pending on the requester) push the due time out by their business time', () => {
  const received = ny('2026-11-30T10:00');
  assert.equal(iso(dueAt(us, received, BUSINESS_DAY_MS)), '2026-12-01T10:00:00-05:00');
  const paused = [{ from: ny('2026-11-30T12:00'), to: ny('2026-11-30T18:00') }];
  assert.equal(iso(dueAt(us, received, BUSINESS_DAY_MS, paused)), '2026-12-01T16:00:00-05:00');
  const overWeekend = [{ from: ny('2026-12-04T12:00'), to: ny('2026-12-07T12:00') }];
  assert.equal(iso(dueAt(us, ny('2026-12-04T10:00'), BUSINESS_DAY_MS, overWeekend)), '2026-12-08T10:00:00-05:00');
  assert.equal(dueAt(us, received, BUSINESS_DAY_MS, [{ from: ny('2026-11-30T11:00'), to: null }]), null, 'an open pause stops the clock');
  assert.equal(
    iso(dueAt(us, received, BUSINESS_DAY_MS, [{ from: ny('2026-12-02T11:00'), to: null }])),
    '2026-12-01T10:00:00-05:00',
    'a pause after the due time changes nothing',
  );
});

test('a calendar in another zone keeps its own wall clock', () => {
  const berlin = createCalendar({ ...DEFAULT_CALENDAR, timeZone: 'Europe/Berlin', holidays: { country: 'DE' } });
  const received = DateTime.fromISO('2026-12-24T15:00', { zone: 'Europe/Berlin' }).toJSDate();
  const due = DateTime.fromJSDate(addBusinessDays(berlin, received, 1), { zone: 'Europe/Berlin' });
  assert.equal(due.toISO({ suppressMilliseconds: true }), '2026-12-28T15:00:00+01:00', 'Christmas and Boxing Day skipped');
});
