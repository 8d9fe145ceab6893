import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX, scoreRisk, type RiskMatrix } from './risk-matrix.ts';

test('the default 5×5 matrix bands scores into levels', () => {
  const cases: [number, number, string, boolean][] = [
    [1, 1, 'low', false],
    [2, 2, 'low', false],
    [1, 5, 'medium', false],
    [3, 3, 'medium', false],
    [2, 5, 'high', true],
    [4, 3, 'high', true],
    [4, 4, 'high', true],
    [3, 5, 'high', true],
    [5, 4, 'critical', true],
    [5, 5, 'critical', true],
  ];
  for (const [impact, likelihood, level, comms] of cases) {
    const risk = scoreRisk(impact, likelihood, DEFAULT_RISK_MATRIX);
    assert.equal(risk.score, impact * likelihood);
    assert.equal(risk.level, level, `${impact}×${likelihood}`);
    assert.equal(risk.commsPlanApplies, comms, `${impact}×${likelihood}`);
  }
});

test('out-of-range values are refused', () => {
  assert.throws(() => scoreRisk(0, 3, DEFAULT_RISK_MATRIX), /impact/);
  assert.throws(() => scoreRisk(3, 6, DEFAULT_RISK_MATRIX), /likelihood/);
  assert.throws(() => scoreRisk(2.5, 3, DEFAULT_RISK_MATRIX), /impact/);
});

test('another matrix can be supplied', () => {
  const threeByThree: RiskMatrix = {
    impactLabels: ['Low', 'Medium', 'High'],
    likelihoodLabels: ['Low', 'Medium', 'High'],
    levels: [
      { level: 'low', label: 'Low', minScore: 1, commsPlan: false },
      { level: 'high', label: 'High', minScore: 6, commsPlan: true },
    ],
  };
  assert.equal(scoreRisk(3, 2, threeByThree).level, 'high');
  assert.equal(scoreRisk(2, 2, threeByThree).level, 'low');
  assert.throws(() => scoreRisk(4, 1, threeByThree));
});
