import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateLowValue, formatLowValueEvaluation, parseLowValueRows } from './low-value-eval.ts';

test('labelled rows: bad lines are reported by number; precision, recall and mistakes are counted', () => {
  const text = [
    JSON.stringify({ subject: 'Missing DMARC', body: 'No DMARC record on your domain.', lowValue: true, family: 'email-auth' }),
    'not json',
    JSON.stringify({ subject: 'Stored XSS', body: 'A stored XSS in comments runs for other users.', lowValue: false, family: 'self-xss' }),
    JSON.stringify({ subject: 'Hello', body: 'Something is wrong with your site.', lowValue: true, family: 'bounty-no-finding' }),
    JSON.stringify({ subject: 'x', body: 'y', lowValue: true, family: 'made-up' }),
  ].join('\n');
  const { rows, problems } = parseLowValueRows(text);
  assert.deepEqual(
    problems.map((p) => p.line),
    [2, 5],
  );
  const e = evaluateLowValue(rows);
  assert.deepEqual([e.truePositives, e.falsePositives, e.falseNegatives], [1, 0, 1]);
  assert.equal(e.precision, 1);
  assert.equal(e.recall, 0.5);
  assert.deepEqual(
    e.mistakes.map((m) => [m.line, m.why]),
    [[4, 'no family fired']],
  );
  const report = formatLowValueEvaluation(e, 'test');
  assert.match(report, /precision: 1\.000\nrecall: 0\.500$/);
  assert.match(report, /email-auth \| 1 \| 1/);
});
