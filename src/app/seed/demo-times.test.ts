// The demo's arrival times keep its story true whenever it is seeded: checked every 97 minutes (so
// every time of day comes round) through two weeks around Thanksgiving and two around Christmas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../../domains/calendar/calendar.ts';
import { businessTimeBetween } from '../../domains/calendar/business-time.ts';
import { nextDeliveryRun } from '../../domains/compliance/delivery-schedule.ts';
import { firstHandlingDue, slaStatus } from '../../domains/tickets/sla.ts';
import { arrivalAtRisk, arrivalBreached, hoursBefore, queuedBeforeNextRun } from './demo-times.ts';

const calendar = createCalendar();
const WARN = 120 * 60_000;
const STEP = 97 * 60_000;
const moments = (from: string, days: number) => Array.from({ length: Math.floor((days * 86_400_000) / STEP) }, (_, i) => new Date(Date.parse(from) + i * STEP));
const all = [...moments('2026-11-20T05:00:00Z', 14), ...moments('2026-12-20T05:00:00Z', 14)];
const running = (due: Date, now: Date) => slaStatus({ status: 'new', slaDueAt: due, firstHandledAt: null, slaPausedSince: null }, now, calendar, WARN);

test('the at-risk ticket is at risk, or running with more than the warning lead left: never "0 min left" outside the view', () => {
  for (const now of all) {
    const sla = running(firstHandlingDue(calendar, arrivalAtRisk(calendar, now, 90, WARN, 21)), now);
    assert.ok(
      sla.state === 'at_risk' || (sla.state === 'running' && sla.businessMsLeft! > WARN),
      `${now.toISOString()}: ${sla.state}, ${sla.businessMsLeft} ms left`,
    );
  }
});

test('the breached ticket is two business hours past due', () => {
  for (const now of all) {
    const due = firstHandlingDue(calendar, arrivalBreached(calendar, now, 120));
    assert.equal(running(due, now).state, 'breached');
    assert.equal(Math.round(businessTimeBetween(calendar, due, now) / 60_000), 120, now.toISOString());
  }
});

test('the compliance request is queued after the last delivery run, so the promised run is ahead', () => {
  for (const now of all) {
    const at = queuedBeforeNextRun(calendar, '10:00', hoursBefore(now, 30), now);
    assert.ok(at <= now && at >= hoursBefore(now, 30));
    assert.ok(nextDeliveryRun(calendar, at, '10:00').at > now, now.toISOString());
  }
});
