import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { ValidationError } from '../errors.ts';
import type { Rotation } from './oncall.types.ts';
import { exportRotation } from './rotation-ical.ts';
import { importRotation, MAX_ICAL_BYTES } from './rotation-ical-import.ts';
import { whoIsOnCall } from './rotation.ts';

const utc = (iso: string) => new Date(iso);
const generatedAt = utc('2026-11-24T10:00:00Z');
const people = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));
const weeklyNy: Rotation = {
  id: 'seoc',
  name: 'Security Engineer On Call; NY, weekly',
  role: 'security_engineer',
  timeZone: 'America/New_York',
  participants: people,
  handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
  startDate: '2026-10-19',
  overrides: [
    { person: { id: 'dana', name: 'Dana Scully' }, from: utc('2026-11-03T00:00:00Z'), to: utc('2026-11-05T00:00:00Z'), reason: 'Carol travels, back Thursday' },
    { person: people[0]!, from: utc('2026-11-04T00:00:00Z'), to: utc('2026-11-04T06:00:00Z') },
  ],
};
const dailyBerlin: Rotation = {
  ...weeklyNy,
  id: 'cmoc',
  name: 'CMOC Berlin',
  role: 'communications_manager',
  timeZone: 'Europe/Berlin',
  participants: people.slice(0, 2),
  handOver: { kind: 'daily', time: '02:30' },
  startDate: '2026-10-20',
  overrides: [],
};

test('the export is a standard calendar: one recurring event per participant, overrides in UTC', () => {
  const text = exportRotation(weeklyNy, generatedAt);
  assert.ok(text.includes('\r\n'), 'CRLF line endings');
  const lines = text.split('\r\n');
  for (const line of [
    'BEGIN:VTIMEZONE',
    'TZID:America/New_York',
    'DTSTART;TZID=America/New_York:20261019T090000',
    'DTSTART;TZID=America/New_York:20261026T090000',
    'DTSTART;TZID=America/New_York:20261102T090000',
    'DURATION:P7D',
    'RRULE:FREQ=WEEKLY;INTERVAL=3',
    'SUMMARY:On call: Carol',
    'DTSTART:20261103T000000Z',
    'DTEND:20261105T000000Z',
    'DTSTAMP:20261124T100000Z',
    'X-WR-CALNAME;VALUE=TEXT:Security Engineer On Call\\; NY\\, weekly',
  ]) {
    assert.ok(lines.includes(line), line);
  }
});

test('a calendar expanding the export finds the same shifts across both US DST changes', () => {
  const calendar = new ICAL.Component(ICAL.parse(exportRotation(weeklyNy, generatedAt)) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const until = utc('2027-04-01T00:00:00Z');
  const rotationOnly = { ...weeklyNy, overrides: [] };
  let checked = 0;
  for (const vevent of calendar.getAllSubcomponents('vevent').filter((e) => e.getFirstPropertyValue('x-secdesk-kind') === 'shift')) {
    const event = new ICAL.Event(vevent);
    const personId = vevent.getFirstPropertyValue('x-secdesk-person-id');
    const occurrences = event.iterator();
    for (let next = occurrences.next(); next && next.toJSDate() < until; next = occurrences.next()) {
      const details = event.getOccurrenceDetails(next);
      const shift = whoIsOnCall(rotationOnly, details.startDate.toJSDate())!;
      assert.deepEqual([shift.person.id, shift.from, shift.to], [personId, details.startDate.toJSDate(), details.endDate.toJSDate()], next.toString());
      checked += 1;
    }
  }
  assert.equal(checked, 24, 'every week from 2026-10-19 to 2027-03-29');
});

test('export then import gives back the same rotation', () => {
  const cases: [string, Rotation][] = [
    ['weekly, New York, with overrides', weeklyNy],
    ['daily at 02:30 Berlin (a time DST skips once a year)', dailyBerlin],
    ['a start date before the hand-over weekday', { ...weeklyNy, startDate: '2026-10-15', handOver: { kind: 'weekly', weekday: 5, time: '17:45' } }],
    ['no participants: overrides only', { ...weeklyNy, participants: [], handOver: { kind: 'daily', time: '08:00' } }],
    ['no role, no overrides', { ...dailyBerlin, role: undefined, overrides: [] } as Rotation],
    [
      'names that try to inject calendar lines',
      {
        ...dailyBerlin,
        name: 'Evil\r\nEND:VCALENDAR',
        participants: [{ id: 'x;y', name: 'Mallory\nBEGIN:VEVENT, \\ ;' }],
        overrides: [{ person: { id: 'z', name: 'A:B' }, from: utc('2026-11-01T00:00:00Z'), to: utc('2026-11-01T01:00:00Z'), reason: 'line one\nline two' }],
      },
    ],
  ];
  for (const [what, rotation] of cases) {
    const expected = { ...rotation };
    if (!expected.role) delete expected.role;
    assert.deepEqual(importRotation(exportRotation(rotation, generatedAt)), expected, what);
  }
});

test('files that are not a secdesk rotation are refused with a clear error', () => {
  const good = exportRotation(weeklyNy, generatedAt);
  const cases: [string, string, RegExp][] = [
    ['not iCalendar', 'hello', /not an iCalendar file/],
    ['too large', `${good}${' '.repeat(MAX_ICAL_BYTES)}`, /larger than 1048576 bytes/],
    [
      'a foreign event',
      good.replace('X-SECDESK-KIND;VALUE=TEXT:override', 'X-OTHER:1'),
      /event 4 \(On call \(override\): Dana Scully\) is neither a shift nor an override/,
    ],
    ['a floating override', good.replace('DTSTART:20261103T000000Z', 'DTSTART:20261103T000000'), /floating DTSTART/],
    [
      'a shift out of turn',
      good.replace('DTSTART;TZID=America/New_York:20261026T090000', 'DTSTART;TZID=America/New_York:20261027T090000'),
      /the shift of Bob does not start where the turn order puts it/,
    ],
    [
      'a shift in another zone',
      good.replace('DTSTART;TZID=America/New_York:20261026T090000', 'DTSTART;TZID=Europe/Berlin:20261026T090000'),
      /the shift of Bob is not in the rotation's time zone/,
    ],
    ['a wrong interval', good.replace('RRULE:FREQ=WEEKLY;INTERVAL=3', 'RRULE:FREQ=WEEKLY;INTERVAL=2'), /does not recur every 3 weeks/],
    ['a missing person', good.replace('X-SECDESK-PERSON-ID;VALUE=TEXT:dana\r\n', ''), /has no X-SECDESK-PERSON-ID/],
    ['an unknown role', good.replace('X-SECDESK-ROLE;VALUE=TEXT:security_engineer', 'X-SECDESK-ROLE:janitor'), /unknown on-call role 'janitor'/],
    ['an unknown zone', good.replaceAll('America/New_York', 'America/Gotham'), /unknown time zone 'America\/Gotham'/],
    [
      'a start date that does not match',
      good.replace('X-SECDESK-START-DATE;VALUE=TEXT:2026-10-19', 'X-SECDESK-START-DATE:2026-10-01'),
      /the start date does not match the first shift/,
    ],
  ];
  for (const [what, text, message] of cases) {
    assert.throws(
      () => importRotation(text),
      (err: unknown) => err instanceof ValidationError && message.test(err.message),
      what,
    );
  }
});
