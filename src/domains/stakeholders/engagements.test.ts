import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import { blankFacts } from '../incidents/fact-catalogue.ts';
import { DEFAULT_STAKEHOLDER_RULES } from './default-rules.ts';
import { backupDri, newlyEngaged, reminderCheck } from './engagements.ts';
import type { EngagementRecord } from './stakeholders.types.ts';

const T0 = new Date('2026-03-02T09:00:00Z');
const min = (m: number) => new Date(T0.getTime() + m * 60_000);

test('only rules that newly hold engage a group', () => {
  const facts = { ...blankFacts(4, 4, 'data_breach'), dataBreach: true };
  const all = newlyEngaged(DEFAULT_STAKEHOLDER_RULES, facts, new Set(), T0, DEFAULT_RISK_MATRIX);
  assert.deepEqual(
    all.map((e) => e.ruleId),
    ['sr-director-of-security', 'e-group', 'legal'],
  );
  assert.deepEqual(
    newlyEngaged(DEFAULT_STAKEHOLDER_RULES, facts, new Set(['sr-director-of-security', 'e-group']), T0, DEFAULT_RISK_MATRIX).map((e) => e.ruleId),
    ['legal'],
  );
  assert.deepEqual(newlyEngaged(DEFAULT_STAKEHOLDER_RULES, blankFacts(2, 2), new Set(), T0, DEFAULT_RISK_MATRIX), [], 'below High nobody');
});

test("the backup DRI: the rule's own, else the incident manager, else the engineer", () => {
  assert.deepEqual(backupDri(DEFAULT_STAKEHOLDER_RULES[0]!), { kind: 'on_call_role', role: 'security_engineer' });
  assert.deepEqual(backupDri(DEFAULT_STAKEHOLDER_RULES[1]!), { kind: 'on_call_role', role: 'incident_manager' });
  assert.deepEqual(backupDri({ ...DEFAULT_STAKEHOLDER_RULES[1]!, backup: { kind: 'stakeholder_group', group: 'Legal' } }), {
    kind: 'stakeholder_group',
    group: 'Legal',
  });
});

test('a reminder check owes due, missed and escalated entries once each, and names the next check', () => {
  const rule = DEFAULT_STAKEHOLDER_RULES[0]!;
  const record: EngagementRecord = {
    id: 'e1',
    incidentId: 'i',
    ruleId: rule.id,
    group: rule.group,
    rule,
    driLabel: 'SIMOC',
    backupLabel: 'SEOC',
    through: 'dm',
    because: [],
    engagedAt: T0,
    endedAt: null,
  };
  const none = { updates: [], snoozes: [] };
  assert.deepEqual(reminderCheck(record, none, 15, min(30)), { events: [], nextCheckAt: min(60) });
  const due = reminderCheck(record, none, 15, min(60));
  assert.deepEqual(
    due.events.map((e) => e.kind),
    ['update_due'],
  );
  assert.deepEqual(due.nextCheckAt, min(75));
  const missed = reminderCheck(record, none, 15, min(75));
  assert.deepEqual(
    missed.events.map((e) => e.dedupeKey),
    ['engagement:e1:missed:1', `engagement:e1:escalated:${min(75).toISOString()}`],
  );
  assert.deepEqual(missed.nextCheckAt, min(120));
  assert.deepEqual(reminderCheck(record, { updates: [{ at: min(70), delivered: true }], snoozes: [] }, 15, min(75)), { events: [], nextCheckAt: min(130) });
  // An update that reached nobody leaves the miss and the escalation standing.
  assert.deepEqual(
    reminderCheck(record, { updates: [{ at: min(70), delivered: false }], snoozes: [] }, 15, min(75)).events.map((e) => e.kind),
    ['update_missed', 'escalated'],
  );
  assert.deepEqual(reminderCheck({ ...record, endedAt: min(10) }, none, 15, min(75)), { events: [], nextCheckAt: null });
});
