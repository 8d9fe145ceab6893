import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAddress } from './addresses.ts';

test('addresses are normalised: trimmed, domain lower-cased and in punycode, local part exact', () => {
  assert.deepEqual(checkAddress('  Alice.Smith@Example.COM '), {
    ok: true,
    email: 'Alice.Smith@example.com',
    key: 'Alice.Smith@example.com',
    domain: 'example.com',
  });
  const idn = checkAddress('bob@bücher.de');
  assert.equal(idn.ok && idn.domain, 'xn--bcher-kva.de');
  const key = (raw: string) => {
    const c = checkAddress(raw);
    return c.ok ? c.key : null;
  };
  assert.notEqual(key('alice@example.com'), key('Alice@example.com'), 'local parts are exact');
  assert.equal(key('alice@EXAMPLE.com'), key('alice@example.com'), 'domains are case-insensitive');
  assert.equal(checkAddress('a+tag@sub.example.org').ok, true);
});

test('line breaks, control characters and Unicode tricks are refused with a reason', () => {
  const cases: [string, RegExp][] = [
    ['eve@example.com\r\nBcc: all@example.com', /line break/],
    ['eve@example.com\nX: y', /line break/],
    ['eve\u0000@example.com', /control/],
    ['eve\u200b@example.com', /invisible/],
    ['eve@exa\u202emple.com', /invisible|direction/],
    ['\ufeffeve@example.com', /invisible/],
    ['eve\u2066@example.com', /invisible/],
    ['évé@example.com', /non-ASCII/],
    ['eve@exam ple.com', /domain/],
    ['"quoted"@example.com', /local part/],
    ['eve@@example.com', /local part|domain/],
    ['eve', /not an address/],
    ['eve@localhost', /domain/],
    ['eve@[127.0.0.1]', /domain/],
    ['eve@-bad.com', /domain/],
    ['.eve@example.com', /local part/],
    ['eve..x@example.com', /local part/],
    ['', /empty|not an address/],
  ];
  for (const [raw, reason] of cases) {
    const result = checkAddress(raw);
    assert.equal(result.ok, false, JSON.stringify(raw));
    assert.match(!result.ok ? result.reason : '', reason, JSON.stringify(raw));
  }
});

test('confusable domains are refused: mixed scripts, or Cyrillic/Greek spelling Latin look-alikes (also as punycode)', () => {
  for (const raw of ['eve@pаypal.com', 'eve@аррӏе.com', 'eve@xn--80ak6aa92e.com', 'eve@gοοgle.com', 'eve@secure.miсrosoft.com']) {
    const result = checkAddress(raw);
    assert.equal(result.ok, false, raw);
    assert.match(!result.ok ? result.reason : '', /confusable/, raw);
  }
  for (const raw of ['bob@bücher.de', 'ivan@пример.рф', 'ivan@кот.рф', 'eve@例え.jp', 'eve@xn--bcher-kva.de', 'a@example.com'])
    assert.equal(checkAddress(raw).ok, true, raw);
});

test("a sender (secdesk's own From) may be on a single-label domain such as localhost; a recipient may not", () => {
  assert.deepEqual(checkAddress('security@localhost', { sender: true }), {
    ok: true,
    email: 'security@localhost',
    key: 'security@localhost',
    domain: 'localhost',
  });
  assert.equal(checkAddress('security@localhost').ok, false);
  for (const raw of ['security@-bad', 'security@[127.0.0.1]', 'security@bad_host', 'security\r\n@localhost'])
    assert.equal(checkAddress(raw, { sender: true }).ok, false, raw);
});
