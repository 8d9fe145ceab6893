import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCalendar, DEFAULT_CALENDAR } from './calendar.ts';
import { deliveryDaysBetween, nextDeliveryDay } from './delivery-days.ts';

const us = createCalendar();

test('Mondays and Thursdays; Thanksgiving moves to Friday', () => {
  assert.deepEqual(deliveryDaysBetween(us, '2026-11-16', '2026-12-06'), ['2026-11-16', '2026-11-19', '2026-11-23', '2026-11-27', '2026-11-30', '2026-12-03']);
});

test('around New Year 2027 (a Friday): Thursday 2026-12-31 is a working delivery day', () => {
  assert.deepEqual(deliveryDaysBetween(us, '2026-12-28', '2027-01-08'), ['2026-12-28', '2026-12-31', '2027-01-04', '2027-01-07']);
});

test('a Monday holiday moves to Tuesday', () => {
  assert.deepEqual(deliveryDaysBetween(us, '2026-09-07', '2026-09-10'), ['2026-09-08', '2026-09-10'], 'Labor Day 2026');
  assert.deepEqual(deliveryDaysBetween(us, '2027-01-18', '2027-01-21'), ['2027-01-19', '2027-01-21'], 'MLK Day 2027');
  assert.deepEqual(deliveryDaysBetween(us, '2027-09-06', '2027-09-09'), ['2027-09-07', '2027-09-09'], 'Labor Day 2027');
});

test('other policies: previous working day, or skip', () => {
  assert.deepEqual(deliveryDaysBetween(us, '2026-11-23', '2026-11-29', { weekdays: [1, 4], shift: 'previous-working-day' }), ['2026-11-23', '2026-11-25']);
  assert.deepEqual(deliveryDaysBetween(us, '2026-11-23', '2026-11-29', { weekdays: [1, 4], shift: 'skip' }), ['2026-11-23']);
});

test('deliveries that collide after shifting become one', () => {
  const closed = createCalendar({ ...DEFAULT_CALENDAR, closures: ['2026-11-30', '2026-12-01', '2026-12-02'] });
  assert.deepEqual(deliveryDaysBetween(closed, '2026-11-30', '2026-12-06'), ['2026-12-03']);
});

test('the next delivery day', () => {
  assert.equal(nextDeliveryDay(us, '2026-11-24'), '2026-11-27');
  assert.equal(nextDeliveryDay(us, '2026-11-27'), '2026-11-27');
  assert.equal(nextDeliveryDay(us, '2026-11-28'), '2026-11-30');
});
