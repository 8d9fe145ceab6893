import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_LINT_CONTEXT, lintCommunication, socialLength, type LintContext } from './linter.ts';

const rules = (findings: { rule: string }[]) => findings.map((f) => f.rule);

test('customer email: HTML is flagged with its position', () => {
  const findings = lintCommunication('customer_email', { subject: 'Notice', body: 'Hello,\n\nPlease <b>reset</b> your password.' }, EMPTY_LINT_CONTEXT);
  assert.deepEqual(rules(findings), ['plain-text', 'plain-text']);
  assert.deepEqual({ line: findings[0]!.line, column: findings[0]!.column, text: findings[0]!.text }, { line: 3, column: 8, text: '<b>' });
});

test('tracking parameters and redirectors are flagged in every channel', () => {
  const body =
    'See https://example.com/advisory?utm_source=mail&id=4 and https://bit.ly/abc123 and https://example.com/x?fbclid=1 and tinyurl.com/xyz and https://example.com/clean?id=1';
  const findings = lintCommunication('blog_post', { subject: 'S', body }, EMPTY_LINT_CONTEXT);
  assert.deepEqual(
    findings.map((f) => `${f.rule}:${f.text}`),
    ['tracking-parameter:utm_source', 'tracking-redirector:https://bit.ly/abc123', 'tracking-parameter:fbclid', 'tracking-redirector:tinyurl.com/xyz'],
  );
  assert.deepEqual(
    rules(
      lintCommunication(
        'customer_email',
        { subject: 'S', body: 'https://x.example/?mc_eid=1 https://x.example/?_hsenc=2 https://x.example/?gclid=3' },
        EMPTY_LINT_CONTEXT,
      ),
    ),
    ['tracking-parameter', 'tracking-parameter', 'tracking-parameter'],
  );
  assert.deepEqual(
    lintCommunication('customer_email', { subject: 'S', body: 'Plain: https://about.example.com/security?id=2\nHello {{first_name}}' }, EMPTY_LINT_CONTEXT),
    [],
  );
});

test('social post: lengths per network (X counts a URL as 23) and the blog link once published', () => {
  const url = `https://example.com/${'a'.repeat(100)}`;
  assert.equal(socialLength(`Read ${url}`, 'x'), 5 + 23);
  assert.equal(socialLength(`Read ${url}`, 'linkedin'), 5 + url.length);
  const long = 'x'.repeat(281);
  assert.ok(
    lintCommunication('social_post', { subject: 'S', body: long }, EMPTY_LINT_CONTEXT).some(
      (f) => f.rule === 'social-length' && /x allows 280/.test(f.message),
    ),
  );
  const context: LintContext = { ...EMPTY_LINT_CONTEXT, blogUrl: 'https://example.com/blog/incident' };
  assert.deepEqual(rules(lintCommunication('social_post', { subject: 'S', body: 'We are responding.' }, context)), ['blog-link']);
  assert.deepEqual(lintCommunication('social_post', { subject: 'S', body: 'Details: https://example.com/blog/incident' }, context), []);
});

test('internal-only facts and restricted responders are flagged in public content', () => {
  const context: LintContext = {
    internalFacts: [{ name: 'rce_exploited', sentence: 'an RCE has evidence of exploitation' }],
    restrictedPeople: [{ name: 'Grace Hopper', email: 'grace@corp.example' }],
    blogUrl: null,
    recipientPlaceholders: [],
  };
  const body = 'We found that an RCE has evidence of exploitation.\nContact grace@corp.example or Grace Hopper. {{fact.rce_exploited}} {{incident.title}}';
  const findings = lintCommunication('press_statement', { subject: 'Statement', body }, context);
  assert.deepEqual(
    findings.map((f) => `${f.rule}@${f.line}:${f.column}`),
    ['internal-fact@1:15', 'restricted-responder@2:9', 'restricted-responder@2:31', 'internal-fact@2:45', 'unfilled-placeholder@2:68'],
  );
  assert.deepEqual(lintCommunication('press_statement', { subject: 'S', body: 'Grace Hoppers are fine; graceful too.' }, context), []);
});

test('an email channel accepts the columns of the list it goes to; an unknown placeholder is flagged where it stands', () => {
  const context: LintContext = { ...EMPTY_LINT_CONTEXT, recipientPlaceholders: [...EMPTY_LINT_CONTEXT.recipientPlaceholders, 'region'] };
  assert.deepEqual(lintCommunication('customer_email', { subject: 'For {{region}}', body: 'Hello {{first_name}},\nyour data in {{region}}.' }, context), []);
  const findings = lintCommunication('customer_email', { subject: 'S', body: 'Hello {{first_name}},\nyour data in {{regoin}}.' }, context);
  assert.deepEqual(
    findings.map((f) => [f.rule, f.part, f.line, f.column, f.text]),
    [['unfilled-placeholder', 'body', 2, 14, '{{regoin}}']],
  );
  assert.match(findings[0]!.message, /\{\{region\}\}/);
  // Without the list, its column is unknown; outside the email channels, every placeholder is.
  assert.equal(lintCommunication('customer_email', { subject: 'S', body: '{{region}}' }, EMPTY_LINT_CONTEXT).length, 1);
  assert.equal(lintCommunication('blog_post', { subject: 'S', body: '{{first_name}}' }, context).length, 1);
});
