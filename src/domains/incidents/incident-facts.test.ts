import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX } from './risk-matrix.ts';
import { blankPlanFacts, checkTransition, factChanges, mergeFacts, riskChange, storedFacts } from './incident-facts.ts';

test('a facts change is checked and merged; unknown names and wrong types are refused', () => {
  const merged = mergeFacts(blankPlanFacts(), { dataBreach: true, usersImpacted: 'all' });
  assert.equal(merged.dataBreach, true);
  assert.equal(merged.usersImpacted, 'all');
  assert.throws(() => mergeFacts(blankPlanFacts(), { dataBreach: 'yes' } as never), /yes or no/);
  assert.throws(() => mergeFacts(blankPlanFacts(), { usersImpacted: 'most' } as never), /users impacted is one of none, some, many, all/);
  assert.throws(() => mergeFacts(blankPlanFacts(), { breach: true } as never), /unknown fact 'breach'/);
});

test('a stored facts column missing a fact reads it as not established', () => {
  assert.deepEqual(storedFacts({ dataBreach: true, bogus: 1 }), { ...blankPlanFacts(), dataBreach: true });
  assert.deepEqual(storedFacts(null), blankPlanFacts());
});

test('changes read as before → after', () => {
  const after = { ...blankPlanFacts(), rceExploited: true, usersImpacted: 'some' as const };
  assert.deepEqual(factChanges(blankPlanFacts(), after), ['RCE with evidence of exploitation: no → yes', 'users impacted: none → some']);
  assert.equal(riskChange({ impact: 2, likelihood: 2 }, { impact: 2, likelihood: 2 }, DEFAULT_RISK_MATRIX), null);
  assert.match(riskChange({ impact: 2, likelihood: 2 }, { impact: 5, likelihood: 4 }, DEFAULT_RISK_MATRIX)!, /^risk: Low \(4, .*\) → Critical \(20, /);
});

test('the lifecycle moves forward only, skipping allowed', () => {
  checkTransition('declared', 'mitigated');
  assert.throws(() => checkTransition('resolved', 'investigating'), /moves forward only/);
  assert.throws(() => checkTransition('closed', 'closed'), /moves forward only/);
});
