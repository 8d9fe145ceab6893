import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRiskMatrix, parseRiskMatrix, RiskMatrixError } from './risk-matrix-config.ts';
import { DEFAULT_RISK_MATRIX, scoreRisk } from './risk-matrix.ts';

const levels = DEFAULT_RISK_MATRIX.levels.map((l) => ({ ...l }));
const valid = { impactLabels: ['I1', 'I2', 'I3', 'I4', 'I5'], likelihoodLabels: ['L1', 'L2', 'L3', 'L4', 'L5'], levels };
const refused = (value: unknown, message: RegExp) =>
  assert.throws(
    () => checkRiskMatrix(value),
    (err: Error) => err instanceof RiskMatrixError && message.test(err.message),
  );

test('the shipped matrix and a relabelled one with another high threshold pass', () => {
  assert.deepEqual(checkRiskMatrix(JSON.parse(JSON.stringify(DEFAULT_RISK_MATRIX))), DEFAULT_RISK_MATRIX);
  const own = checkRiskMatrix({
    ...valid,
    levels: [
      { level: 'low', label: 'Green', minScore: 1, commsPlan: false },
      { level: 'high', label: 'Red', minScore: 6, commsPlan: true },
    ],
  });
  assert.equal(scoreRisk(2, 3, own).label, 'Red');
  assert.equal(scoreRisk(1, 5, own).commsPlanApplies, false);
});

test('the grid is 5×5: exactly five labels on each axis', () => {
  refused({ ...valid, impactLabels: ['a', 'b', 'c'] }, /impactLabels must list exactly 5 labels/);
  refused({ ...valid, likelihoodLabels: [...valid.likelihoodLabels, 'L6'] }, /likelihoodLabels must list exactly 5/);
  refused({ ...valid, impactLabels: ['a', 'b', '', 'd', 'e'] }, /impactLabels must be labels/);
});

test('bands start at 1, rise strictly and have unique ids', () => {
  refused({ ...valid, levels: [{ ...levels[0], minScore: 2 }, ...levels.slice(1)] }, /levels\[0\]\.minScore must be 1/);
  refused({ ...valid, levels: [levels[0], { ...levels[1], minScore: 10 }, ...levels.slice(2)] }, /levels\[2\]\.minScore must be above levels\[1\]/);
  refused({ ...valid, levels: [levels[0], { ...levels[1], level: 'low' }, ...levels.slice(2)] }, /'low' is used twice/);
  refused({ ...valid, levels: [levels[0], { ...levels[1], minScore: 26 }] }, /minScore must be a whole number from 1 to 25/);
  refused({ ...valid, levels: [levels[0], { ...levels[1], level: 'High!' }] }, /levels\[1\]\.level must be an id/);
});

test('the communications plan applies from one level upward', () => {
  refused({ ...valid, levels: levels.map((l) => ({ ...l, commsPlan: false })) }, /at least one level must have commsPlan: true/);
  refused(
    { ...valid, levels: levels.map((l) => ({ ...l, commsPlan: l.level === 'high' })) },
    /levels\[3\] must have commsPlan: true: the communications plan applies from 'high' upward/,
  );
});

test('the level the shipped stakeholder rules use (high) must exist', () => {
  const renamed = levels.map((l) => (l.level === 'high' ? { ...l, level: 'severe' } : l));
  refused({ ...valid, levels: renamed }, /shipped stakeholder rule 'sr-director-of-security'.*high/);
});

test('unknown fields and non-JSON are refused', () => {
  refused({ ...valid, colours: [] }, /unknown field 'colours'/);
  refused({ ...valid, levels: [{ ...levels[0], colour: 'red' }, ...levels.slice(1)] }, /levels\[0\] has an unknown field 'colour'/);
  refused([], /must be a JSON object/);
  assert.throws(() => parseRiskMatrix('{nope'), /is not JSON/);
});
