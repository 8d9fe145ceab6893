import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyNoise } from './noise.ts';

const mail = (headers: Record<string, string>, subject = 'Hello', from = 'person@example.com') => ({ headers, subject, from: { address: from, name: null } });

test("a person's mail is not noise", () => {
  assert.equal(classifyNoise(mail({ 'content-type': 'text/plain' })), null);
  assert.equal(classifyNoise(mail({ 'auto-submitted': 'no' })), null);
  assert.equal(classifyNoise(mail({}, 'Question about being out of office policy')), null);
});

test('RFC 3834 and vendor auto-reply headers', () => {
  assert.equal(classifyNoise(mail({ 'auto-submitted': 'auto-replied' })), 'auto-reply');
  assert.equal(classifyNoise(mail({ 'auto-submitted': 'auto-generated' })), 'auto-reply');
  assert.equal(classifyNoise(mail({ 'x-autoreply': 'yes' })), 'auto-reply');
  assert.equal(classifyNoise(mail({ precedence: 'bulk' })), 'auto-reply');
  assert.equal(classifyNoise(mail({ precedence: 'auto_reply' })), 'auto-reply');
});

test('out-of-office answers', () => {
  assert.equal(classifyNoise(mail({ 'auto-submitted': 'auto-replied' }, 'Out of Office: Re: your report')), 'out-of-office');
  assert.equal(classifyNoise(mail({}, 'Automatic reply: [secdesk #1001] Locked out')), 'out-of-office');
});

test('bounces and feedback reports', () => {
  assert.equal(classifyNoise(mail({ 'content-type': 'multipart/report; report-type=delivery-status; boundary=x' })), 'bounce');
  assert.equal(classifyNoise(mail({}, 'Undelivered Mail Returned to Sender', 'MAILER-DAEMON@mx.example.net')), 'bounce');
  assert.equal(classifyNoise(mail({ 'content-type': 'multipart/report; report-type=feedback-report' })), 'feedback-report');
});
