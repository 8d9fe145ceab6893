import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answeredMessageIds, normaliseMessageId, subjectToken, ticketNumberInSubject } from './threading.ts';

test('the subject token round-trips and is found anywhere in a reply subject', () => {
  assert.equal(subjectToken(1234), '[secdesk #1234]');
  assert.equal(ticketNumberInSubject('Re: AW: [secdesk #1234] Locked out'), 1234);
  assert.equal(ticketNumberInSubject('Fwd: [SECDESK #77] x'), 77);
  assert.equal(ticketNumberInSubject('[secdesk #] nothing'), null);
  assert.equal(ticketNumberInSubject('secdesk #12 without brackets'), null);
});

test('Message-IDs are normalised and junk is refused', () => {
  assert.equal(normaliseMessageId(' <abc@example.com> '), 'abc@example.com');
  assert.equal(normaliseMessageId('abc@example.com'), 'abc@example.com');
  assert.equal(normaliseMessageId('<a b@example.com>'), null);
  assert.equal(normaliseMessageId(''), null);
  assert.equal(normaliseMessageId(undefined), null);
  assert.equal(normaliseMessageId(`<${'x'.repeat(2000)}@e>`), null);
});

test('answered ids: In-Reply-To first, then References from the newest', () => {
  assert.deepEqual(answeredMessageIds({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] }), ['c@x', 'b@x', 'a@x']);
  assert.deepEqual(answeredMessageIds({ inReplyTo: null, references: [] }), []);
});
