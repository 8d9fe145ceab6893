import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { ValidationError } from '../errors.ts';
import type { Rotation } from './oncall.types.ts';
import { firstHandOver, validateRotation, whoIsOnCall } from './rotation.ts';

const people = ['alice', 'bob', 'carol'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));
const utc = (iso: string) => new Date(iso);
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

/** Weekly, Monday 09:00 New York, from Monday 2026-10-19: Alice, Bob, Carol, Alice… */
const weeklyNy: Rotation = {
  id: 'seoc',
  name: 'Security Engineer On Call',
  role: 'security_engineer',
  timeZone: 'America/New_York',
  participants: people,
  handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
  startDate: '2026-10-19',
  overrides: [],
};

test('weekly hand-over keeps 09:00 New York across both US DST changes, table-driven', () => {
  const cases: [string, string, string | null][] = [
    ['before the start', '2026-10-19T12:59:00Z', null],
    ['first hand-over, 09:00 EDT', '2026-10-19T13:00:00Z', 'alice'],
    ['Sunday 2026-11-01 after the fall-back', '2026-11-01T12:00:00Z', 'bob'],
    ['Monday 08:59 EST, still Bob', '2026-11-02T13:59:00Z', 'bob'],
    ['Monday 09:00 EST', '2026-11-02T14:00:00Z', 'carol'],
    ['20 weeks later, Monday 2027-03-08 09:00 EST', '2027-03-08T14:00:00Z', 'carol'],
    ['Sunday 2027-03-14 after the spring-forward', '2027-03-14T12:00:00Z', 'carol'],
    ['Monday 2027-03-15 08:59 EDT, still Carol', '2027-03-15T12:59:00Z', 'carol'],
    ['Monday 2027-03-15 09:00 EDT', '2027-03-15T13:00:00Z', 'alice'],
  ];
  for (const [what, at, who] of cases) assert.equal(whoIsOnCall(weeklyNy, utc(at))?.person.id ?? null, who, what);
  const fallWeek = whoIsOnCall(weeklyNy, utc('2026-10-30T12:00:00Z'))!;
  assert.deepEqual([fallWeek.from, fallWeek.to, hours(fallWeek.from, fallWeek.to)], [utc('2026-10-26T13:00:00Z'), utc('2026-11-02T14:00:00Z'), 169]);
  const springWeek = whoIsOnCall(weeklyNy, utc('2027-03-10T12:00:00Z'))!;
  assert.equal(hours(springWeek.from, springWeek.to), 167);
});

test('a start date off the hand-over weekday starts at the next hand-over', () => {
  const rotation = { ...weeklyNy, startDate: '2026-10-21' };
  assert.deepEqual(firstHandOver(rotation), utc('2026-10-26T13:00:00Z'));
  assert.equal(whoIsOnCall(rotation, utc('2026-10-25T12:00:00Z')), null);
  assert.equal(whoIsOnCall(rotation, utc('2026-10-26T13:00:00Z'))?.person.id, 'alice');
});

test('daily hand-over in Berlin across the EU DST changes', () => {
  const berlin: Rotation = {
    ...weeklyNy,
    timeZone: 'Europe/Berlin',
    participants: people.slice(0, 2),
    handOver: { kind: 'daily', time: '08:00' },
    startDate: '2026-10-24',
  };
  const cases: [string, string, number][] = [
    ['Saturday 08:00 CEST', '2026-10-24T06:00:00Z', 25],
    ['Sunday 2026-10-25 08:00 CET (clocks went back at 03:00)', '2026-10-25T07:00:00Z', 24],
    ['Saturday 2027-03-27 08:00 CET', '2027-03-27T07:00:00Z', 23],
    ['Sunday 2027-03-28 08:00 CEST', '2027-03-28T06:00:00Z', 24],
  ];
  for (const [what, at, length] of cases) {
    const shift = whoIsOnCall(berlin, utc(at))!;
    assert.deepEqual([shift.from, hours(shift.from, shift.to)], [utc(at), length], what);
    assert.equal(DateTime.fromJSDate(shift.to, { zone: 'Europe/Berlin' }).toFormat('HH:mm'), '08:00', what);
  }
  assert.equal(whoIsOnCall(berlin, utc('2026-10-25T06:59:00Z'))?.person.id, 'alice', 'Saturday’s shift runs to 08:00 CET');
  assert.equal(whoIsOnCall(berlin, utc('2027-03-28T06:00:00Z'))?.person.id, 'bob', '155 days after the start: odd');
});

