import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allowList, isPrivateAddress, resolvePublic } from '../mail/list-source.ts';
import { webhookPoster } from './webhook-poster.ts';

test('webhook targets: private, loopback, link-local, metadata, NAT64 and documentation ranges are refused unless allowed', async () => {
  for (const a of ['64:ff9b::7f00:1', 'fe80::1', 'fd00:ec2::254', '2001:db8::1', '100.64.0.1', '224.0.0.1']) assert.equal(isPrivateAddress(a), true, a);
  await assert.rejects(resolvePublic('169.254.169.254', null, 'webhook URL'), /non-public address \(169\.254\.169\.254\)/);
  await assert.rejects(resolvePublic('localhost', null, 'webhook URL'), /non-public/);
  await assert.rejects(resolvePublic('no-such-host.invalid', null, 'webhook URL'), /does not resolve/);
  const allow = allowList('127.0.0.2/32, ::1');
  assert.deepEqual(await resolvePublic('127.0.0.2', allow, 'webhook URL'), [{ address: '127.0.0.2', family: 4 }]);
  await assert.rejects(resolvePublic('127.0.0.1', allow, 'webhook URL'), /non-public/);
  assert.throws(() => allowList('10.0.0.0/33'), /not a CIDR/);
  assert.throws(() => allowList('example.com'), /not a CIDR/);
});

test('a delivery checks the address again and connects only to the checked one', async () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.headers.host} ${req.headers['x-test']}`);
    res.writeHead(req.url === '/ok' ? 200 : 503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    const allowed = webhookPoster({ allow: allowList('127.0.0.2/32'), timeoutMs: 5000 });
    await allowed.post(`http://127.0.0.2:${port}/ok`, '{}', { 'x-test': 'yes' });
    await assert.rejects(allowed.post(`http://127.0.0.2:${port}/down`, '{}', {}), /HTTP 503/);
    // The same endpoint once the allow-list no longer covers it: refused before any connection.
    const strict = webhookPoster({ allow: null, timeoutMs: 5000 });
    await assert.rejects(strict.post(`http://127.0.0.2:${port}/ok`, '{}', {}), /non-public/);
    assert.deepEqual(seen, [`127.0.0.2:${port} yes`, `127.0.0.2:${port} undefined`]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
