import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imapSourceKey, nextUids, planPoll } from './mailbox-cursor.ts';

test('a mailbox never polled is taken from its first UID', () => {
  assert.deepEqual(planPoll(null, 7), { fromUid: 1, reset: false });
});

test('the same UIDVALIDITY continues after the last UID taken', () => {
  assert.deepEqual(planPoll({ uidValidity: 7, lastUid: 41 }, 7), { fromUid: 42, reset: false });
});

test('a changed UIDVALIDITY takes everything again', () => {
  assert.deepEqual(planPoll({ uidValidity: 7, lastUid: 41 }, 8), { fromUid: 1, reset: true });
});

test('next UIDs: oldest first, capped, and never below the start', () => {
  assert.deepEqual(nextUids([9, 3, 5, 4, 5], 4, 2), { uids: [4, 5], more: true });
  assert.deepEqual(nextUids([4, 5, 9], 4, 3), { uids: [4, 5, 9], more: false });
  // "10:*" answered with the highest existing UID, 9: nothing new.
  assert.deepEqual(nextUids([9], 10, 50), { uids: [], more: false });
  assert.deepEqual(nextUids([], 1, 50), { uids: [], more: false });
});

test('the source key names mailbox, UIDVALIDITY and UID', () => {
  assert.equal(imapSourceKey('security@imap.example:993/INBOX', 7, 42), 'imap:security@imap.example:993/INBOX:7:42');
});
