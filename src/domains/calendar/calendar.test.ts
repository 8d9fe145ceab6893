import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, createCalendar, DEFAULT_CALENDAR, nextWorkingDay } from './calendar.ts';

const us = createCalendar();

// Every US federal holiday of 2026 and 2027, with the observed (substitute) days off.
const FEDERAL_DAYS_OFF: [string, RegExp][] = [
  ['2026-01-01', /New Year/],
  ['2026-01-19', /Martin Luther King/],
  ['2026-02-16', /Washington/],
  ['2026-05-25', /Memorial/],
  ['2026-06-19', /Juneteenth/],
  ['2026-07-03', /Independence Day \(substitute/],
  ['2026-09-07', /Labor/],
  ['2026-10-12', /Columbus/],
  ['2026-11-11', /Veterans/],
  ['2026-11-26', /Thanksgiving/],
  ['2026-12-25', /Christmas/],
  ['2027-01-01', /New Year/],
  ['2027-01-18', /Martin Luther King/],
  ['2027-02-15', /Washington/],
  ['2027-05-31', /Memorial/],
  ['2027-06-18', /Juneteenth \(substitute/],
  ['2027-07-05', /Independence Day \(substitute/],
  ['2027-09-06', /Labor/],
  ['2027-10-11', /Columbus/],
  ['2027-11-11', /Veterans/],
  ['2027-11-25', /Thanksgiving/],
  ['2027-12-24', /Christmas Day \(substitute/],
  ['2027-12-31', /New Year's Day \(substitute/],
];

test('every 2026–2027 federal holiday and observed date is a day off', () => {
  for (const [date, name] of FEDERAL_DAYS_OFF) {
    assert.equal(us.isWorkingDay(date), false, date);
    assert.match(us.holidayOn(date) ?? '', name, date);
  }
});

test('the weekdays around each holiday are working days', () => {
  const off = new Set(FEDERAL_DAYS_OFF.map(([d]) => d));
  for (const [date] of FEDERAL_DAYS_OFF) {
    for (const neighbour of [addDays(date, -1), addDays(date, 1)]) {
      const weekday = new Date(`${neighbour}T12:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6 || off.has(neighbour)) continue;
      assert.equal(us.isWorkingDay(neighbour), true, neighbour);
    }
  }
});

test('exactly the federal days off fall on weekdays in 2026 and 2027', () => {
  const holidays = us.holidaysBetween('2026-01-01', '2027-12-31').filter((h) => ![0, 6].includes(new Date(`${h.date}T12:00:00Z`).getUTCDay()));
  assert.deepEqual(
    holidays.map((h) => h.date),
    FEDERAL_DAYS_OFF.map(([d]) => d),
  );
});

test('weekends are not working days; closures and extra working days are honoured', () => {
  assert.equal(us.isWorkingDay('2026-11-28'), false);
  assert.equal(us.isWorkingDay('2026-11-29'), false);
  assert.equal(us.isWorkingDay('2026-11-30'), true);
  const custom = createCalendar({ ...DEFAULT_CALENDAR, closures: ['2026-12-24', '2026-12-31'], extraWorkingDays: ['2026-11-28'] });
  assert.equal(custom.isWorkingDay('2026-12-24'), false);
  assert.equal(custom.isWorkingDay('2026-11-28'), true);
  assert.equal(nextWorkingDay(custom, '2026-12-23'), '2026-12-28');
});

test('another country and zone: Germany (Berlin)', () => {
  const berlin = createCalendar({ ...DEFAULT_CALENDAR, timeZone: 'Europe/Berlin', holidays: { country: 'DE', state: 'BE' } });
  assert.equal(berlin.isWorkingDay('2026-10-03'), false, 'German Unity Day (a Saturday anyway)');
  assert.equal(berlin.isWorkingDay('2026-12-26'), false);
  assert.equal(berlin.isWorkingDay('2026-03-08'), false, "International Women's Day is a Berlin holiday (a Sunday in 2026)");
  assert.equal(berlin.isWorkingDay('2027-03-08'), false, "International Women's Day 2027, a Monday");
  assert.equal(berlin.isWorkingDay('2026-11-26'), true, 'no Thanksgiving in Germany');
  assert.equal(berlin.dateOf(new Date('2026-11-25T23:30:00Z')), '2026-11-26');
});

test('bad settings are refused', () => {
  assert.throws(() => createCalendar({ ...DEFAULT_CALENDAR, timeZone: 'Mars/Olympus' }), /time zone/);
  assert.throws(() => createCalendar({ ...DEFAULT_CALENDAR, holidays: { country: 'XX' } }), /holiday calendar/);
  assert.throws(() => createCalendar({ ...DEFAULT_CALENDAR, closures: ['2026-13-01'] }), /not a date/);
  assert.throws(() => createCalendar({ ...DEFAULT_CALENDAR, workingDays: [] }), /working weekday/);
});
