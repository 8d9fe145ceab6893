import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietCloseDecision } from './quiet-close.ts';

const solvedAt = new Date('2026-11-20T10:00:00Z');
const week = 7 * 86_400_000;
const later = (ms: number) => new Date(solvedAt.getTime() + ms);

test('a ticket solved and quiet for the whole period closes', () => {
  assert.deepEqual(quietCloseDecision({ status: 'solved', statusChangedAt: solvedAt }, solvedAt, later(week), week), { action: 'close' });
});

test('a job that runs early waits for the end of the period', () => {
  assert.deepEqual(quietCloseDecision({ status: 'solved', statusChangedAt: solvedAt }, solvedAt, later(week - 1), week), {
    action: 'wait',
    until: later(week),
  });
});

test('a reopened, re-solved or vanished ticket is left alone', () => {
  assert.equal(quietCloseDecision({ status: 'open', statusChangedAt: later(1000) }, solvedAt, later(week), week).action, 'skip');
  assert.equal(quietCloseDecision({ status: 'closed', statusChangedAt: later(1000) }, solvedAt, later(week), week).action, 'skip');
  assert.equal(quietCloseDecision({ status: 'solved', statusChangedAt: later(5000) }, solvedAt, later(2 * week), week).action, 'skip', 'a newer job owns it');
  assert.equal(quietCloseDecision(null, solvedAt, later(week), week).action, 'skip');
});