test('a hand-over inside a DST gap or overlap takes the RFC 5545 reading', () => {
  const night: Rotation = { ...weeklyNy, handOver: { kind: 'daily', time: '02:30' }, startDate: '2027-03-13' };
  assert.deepEqual(whoIsOnCall(night, utc('2027-03-14T12:00:00Z'))!.from, utc('2027-03-14T07:30:00Z'), '02:30 does not exist: 03:30 EDT');
  const overlap: Rotation = { ...weeklyNy, handOver: { kind: 'daily', time: '01:30' }, startDate: '2026-10-31' };
  assert.deepEqual(whoIsOnCall(overlap, utc('2026-11-01T12:00:00Z'))!.from, utc('2026-11-01T05:30:00Z'), '01:30 happens twice: the first, EDT');
  const berlin: Rotation = { ...overlap, timeZone: 'Europe/Berlin', handOver: { kind: 'daily', time: '02:30' }, startDate: '2026-10-24' };
  assert.deepEqual(whoIsOnCall(berlin, utc('2026-10-25T12:00:00Z'))!.from, utc('2026-10-25T00:30:00Z'), '02:30 CEST, the first');
});

test('overrides win over the rotation; the later of two overlapping overrides wins', () => {
  const dana = { id: 'dana', name: 'Dana' };
  const erin = { id: 'erin', name: 'Erin' };
  const rotation: Rotation = {
    ...weeklyNy,
    overrides: [
      { person: dana, from: utc('2026-11-03T00:00:00Z'), to: utc('2026-11-05T00:00:00Z'), reason: 'Carol travels' },
      { person: erin, from: utc('2026-11-04T00:00:00Z'), to: utc('2026-11-04T06:00:00Z') },
    ],
  };
  assert.deepEqual(whoIsOnCall(rotation, utc('2026-11-03T12:00:00Z')), {
    person: dana,
    from: utc('2026-11-03T00:00:00Z'),
    to: utc('2026-11-05T00:00:00Z'),
    source: 'override',
  });
  assert.equal(whoIsOnCall(rotation, utc('2026-11-04T03:00:00Z'))?.person.id, 'erin');
  assert.equal(whoIsOnCall(rotation, utc('2026-11-04T06:00:00Z'))?.person.id, 'dana', 'an override ends at its end, exclusive');
  assert.equal(whoIsOnCall(rotation, utc('2026-11-05T00:00:00Z'))?.source, 'rotation');
  assert.equal(whoIsOnCall({ ...rotation, participants: [] }, utc('2026-11-03T12:00:00Z'))?.person.id, 'dana', 'overrides only');
  assert.equal(whoIsOnCall({ ...rotation, participants: [] }, utc('2026-11-06T12:00:00Z')), null);
});

test('rotations that cannot be scheduled are refused with a clear error', () => {
  const cases: [Partial<Rotation>, string][] = [
    [{ id: 'a b' }, 'an id is 1 to 100 letters, digits, dots, hyphens or underscores'],
    [{ name: ' ' }, 'a name of 1 to 200 characters is required'],
    [{ timeZone: 'America/Gotham' }, "unknown time zone 'America/Gotham'"],
    [{ handOver: { kind: 'daily', time: '9:00' } }, "the hand-over time '9:00' is not HH:MM"],
    [{ handOver: { kind: 'daily', time: '24:00' } }, "the hand-over time '24:00' is not HH:MM"],
    [{ handOver: { kind: 'weekly', weekday: 0, time: '09:00' } }, 'the hand-over weekday is 1 (Monday) to 7 (Sunday)'],
    [{ startDate: '2026-02-30' }, "the start date '2026-02-30' is not YYYY-MM-DD"],
    [{ participants: [people[0]!, people[0]!] }, 'Alice takes part twice'],
    [{ participants: [{ id: '', name: 'Nobody' }] }, 'every participant needs an id and a name'],
    [
      { overrides: [{ person: people[1]!, from: utc('2026-11-02T00:00:00Z'), to: utc('2026-11-02T00:00:00Z') }] },
      'the override for Bob must end after it starts',
    ],
  ];
  for (const [change, message] of cases) {
    assert.throws(
      () => validateRotation({ ...weeklyNy, ...change }),
      (err: unknown) => err instanceof ValidationError && err.message === `rotation '${change.name ?? weeklyNy.name}': ${message}`,
      message,
    );
  }
  assert.doesNotThrow(() => validateRotation(weeklyNy));
});
