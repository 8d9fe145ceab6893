import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownPlaceholders } from '../fanout/personalise.ts';
import { checkedEmail, checkedSlugs, checkedWebhookUrl, updateMail } from './rules.ts';

test('addresses follow the fan-out rules: header injection and invisible characters are refused', () => {
  assert.deepEqual(checkedEmail(' Ada@Example.COM '), { email: 'Ada@example.com', key: 'Ada@example.com' });
  assert.throws(() => checkedEmail('a@example.com\r\nBcc: b@example.com'), /line break/);
  assert.throws(() => checkedEmail('a\u200b@example.com'), /invisible/);
});

test('component slugs are deduplicated, sorted and checked', () => {
  assert.deepEqual(checkedSlugs(['web', 'api', 'web', ' ']), ['api', 'web']);
  assert.throws(() => checkedSlugs(['API']), /invalid component/);
  assert.throws(() => checkedSlugs(Array.from({ length: 51 }, (_v, i) => `c${i}`)), /at most 50/);
});

test('webhook URLs: http(s) only, no credentials', () => {
  assert.equal(checkedWebhookUrl('https://hooks.example.com/x').host, 'hooks.example.com');
  assert.throws(() => checkedWebhookUrl('file:///etc/passwd'), /http\(s\)/);
  assert.throws(() => checkedWebhookUrl('https://user:pw@hooks.example.com/'), /credentials/);
  assert.throws(() => checkedWebhookUrl('not a url'), /http\(s\)/);
});

test('an update mail keeps the published text literal: no placeholder in it is ever expanded', () => {
  const mail = updateMail(
    {
      updateId: 'u',
      kind: 'maintenance',
      title: 'DB {{email}}\r\nBcc: x',
      status: 'scheduled',
      body: 'Hi {{ first_name }}',
      componentSlugs: ['db'],
      url: 'https://s.example/status',
      publishedAt: '2026-01-01T00:00:00Z',
    },
    'Example',
  );
  assert.doesNotMatch(mail.subject, /[\r\n]/);
  assert.match(mail.subject, /^\[Example\] Maintenance: DB \{ \{email\}\}/);
  assert.deepEqual(unknownPlaceholders(mail.body), []);
  assert.match(mail.body, /\{ \{ first_name \}\}/);
  assert.match(mail.body, /Unsubscribe: \{\{unsubscribe_url\}\}/);
});
