import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar } from '../calendar/calendar.ts';
import { alertStillDue, alertTimes, firstHandlingDue, resumeSla, slaRunning, slaStatus, type SlaFacts } from './sla.ts';

const calendar = createCalendar();
const HOUR = 3_600_000;
// New York is UTC-5 in late November 2026; Thursday 26 November is Thanksgiving.
const ny = (local: string) => new Date(`${local}-05:00`);

const running = (due: Date, extra: Partial<SlaFacts> = {}): SlaFacts => ({
  status: 'open',
  slaDueAt: due,
  firstHandledAt: null,
  slaPausedSince: null,
  ...extra,
});

test('the clock states: running, at risk within the lead, breached at due, paused, handled, none', () => {
  const now = ny('2026-11-23T10:00:00');
  const lead = 2 * HOUR;
  assert.equal(slaStatus(running(ny('2026-11-23T15:00:00')), now, calendar, lead).state, 'running');
  assert.equal(slaStatus(running(ny('2026-11-23T12:00:00')), now, calendar, lead).state, 'at_risk', 'exactly the lead away');
  assert.equal(slaStatus(running(ny('2026-11-23T10:00:01')), now, calendar, lead).state, 'at_risk');
  assert.equal(slaStatus(running(now), now, calendar, lead).state, 'breached', 'due now is breached');
  const paused = slaStatus(running(ny('2026-11-24T10:00:00'), { status: 'pending', slaPausedSince: ny('2026-11-23T12:00:00') }), now, calendar, lead);
  assert.deepEqual([paused.state, paused.businessMsLeft], ['paused', 22 * HOUR]);
  assert.equal(slaStatus(running(now, { firstHandledAt: now }), now, calendar, lead).state, 'handled');
  assert.equal(slaStatus(running(now, { status: 'solved' }), now, calendar, lead).state, 'none');
  assert.equal(slaStatus({ ...running(now), slaDueAt: null }, now, calendar, lead).state, 'none');
});

test('time left is business time: a weekend does not count', () => {
  const friday = ny('2026-11-20T16:00:00');
  const monday = ny('2026-11-23T10:00:00');
  assert.equal(slaStatus(running(monday), friday, calendar, HOUR).businessMsLeft, 18 * HOUR);
  assert.equal(slaStatus(running(friday), monday, calendar, HOUR).businessMsLeft, -18 * HOUR, 'breached by the business time since');
});

test('the first-handling target is one business day: Wednesday before Thanksgiving is due Friday', () => {
  assert.equal(firstHandlingDue(calendar, ny('2026-11-23T10:00:00')).toISOString(), ny('2026-11-24T10:00:00').toISOString());
  assert.equal(firstHandlingDue(calendar, ny('2026-11-25T15:00:00')).toISOString(), ny('2026-11-27T15:00:00').toISOString());
  assert.equal(firstHandlingDue(calendar, ny('2026-11-28T09:00:00')).toISOString(), ny('2026-12-01T00:00:00').toISOString(), 'Saturday mail: end of Monday');
});

test('leaving pending recomputes the due time from every pause, over the holiday', () => {
  const received = ny('2026-11-23T10:00:00'); // due Tuesday 10:00 without pauses
  const first = resumeSla(calendar, { createdAt: received, slaPauses: [], slaPausedSince: ny('2026-11-23T12:00:00') }, ny('2026-11-25T12:00:00'));
  // 22 h were left when it paused; from Wednesday noon that is Wednesday's 12 h, then Thanksgiving, then Friday 10:00.
  assert.equal(first.dueAt.toISOString(), ny('2026-11-27T10:00:00').toISOString());
  assert.equal(first.pauses.length, 1);
  const second = resumeSla(calendar, { createdAt: received, slaPauses: first.pauses, slaPausedSince: ny('2026-11-27T08:00:00') }, ny('2026-11-27T09:00:00'));
  assert.equal(second.dueAt.toISOString(), ny('2026-11-27T11:00:00').toISOString(), 'a second pause adds its hour');
  assert.throws(() => resumeSla(calendar, { createdAt: received, slaPauses: [], slaPausedSince: null }, received));
});

test('a pause that starts after the due time does not move it', () => {
  const received = ny('2026-11-23T10:00:00');
  const late = resumeSla(calendar, { createdAt: received, slaPauses: [], slaPausedSince: ny('2026-11-24T11:00:00') }, ny('2026-11-25T11:00:00'));
  assert.equal(late.dueAt.toISOString(), ny('2026-11-24T10:00:00').toISOString());
});

