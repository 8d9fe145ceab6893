import { test } from 'node:test';
import assert from 'node:assert/strict';
import { draftStatusUpdate, validateStatusUpdate, withDiffs, type StatusUpdate } from './status-update.ts';

const FIELDS = { currentRisk: 'High', usersImpacted: 'some', timelineOfEvents: 'a', mitigationSteps: 'b', currentStatus: 'c', nextSteps: 'd' };

test('an update with an empty field is refused with the field named', () => {
  assert.throws(() => validateStatusUpdate({ ...FIELDS, mitigationSteps: '  ' }), /mitigation steps taken \(mitigationSteps\) is required/);
  assert.throws(() => validateStatusUpdate({ ...FIELDS, usersImpacted: 'lots' }), /usersImpacted/);
  assert.equal(validateStatusUpdate({ ...FIELDS, nextSteps: ' d ' }).nextSteps, 'd');
});

const update = (n: number, at: string, over: object = {}): StatusUpdate => ({
  id: String(n),
  incidentId: 'i',
  number: n,
  publishedAt: new Date(at),
  authorLabel: 'x',
  engagementIds: [],
  notDelivered: [],
  ...FIELDS,
  usersImpacted: 'some',
  ...over,
});

test('history diffs each update against the one before', () => {
  const [first, second] = withDiffs([update(1, '2026-01-01T10:00:00Z'), update(2, '2026-01-01T11:00:00Z', { currentStatus: 'contained' })]);
  assert.equal(first!.changes.length, 6);
  assert.deepEqual(second!.changes, [{ field: 'currentStatus', before: 'c', after: 'contained' }]);
});

test('the draft appends the timeline since the last update, or says nothing changed', () => {
  const last = update(1, '2026-01-01T10:00:00Z');
  const base = { riskLabel: 'High', riskScore: 12, usersImpacted: 'many' as const, status: 'investigating', last };
  const quiet = draftStatusUpdate({
    ...base,
    timeline: [{ id: 'e', at: new Date('2026-01-01T10:30:00Z'), kind: 'update_due', summary: 'due', actorLabel: 'secdesk' }],
  });
  assert.equal(quiet.currentStatus, 'No change since 2026-01-01 10:00 UTC. c');
  assert.equal(quiet.usersImpacted, 'many');
  const busy = draftStatusUpdate({
    ...base,
    timeline: [{ id: 'e', at: new Date('2026-01-01T10:30:00Z'), kind: 'note', summary: 'IP blocked', actorLabel: 'x' }],
  });
  assert.equal(busy.noChangeSince, null);
  assert.equal(busy.timelineOfEvents, 'a\n2026-01-01 10:30 UTC IP blocked');
});
