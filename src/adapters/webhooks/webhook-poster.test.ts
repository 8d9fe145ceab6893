import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundRefused, OutboundUnreachable } from '../net/outbound-guard.ts';
import { webhookPoster } from './webhook-poster.ts';

test('webhook targets: non-public addresses are refused unless SECDESK_WEBHOOK_ALLOW_PRIVATE lists them', async () => {
  const strict = webhookPoster({ allowPrivate: '', timeoutMs: 5000 });
  for (const url of [
    'http://169.254.169.254/latest/meta-data',
    'http://localhost/x',
    'http://[::7f00:1]/x',
    'http://[2002:7f00:1::]/x',
    'http://[64:ff9b::7f00:1]/x',
    'http://[fd00:ec2::254]/x',
    'http://100.64.0.1/x',
  ]) {
    await assert.rejects(strict.check(url), (err) => err instanceof OutboundRefused && /SECDESK_WEBHOOK_ALLOW_PRIVATE/.test(err.message), url);
  }
  const gone = webhookPoster({ allowPrivate: '', timeoutMs: 5000, resolve: async () => Promise.reject(Object.assign(new Error('no'), { code: 'ENOTFOUND' })) });
  await assert.rejects(gone.check('https://no-such-host.example/x'), (err) => err instanceof OutboundUnreachable && /does not resolve/.test(err.message));
  const allowed = webhookPoster({ allowPrivate: '127.0.0.2/32, ::1', timeoutMs: 5000 });
  await allowed.check('http://127.0.0.2/x');
  await allowed.check('http://[::1]/x');
  await assert.rejects(allowed.check('http://127.0.0.1/x'), OutboundRefused);
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
    const allowed = webhookPoster({ allowPrivate: '127.0.0.2/32', timeoutMs: 5000 });
    await allowed.post(`http://127.0.0.2:${port}/ok`, '{}', { 'x-test': 'yes' });
    await assert.rejects(allowed.post(`http://127.0.0.2:${port}/down`, '{}', {}), /HTTP 503/);
    // The same endpoint once the allow-list no longer covers it: refused before any connection.
    const strict = webhookPoster({ allowPrivate: '', timeoutMs: 5000 });
    await assert.rejects(strict.post(`http://127.0.0.2:${port}/ok`, '{}', {}), /non-public/);
    // A name that answered an allowed address at registration and loopback now: refused at delivery.
    let lookups = 0;
    const rebinding = webhookPoster({
      allowPrivate: '127.0.0.2/32',
      timeoutMs: 5000,
      resolve: async () => [{ address: ++lookups === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 }],
    });
    await rebinding.check(`http://hooks.example:${port}/ok`);
    await assert.rejects(rebinding.post(`http://hooks.example:${port}/ok`, '{}', {}), /127\.0\.0\.1: loopback/);
    assert.deepEqual(seen, [`127.0.0.2:${port} yes`, `127.0.0.2:${port} undefined`]);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