test('alerts: a warning at due minus the lead (or now), a breach alert at due; no warning once past due', () => {
  const now = ny('2026-11-23T10:00:00');
  assert.deepEqual(
    alertTimes(ny('2026-11-23T15:00:00'), 2 * HOUR, now).map((a) => [a.kind, a.at.toISOString()]),
    [
      ['warning', ny('2026-11-23T13:00:00').toISOString()],
      ['breach', ny('2026-11-23T15:00:00').toISOString()],
    ],
  );
  assert.deepEqual(
    alertTimes(ny('2026-11-23T11:00:00'), 2 * HOUR, now).map((a) => a.at.toISOString()),
    [now.toISOString(), ny('2026-11-23T11:00:00').toISOString()],
  );
  assert.deepEqual(
    alertTimes(ny('2026-11-23T09:00:00'), 2 * HOUR, now).map((a) => a.kind),
    ['breach'],
  );
});

test('an alert counts only while the clock runs towards the same due time', () => {
  const due = ny('2026-11-23T15:00:00');
  assert.equal(alertStillDue(running(due), due), true);
  assert.equal(alertStillDue(running(due), new Date(due.getTime() + 1)), false, 'the due time moved');
  assert.equal(alertStillDue(running(due, { firstHandledAt: due }), due), false, 'handled');
  assert.equal(alertStillDue(running(due, { slaPausedSince: due }), due), false, 'paused');
  assert.equal(alertStillDue(running(due, { status: 'solved' }), due), false);
  assert.equal(alertStillDue(null, due), false);
  assert.equal(slaRunning(running(due, { status: 'pending' })), true, 'pending without a pause still runs');
});

test('paused business time explains itself: on a Saturday it resumes Monday, with the time zone', () => {
  const saturday = ny('2026-11-28T11:00:00');
  const sla = slaStatus(running(ny('2026-12-01T00:00:00')), saturday, calendar, HOUR);
  assert.equal(sla.state, 'running');
  assert.equal(sla.timeZone, 'America/New_York');
  assert.deepEqual(sla.pause, {
    reason: 'weekend',
    holiday: null,
    resumesAt: ny('2026-11-30T00:00:00'),
    explanation: 'paused for the weekend — resumes Monday 30 November 00:00 America/New_York',
  });
  assert.equal(slaStatus(running(ny('2026-11-24T10:00:00')), ny('2026-11-23T10:00:00'), calendar, HOUR).pause, null, 'a Monday counts');
});

test('paused business time explains itself: on Thanksgiving (a US holiday) it resumes Friday', () => {
  const thanksgiving = ny('2026-11-26T15:30:00');
  const sla = slaStatus(running(ny('2026-11-27T15:00:00')), thanksgiving, calendar, HOUR);
  assert.deepEqual(sla.pause, {
    reason: 'holiday',
    holiday: 'Thanksgiving Day',
    resumesAt: ny('2026-11-27T00:00:00'),
    explanation: 'paused for Thanksgiving Day — resumes Friday 27 November 00:00 America/New_York',
  });
  // Independence Day 2026 falls on a Saturday; the Friday before is observed, so nothing counts until Monday.
  const observed = slaStatus(running(ny('2026-07-07T00:00:00')), new Date('2026-07-03T12:00:00-04:00'), calendar, HOUR).pause;
  assert.equal(observed?.reason, 'holiday');
  assert.equal(observed?.resumesAt?.toISOString(), new Date('2026-07-06T00:00:00-04:00').toISOString());
});

test('paused business time explains itself: a closure day, pending on the requester, and nothing once handled', () => {
  const closed = createCalendar({ ...calendar.settings, closures: ['2026-11-24'] });
  assert.equal(
    slaStatus(running(ny('2026-11-25T10:00:00')), ny('2026-11-24T09:00:00'), closed, HOUR).pause?.explanation,
    'paused for a closure day of the team calendar — resumes Wednesday 25 November 00:00 America/New_York',
  );
  const pending = slaStatus(
    running(ny('2026-11-24T10:00:00'), { status: 'pending', slaPausedSince: ny('2026-11-23T12:00:00') }),
    ny('2026-11-28T10:00:00'),
    calendar,
    HOUR,
  ).pause;
  assert.deepEqual([pending?.reason, pending?.resumesAt], ['pending', null], 'pending wins over the weekend: it resumes only when the ticket leaves pending');
  assert.equal(
    slaStatus(running(ny('2026-11-24T10:00:00'), { firstHandledAt: ny('2026-11-23T10:00:00') }), ny('2026-11-28T10:00:00'), calendar, HOUR).pause,
    null,
  );
});
