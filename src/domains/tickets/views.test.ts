import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../calendar/calendar.ts';
import { inWindow, slaRunning, slaStatus } from './sla.ts';
import { criteriaFor, viewCriteria } from './views.ts';
import { normaliseTags } from './tags.ts';

const now = new Date('2026-11-23T15:00:00Z');
const ctx = { userId: 'u-1', now, warnLeadMs: 7_200_000 };

test('views: unassigned and mine are open work; a view wins over a filter', () => {
  assert.deepEqual(viewCriteria('all', ctx), {});
  assert.deepEqual(viewCriteria('unassigned', ctx), { assigneeId: null, active: true });
  assert.deepEqual(viewCriteria('mine', ctx), { assigneeId: 'u-1', active: true });
  assert.throws(() => viewCriteria('mine', { ...ctx, userId: null }), /signed-in/);
  assert.deepEqual(criteriaFor({ view: 'mine', assignee: 'none', status: 'open', tag: 'x' }, ctx), {
    status: 'open',
    tag: 'x',
    assigneeId: 'u-1',
    active: true,
  });
  assert.deepEqual(criteriaFor({ assignee: 'me', disposition: 'none' }, ctx), { disposition: 'none', assigneeId: 'u-1' });
  assert.deepEqual(criteriaFor({ assignee: 'none' }, ctx), { assigneeId: null });
});

test('the SLA views select exactly the tickets whose clock says at risk or breached', () => {
  const calendar = createCalendar();
  const atRisk = viewCriteria('sla_at_risk', ctx).slaDue!;
  const breached = viewCriteria('breached', ctx).slaDue!;
  for (let minutes = -300; minutes <= 300; minutes += 15) {
    const facts = { status: 'open' as const, slaDueAt: new Date(now.getTime() + minutes * 60_000), firstHandledAt: null, slaPausedSince: null };
    const state = slaStatus(facts, now, calendar, ctx.warnLeadMs).state;
    assert.equal(slaRunning(facts) && inWindow(facts.slaDueAt, atRisk), state === 'at_risk', `${minutes} min`);
    assert.equal(slaRunning(facts) && inWindow(facts.slaDueAt, breached), state === 'breached', `${minutes} min`);
  }
});

test('tags are normalised, deduplicated and capped', () => {
  assert.deepEqual(normaliseTags([' Bug Bounty ', 'bug-bounty', 'PII', '', 'cve:2026-1234']), ['bug-bounty', 'pii', 'cve:2026-1234']);
  assert.throws(() => normaliseTags(['<script>']), /letters, digits/);
  assert.throws(() => normaliseTags(['x'.repeat(41)]), /40 characters/);
  assert.throws(() => normaliseTags(Array.from({ length: 21 }, (_, i) => `t${i}`)), /at most 20/);
});
