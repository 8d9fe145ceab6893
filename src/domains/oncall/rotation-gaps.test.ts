import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rotation } from './oncall.types.ts';
import { gaps } from './rotation-gaps.ts';

const utc = (iso: string) => new Date(iso);
const dana = { id: 'dana', name: 'Dana' };
const rotation: Rotation = {
  id: 'simoc',
  name: 'Security Incident Manager On Call',
  timeZone: 'America/New_York',
  participants: [{ id: 'alice', name: 'Alice' }],
  handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
  startDate: '2026-12-07',
  overrides: [],
};
const spans = (list: ReturnType<typeof gaps>) => list.map((g) => [g.from.toISOString(), g.to.toISOString(), g.reason]);

test('a rotation that starts in the future leaves a gap until its first hand-over', () => {
  assert.deepEqual(spans(gaps(rotation, utc('2026-12-01T00:00:00Z'), utc('2026-12-15T00:00:00Z'))), [
    ['2026-12-01T00:00:00.000Z', '2026-12-07T14:00:00.000Z', 'the rotation starts on Mon 7 Dec 2026 09:00 (EST)'],
  ]);
  assert.deepEqual(gaps(rotation, utc('2026-12-08T00:00:00Z'), utc('2027-12-08T00:00:00Z')), [], 'covered once started');
});

test('overrides fill part of a gap', () => {
  const covered = { ...rotation, overrides: [{ person: dana, from: utc('2026-12-03T00:00:00Z'), to: utc('2026-12-04T00:00:00Z') }] };
  assert.deepEqual(
    spans(gaps(covered, utc('2026-12-01T00:00:00Z'), utc('2026-12-10T00:00:00Z'))).map((s) => s.slice(0, 2)),
    [
      ['2026-12-01T00:00:00.000Z', '2026-12-03T00:00:00.000Z'],
      ['2026-12-04T00:00:00.000Z', '2026-12-07T14:00:00.000Z'],
    ],
  );
});

test('a rotation without participants is covered by its overrides only', () => {
  const empty = { ...rotation, participants: [] };
  assert.deepEqual(spans(gaps(empty, utc('2026-12-01T00:00:00Z'), utc('2026-12-02T00:00:00Z'))), [
    ['2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', 'the rotation has no participants'],
  ]);
  const overridesOnly = {
    ...empty,
    overrides: [
      { person: dana, from: utc('2026-12-01T06:00:00Z'), to: utc('2026-12-01T12:00:00Z') },
      { person: dana, from: utc('2026-12-01T10:00:00Z'), to: utc('2026-12-01T18:00:00Z') },
      { person: dana, from: utc('2026-11-01T00:00:00Z'), to: utc('2026-11-02T00:00:00Z') },
    ],
  };
  assert.deepEqual(spans(gaps(overridesOnly, utc('2026-12-01T00:00:00Z'), utc('2026-12-02T00:00:00Z'))), [
    ['2026-12-01T00:00:00.000Z', '2026-12-01T06:00:00.000Z', 'the rotation has no participants; only overrides cover it'],
    ['2026-12-01T18:00:00.000Z', '2026-12-02T00:00:00.000Z', 'the rotation has no participants; only overrides cover it'],
  ]);
  assert.deepEqual(gaps(overridesOnly, utc('2026-12-01T07:00:00Z'), utc('2026-12-01T17:00:00Z')), [], 'fully covered');
  assert.deepEqual(gaps(overridesOnly, utc('2026-12-02T00:00:00Z'), utc('2026-12-01T00:00:00Z')), [], 'an empty window');
});
