import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelledRows } from './labelled-rows.ts';

test('good rows are kept (from is optional); bad lines are reported by number', () => {
  const text = [
    JSON.stringify({ subject: 'a', body: 'b', from: 'x@example.com', label: 'spam_or_other', extra: 1 }),
    '',
    '{"subject": ',
    '[1, 2]',
    JSON.stringify({ subject: 'a', label: 'spam_or_other' }),
    JSON.stringify({ subject: 'a', body: 'b', label: 'phishing' }),
    JSON.stringify({ subject: 'a', body: 'b', from: 7, label: 'spam_or_other' }),
    JSON.stringify({ subject: 's', body: 'b', label: 'copyright_dmca' }),
  ].join('\n');
  const { rows, problems } = parseLabelledRows(text);
  assert.deepEqual(
    rows.map((r) => [r.line, r.label, r.from]),
    [
      [1, 'spam_or_other', 'x@example.com'],
      [8, 'copyright_dmca', ''],
    ],
  );
  assert.deepEqual(
    problems.map((p) => p.line),
    [3, 4, 5, 6, 7],
  );
  assert.match(problems[0]!.problem, /not valid JSON/);
  assert.match(problems[2]!.problem, /missing or not text: body/);
  assert.match(problems[3]!.problem, /unknown label "phishing"/);
});
