import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, formatEvaluation } from './metrics.ts';
import type { TriageLabel } from './labels.ts';

// A hand-made table: 4 vulnerability reports (3 found, 1 called spam), 2 spam (1 called a
// vulnerability report), 2 DMCA notices (both found).
const table: [TriageLabel, TriageLabel][] = [
  ['vulnerability_report', 'vulnerability_report'],
  ['vulnerability_report', 'vulnerability_report'],
  ['vulnerability_report', 'vulnerability_report'],
  ['vulnerability_report', 'spam_or_other'],
  ['spam_or_other', 'spam_or_other'],
  ['spam_or_other', 'vulnerability_report'],
  ['copyright_dmca', 'copyright_dmca'],
  ['copyright_dmca', 'copyright_dmca'],
];

test('precision, recall, F1, support and the confusion matrix on a hand-made table', () => {
  const e = evaluate(table.map(([truth, predicted]) => ({ truth, predicted })));
  const by = Object.fromEntries(e.classes.map((c) => [c.label, c]));
  assert.deepEqual(
    e.classes.map((c) => c.label),
    ['vulnerability_report', 'copyright_dmca', 'spam_or_other'],
    'only classes present or predicted',
  );
  assert.equal(by.vulnerability_report!.precision, 3 / 4);
  assert.equal(by.vulnerability_report!.recall, 3 / 4);
  assert.equal(by.vulnerability_report!.f1, 3 / 4);
  assert.equal(by.vulnerability_report!.support, 4);
  assert.equal(by.spam_or_other!.precision, 1 / 2);
  assert.equal(by.spam_or_other!.recall, 1 / 2);
  assert.equal(by.copyright_dmca!.f1, 1);
  assert.equal(e.macroF1, (0.75 + 1 + 0.5) / 3);
  assert.equal(e.accuracy, 6 / 8);
  assert.equal(e.confusion.vulnerability_report.spam_or_other, 1);
  assert.equal(e.confusion.spam_or_other.vulnerability_report, 1);
  assert.equal(e.confusion.account_support.account_support, 0);
});

test('a class that is predicted but absent counts with F1 0 (as scikit-learn does)', () => {
  const e = evaluate([
    { truth: 'copyright_dmca', predicted: 'copyright_dmca' },
    { truth: 'copyright_dmca', predicted: 'account_support' },
  ]);
  const acct = e.classes.find((c) => c.label === 'account_support')!;
  assert.deepEqual([acct.precision, acct.recall, acct.f1, acct.support], [0, 0, 0, 0]);
  assert.equal(e.macroF1, (2 / 3 + 0) / 2);
});

test('mean confidence when right and when wrong', () => {
  const e = evaluate([
    { truth: 'copyright_dmca', predicted: 'copyright_dmca', confidence: 0.9 },
    { truth: 'copyright_dmca', predicted: 'copyright_dmca', confidence: 0.7 },
    { truth: 'spam_or_other', predicted: 'copyright_dmca', confidence: 0.4 },
  ]);
  assert.ok(Math.abs(e.meanConfidence.right! - 0.8) < 1e-9);
  assert.equal(e.meanConfidence.wrong, 0.4);
});

test('the report ends with the macro-F1 line and shows the matrix', () => {
  const text = formatEvaluation(evaluate(table.map(([truth, predicted]) => ({ truth, predicted }))), 'heading');
  assert.match(text, /\nmacro-F1: 0\.750$/);
  assert.match(text, /^vulnerability_report\s+0\.750\s+0\.750\s+0\.750\s+4$/m);
  assert.match(text, /^spam_or_other\s+1\s+0\s+0\s+0\s+0\s+1$/m);
});
