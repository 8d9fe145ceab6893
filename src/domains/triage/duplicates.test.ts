import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareReports, DUPLICATE_THRESHOLD, inverseFrequencies } from './duplicates.ts';
import { evaluateDuplicates, formatDuplicateEvaluation, parseDuplicatePairs } from './duplicate-eval.ts';

const xss = {
  subject: 'Stored XSS in project comments',
  body: 'A comment with an onerror payload on https://app.example.com/projects/12/comments runs for every member who opens the project.',
};
const sameXss = {
  subject: 'XSS via comment field',
  body: 'Comments are not escaped: my onerror image at https://app.example.com/projects/88/comments?draft=1 executed for my second account.',
};
const other = { subject: 'Open redirect after sign-in', body: 'https://auth.example.com/login?next=https://evil.example sends the user anywhere.' };
const idf = inverseFrequencies([xss, sameXss, other]);

test('the same finding reported twice: same target (ids in the path ignored), similar words, and the passages that match', () => {
  const e = compareReports(xss, sameXss, idf);
  assert.deepEqual(e.targets, ['app.example.com/projects/{id}/comments']);
  assert.ok(e.similarity > 0.2 && e.score >= DUPLICATE_THRESHOLD, JSON.stringify(e));
  assert.match(e.passages!.other, /onerror/);
  assert.match(e.passages!.report, /onerror/);
});

test('a shared CVE id and parameter weigh in; different findings stay below the threshold', () => {
  const a = { subject: 'Log4Shell', body: 'search.example.com is vulnerable to CVE-2021-44228.' };
  const b = { subject: 'RCE via Log4j', body: 'A JNDI lookup string triggers a callback (cve-2021-44228).' };
  assert.deepEqual(compareReports(a, b, idf).cves, ['CVE-2021-44228']);
  const redirect = compareReports(other, { subject: 'Redirect', body: 'https://auth.example.com/login?next=//attacker.example' }, idf);
  assert.deepEqual([redirect.targets, redirect.parameters], [['auth.example.com/login'], ['next']]);
  assert.ok(compareReports(xss, other, idf).score < DUPLICATE_THRESHOLD);
  assert.deepEqual(compareReports({ subject: '', body: '' }, other, idf), { score: 0, similarity: 0, cves: [], targets: [], parameters: [], passages: null });
});

test('labelled pairs: bad lines by number, precision, recall and the mistakes with their evidence', () => {
  const text = [
    JSON.stringify({ a: xss, b: sameXss, duplicate: true }),
    '{"a": 1}',
    JSON.stringify({ a: xss, b: other, duplicate: false }),
    JSON.stringify({ a: other, b: { subject: 'Thanks', body: 'Nice product.' }, duplicate: true }),
  ].join('\n');
  const { pairs, problems } = parseDuplicatePairs(text);
  assert.deepEqual(
    problems.map((p) => p.line),
    [2],
  );
  const e = evaluateDuplicates(pairs);
  assert.deepEqual([e.truePositives, e.falsePositives, e.falseNegatives], [1, 0, 1]);
  assert.deepEqual(
    e.mistakes.map((m) => m.line),
    [4],
  );
  assert.match(formatDuplicateEvaluation(e, 'test'), /precision: 1\.000\nrecall: 0\.500$/);
});
