import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailAllowed, ipAllowed, normaliseDomains, normaliseRange, normaliseRanges } from './access-rules.ts';
import { ValidationError } from '../errors.ts';

test('IP ranges: CIDR for both families, single addresses, and refusals', () => {
  assert.equal(normaliseRange(' 203.0.113.0/24 '), '203.0.113.0/24');
  assert.equal(normaliseRange('2001:DB8::/32'), '2001:db8::/32');
  assert.equal(normaliseRange('198.51.100.7'), '198.51.100.7/32');
  for (const bad of ['203.0.113.0/33', '10.0.0.0/8/1', 'example.com/24', '10.0.0.0/-1', '10.0.0.0/0x8', ''])
    assert.throws(() => normaliseRange(bad), ValidationError, bad);
  assert.deepEqual(normaliseRanges(['10.0.0.0/8', '10.0.0.0/8']), ['10.0.0.0/8']);
});

test('an address is allowed only inside a range, IPv4-mapped IPv6 included', () => {
  const ranges = ['203.0.113.0/24', '2001:db8::/32'];
  assert.equal(ipAllowed(ranges, '203.0.113.77'), true);
  assert.equal(ipAllowed(ranges, '::ffff:203.0.113.77'), true);
  assert.equal(ipAllowed(ranges, '203.0.114.1'), false);
  assert.equal(ipAllowed(ranges, '2001:db8:1::5'), true);
  assert.equal(ipAllowed(ranges, '2001:db9::1'), false);
  assert.equal(ipAllowed(ranges, 'not-an-ip'), false);
  assert.equal(ipAllowed([], '127.0.0.1'), false);
});

test('mail domains: normalised, exact match only', () => {
  assert.deepEqual(normaliseDomains(['@Customer.Example', 'bücher.example']), ['customer.example', 'xn--bcher-kva.example']);
  assert.throws(() => normaliseDomains(['not a domain']), ValidationError);
  assert.throws(() => normaliseDomains(['example']), ValidationError);
  assert.equal(emailAllowed(['customer.example'], 'customer.example'), true);
  assert.equal(emailAllowed(['customer.example'], 'evil-customer.example'), false);
  assert.equal(emailAllowed(['customer.example'], 'sub.customer.example'), false);
});
