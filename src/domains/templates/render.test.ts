import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, render, scan } from './render.ts';
import { DEFAULT_TEMPLATES, definitionOf } from './catalogue.ts';

const KNOWN = ['requester.name', 'ticket.number', 'requester.organisation'];

test('renders known placeholders, with or without spaces inside the braces', () => {
  const out = render('Hello {{requester.name}},\nticket #{{ ticket.number }}.', KNOWN, { 'requester.name': 'Ada', 'ticket.number': '7' });
  assert.deepEqual(out, { text: 'Hello Ada,\nticket #7.', problems: [] });
});

test('an unknown placeholder is refused with its name, line and column', () => {
  const problems = check('Hello,\n  see {{ticket.nmber}} and {{requester.name}}', KNOWN);
  assert.equal(problems.length, 1);
  assert.deepEqual({ ...problems[0], message: undefined }, { placeholder: '{{ticket.nmber}}', line: 2, column: 7, problem: 'unknown', message: undefined });
  assert.match(problems[0]!.message, /known: requester\.name/);
});

test('a known placeholder without a value is missing, never an empty gap', () => {
  const out = render('Org: {{requester.organisation}}', KNOWN, { 'requester.organisation': null });
  assert.equal(out.problems[0]?.problem, 'missing');
  assert.equal(out.problems[0]?.placeholder, '{{requester.organisation}}');
  assert.equal(out.problems[0]?.column, 6);
});

test('broken braces and expressions are syntax problems, not code', () => {
  assert.equal(check('a {{7*7}} b', KNOWN)[0]?.problem, 'syntax');
  assert.equal(check('a {{#each x}}', KNOWN)[0]?.problem, 'syntax');
  assert.equal(check('a {{constructor.prototype}}', KNOWN)[0]?.problem, 'unknown');
  assert.match(check('unclosed {{requester.name', KNOWN)[0]!.message, /not closed/);
  assert.match(check('stray }} here', KNOWN)[0]!.message, /without an opening/);
});

test('values are inserted once: a value that looks like a placeholder stays text', () => {
  const out = render('{{requester.name}}', KNOWN, { 'requester.name': '{{ticket.number}}' });
  assert.equal(out.text, '{{ticket.number}}');
  assert.equal(scan('x').placeholders.length, 0);
});

test('every default template uses only its own placeholders', () => {
  for (const t of DEFAULT_TEMPLATES) {
    assert.deepEqual(check(t.subject, t.variables), [], `${t.key} subject`);
    assert.deepEqual(check(t.body, t.variables), [], `${t.key} body`);
  }
  assert.ok(definitionOf('reply.password-policy'));
  assert.equal(definitionOf('redirect.other'), null);
  assert.equal(definitionOf('reply.Bad Key'), null);
});
