import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { hashToken, newConfirmToken, CONFIRM_TOKEN, signatureHeader, unsubscribeToken, verifySignature, verifyUnsubscribeToken } from './tokens.ts';

test('a confirmation token is random, URL-safe and stored only as its hash', () => {
  const a = newConfirmToken();
  const b = newConfirmToken();
  assert.notEqual(a.token, b.token);
  assert.match(a.token, CONFIRM_TOKEN);
  assert.equal(a.hash, hashToken(a.token));
  assert.ok(!a.hash.includes(a.token));
});

test('an unsubscribe token names its subscriber and cannot be forged or moved to another', () => {
  const id = randomUUID();
  const token = unsubscribeToken('key', id);
  assert.equal(verifyUnsubscribeToken('key', token), id);
  assert.equal(verifyUnsubscribeToken('other key', token), null);
  assert.equal(verifyUnsubscribeToken('key', `${randomUUID()}.${token.split('.')[1]}`), null);
  assert.equal(verifyUnsubscribeToken('key', 'garbage'), null);
});

test('the signature is HMAC-SHA256 over "t.body", hex, and old timestamps are refused', () => {
  const body = '{"updateId":"u1"}';
  const header = signatureHeader('whsec_x', body, 1_700_000_000);
  assert.equal(header, `t=1700000000,v1=${createHmac('sha256', 'whsec_x').update(`1700000000.${body}`).digest('hex')}`);
  assert.equal(verifySignature('whsec_x', body, header, 1_700_000_010), true);
  assert.equal(verifySignature('whsec_y', body, header, 1_700_000_010), false);
  assert.equal(verifySignature('whsec_x', body + ' ', header, 1_700_000_010), false);
  assert.equal(verifySignature('whsec_x', body, header, 1_700_001_000), false);
});
