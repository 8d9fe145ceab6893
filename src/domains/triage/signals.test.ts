import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fireSignals } from './signals.ts';

const none = { subject: '', body: '', from: 'person@example.com' };
const names = (fired: ReturnType<typeof fireSignals>) => fired.map((f) => `${f.signal}→${f.label}`);

test('machine mail and machine senders point to spam_or_other', () => {
  assert.deepEqual(names(fireSignals({ ...none, noise: 'bounce' })), ['machine-mail→spam_or_other']);
  assert.deepEqual(names(fireSignals({ ...none, from: 'MAILER-DAEMON@mx.example.org' })), ['machine-sender→spam_or_other']);
  assert.deepEqual(names(fireSignals({ ...none, from: 'no-reply+abc@shop.example' })), ['machine-sender→spam_or_other']);
});

test('senders on bug bounty platforms and copyright agents', () => {
  assert.deepEqual(names(fireSignals({ ...none, from: 'reports@hackerone.com' })), ['bug-bounty-platform→vulnerability_report']);
  assert.deepEqual(names(fireSignals({ ...none, from: 'x@notices.markmonitor.com' })), ['copyright-agent→copyright_dmca']);
  assert.deepEqual(fireSignals({ ...none, from: 'x@hackerone.com.evil.example' }), [], 'only the real domain and its subdomains');
});

test('keywords name what they saw, and more distinct words weigh more', () => {
  const [dmca] = fireSignals({ ...none, subject: 'DMCA takedown notice', body: 'Your user infringes our copyrighted work.' });
  assert.equal(dmca!.label, 'copyright_dmca');
  assert.match(dmca!.detail, /“dmca”/);
  assert.match(dmca!.detail, /“infringes”/);
  const one = fireSignals({ ...none, body: 'I am locked out' })[0]!;
  const three = fireSignals({ ...none, body: 'I am locked out, 2FA fails and the password reset never comes' })[0]!;
  assert.equal(one.label, 'account_support');
  assert.ok(three.weight > one.weight);
  assert.equal(fireSignals({ ...none, body: 'We need your SOC 2 report and pen test report' })[0]!.label, 'compliance_request');
  assert.equal(fireSignals({ ...none, body: 'Stored XSS, see CVE-2024-12345' })[0]!.label, 'vulnerability_report');
  assert.deepEqual(fireSignals({ ...none, subject: 'Hello', body: 'A question about my invoice' }), []);
});

test('proof-of-concept attachments; notice attachments only alongside copyright words', () => {
  assert.deepEqual(names(fireSignals({ ...none, attachmentNames: ['exploit.py', 'screenshot.png'] })), ['poc-attachment→vulnerability_report']);
  assert.deepEqual(names(fireSignals({ ...none, attachmentNames: ['requests.har'] })), ['poc-attachment→vulnerability_report']);
  assert.deepEqual(fireSignals({ ...none, attachmentNames: ['notice.pdf'] }), []);
  assert.deepEqual(names(fireSignals({ ...none, body: 'copyright infringement', attachmentNames: ['notice.pdf'] })), [
    'dmca-terms→copyright_dmca',
    'notice-attachment→copyright_dmca',
  ]);
});
