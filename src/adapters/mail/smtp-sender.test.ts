import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forwardEncoding } from './smtp-sender.ts';

const mail = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

test('a forwarded original goes 7bit when 7-bit clean, 8bit with 8-bit bytes, binary otherwise (RFC 2046 §5.2.1)', () => {
  assert.equal(forwardEncoding(mail('From: a@example.com', 'Subject: hi', '', 'plain text', '')), '7bit');
  assert.equal(forwardEncoding(mail('From: a@example.com', '', 'Ümlauts and 日本語', '')), '8bit');
  assert.equal(forwardEncoding(mail('Subject: x', '', 'x'.repeat(998))), '7bit', '998 octets is the longest line allowed');
  assert.equal(forwardEncoding(mail('Subject: x', '', 'x'.repeat(999))), 'binary');
  assert.equal(forwardEncoding(mail('Subject: x', '', 'é'.repeat(500))), 'binary', 'octets, not characters, count');
  assert.equal(forwardEncoding(Buffer.from('Subject: x\n\nbare line feeds\n')), 'binary');
  assert.equal(forwardEncoding(Buffer.from('Subject: x\r\n\r\na bare\rcarriage return\r\n')), 'binary');
  assert.equal(forwardEncoding(Buffer.from('Subject: x\r\n\r\nNUL\u0000\r\n')), 'binary');
});
