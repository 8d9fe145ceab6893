import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle } from './throttle.ts';
import { listColumnName, personalise, placeholdersIn, unknownPlaceholders } from './personalise.ts';

test('the throttle holds the overall and the per-domain rate per second', () => {
  const t = new Throttle({ perSecond: 3, perDomainPerSecond: 2 });
  assert.equal(t.take('a.com', 1000), 0);
  assert.equal(t.take('a.com', 1100), 0);
  assert.equal(t.take('a.com', 1200), 800, 'third to a.com waits for the next second');
  assert.equal(t.take('b.com', 1300), 0);
  assert.equal(t.take('c.com', 1400), 600, 'overall limit reached');
  assert.equal(t.take('a.com', 2000), 0, 'a new second');
  const unlimited = new Throttle({ perSecond: 0, perDomainPerSecond: 0 });
  for (let i = 0; i < 1000; i++) assert.equal(unlimited.take('x.com', 5), 0);
});

test('personalisation inserts values as text once and reports unknown placeholders', () => {
  const values = { first_name: '{{email}}', last_name: 'L', company: 'C', email: 'e@x.com', unsubscribe_url: 'u' };
  assert.equal(personalise('Hi {{ first_name }} of {{company}}', values), 'Hi {{email}} of C');
  assert.deepEqual(unknownPlaceholders('{{first_name}} {{password}} {{ email }}'), ['password']);
});

test("a list's columns are placeholders too: named as the header reads, inserted once", () => {
  assert.deepEqual(['Region', ' Account ID ', 'Région', 'e-mail 2', '2nd tier', '#'].map(listColumnName), [
    'region',
    'account_id',
    'region',
    'e_mail_2',
    null,
    null,
  ]);
  assert.deepEqual(unknownPlaceholders('{{region}} {{tier2}} {{first_name}}', ['region']), ['tier2']);
  assert.deepEqual(placeholdersIn('{{region}} {{ region }} {{email}}'), ['region', 'email']);
  const values = { first_name: 'F', last_name: 'L', company: 'C', email: 'e@x.com', unsubscribe_url: 'u', region: '{{email}}' };
  assert.equal(personalise('Your region: {{region}}', values), 'Your region: {{email}}');
});
