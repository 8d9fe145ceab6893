import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allowedRanges, nonPublicRange, OutboundGuard, OutboundRefused, OutboundUnreachable, type Resolver } from './outbound-guard.ts';

async function listen(host: string, handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number; close: () => Promise<unknown> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(resolve)) };
}

const fixed =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const strict = (resolve?: Resolver) =>
  new OutboundGuard({ what: 'test URL', allowPrivate: 'none', allowSetting: 'SECDESK_TEST_ALLOW_PRIVATE', ...(resolve ? { resolve } : {}) });

test('non-public addresses, also inside IPv6 forms that carry an IPv4 address, are classified as such', () => {
  const refused: [string, RegExp][] = [
    ['::7f00:1', /IPv4-compatible form of 127\.0\.0\.1 \(loopback\)/],
    ['2002:7f00:1::', /6to4 form of 127\.0\.0\.1/],
    ['::ffff:127.0.0.1', /IPv4-mapped/],
    ['64:ff9b::7f00:1', /NAT64 form of 127\.0\.0\.1/],
    ['64:ff9b:1::5db8:d822', /local-use NAT64/],
    ['::ffff:0:a00:1', /IPv4-translated form of 10\.0\.0\.1 \(private\)/],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', /Teredo form of 127\.0\.0\.1/],
    ['::ffff:169.254.169.254', /linkLocal/],
    ['[::1]', /loopback/],
    ['169.254.169.254', /linkLocal/],
    ['0.0.0.0', /unspecified/],
    ['100.64.0.1', /carrierGradeNat/],
    ['127.0.0.1', /loopback/],
    ['10.1.2.3', /private/],
    ['172.16.0.1', /private/],
    ['192.168.0.1', /private/],
    ['198.18.0.1', /reserved/],
    ['192.0.2.1', /reserved/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::', /unspecified/],
    ['fe80::1', /linkLocal/],
    ['fd00:ec2::254', /uniqueLocal/],
    ['fec0::1', /deprecatedSiteLocal/],
    ['ff02::1', /multicast/],
    ['2001:db8::1', /reserved/],
    ['2001:2::1', /benchmarking/],
    ['100::1', /discard/],
  ];
  for (const [address, why] of refused) assert.match(nonPublicRange(address) ?? 'public', why, address);
  for (const address of ['93.184.216.34', '2606:4700::1', '64:ff9b::5db8:d822', '2002:5db8:d822::1', '::ffff:93.184.216.34'])
    assert.equal(nonPublicRange(address), null, address);
  assert.throws(() => nonPublicRange('example.com'));
});

test('a URL is refused before any connection: its scheme, credentials, literal address or any address its name resolves to', async () => {
  for (const url of [
    'http://[::7f00:1]/x',
    'http://[2002:7f00:1::]/x',
    'http://[::ffff:127.0.0.1]/x',
    'http://[64:ff9b::7f00:1]/x',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0:8080/',
    'http://100.64.0.1/',
    'http://0x7f.1/',
    'ftp://example.com/x',
    'file:///etc/passwd',
    'https://user:pw@example.com/',
    'not a url',
  ]) {
    await assert.rejects(strict(fixed('93.184.216.34')).check(url), (err) => err instanceof OutboundRefused && err.code === 'invalid', url);
  }
  // One loopback answer among public ones is enough to refuse.
  await assert.rejects(
    strict(fixed('93.184.216.34', '::1')).check('https://mixed.example/'),
    /non-public address \(::1: loopback\); an admin can allow it with SECDESK_TEST_ALLOW_PRIVATE/,
  );
  await assert.rejects(strict().check('http://localhost:8080/'), OutboundRefused);
  const down: Resolver = async () => Promise.reject(Object.assign(new Error('queryA ENOTFOUND'), { code: 'ENOTFOUND' }));
  await assert.rejects(
    strict(down).check('https://gone.example/'),
    (err) => err instanceof OutboundUnreachable && err.code === 'unreachable' && /does not resolve \(ENOTFOUND\)/.test(err.message),
  );
  await assert.rejects(strict(fixed()).check('https://empty.example/'), OutboundUnreachable);
  assert.deepEqual((await strict(fixed('93.184.216.34')).check('https://ok.example/a')).addresses, [{ address: '93.184.216.34', family: 4 }]);
});

test('allow settings: listed ranges (also through an IPv4-mapped form), or every address', async () => {
  const ranges = new OutboundGuard({ what: 'webhook URL', allowPrivate: allowedRanges('127.0.0.2/32, 10.20.0.0/16, fd00::1'), allowSetting: 'X' });
  for (const url of ['http://127.0.0.2/', 'http://[::ffff:127.0.0.2]/', 'http://10.20.3.4/', 'http://[fd00::1]/', 'https://93.184.216.34/'])
    await ranges.check(url);
  for (const url of ['http://127.0.0.1/', 'http://10.21.0.1/', 'http://[fd00::2]/', 'http://169.254.169.254/', 'http://[::7f00:2]/', 'http://[2002:7f00:2::]/'])
    await assert.rejects(ranges.check(url), OutboundRefused, url);
  await new OutboundGuard({ what: 'list source', allowPrivate: 'all', allowSetting: 'X' }).check('http://127.0.0.1:9/');
  assert.equal(allowedRanges(' '), 'none');
  for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0/8']) assert.throws(() => allowedRanges(bad), /not a CIDR/, bad);
});

test('DNS rebinding: the name is resolved once and the connection goes to the checked address, with the name as Host', async () => {
  const seen: string[] = [];
  const receiver = await listen('127.0.0.2', (req, res) => {
    seen.push(`${req.method} ${req.headers.host} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('checked');
  });
  let lookups = 0;
  // First answer allowed, every later one loopback: a second resolution would be caught out.
  const rebinding: Resolver = async () => (++lookups === 1 ? [{ address: '127.0.0.2', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
  try {
    const guard = new OutboundGuard({ what: 'test URL', allowPrivate: allowedRanges('127.0.0.2/32'), allowSetting: 'X', resolve: rebinding });
    const answer = await guard.request(`http://rebind.example:${receiver.port}/feed`, { timeoutMs: 5000 });
    assert.equal(answer.status, 200);
    assert.equal(await answer.body.text(), 'checked');
    assert.equal(lookups, 1);
    assert.deepEqual(seen, [`GET rebind.example:${receiver.port} /feed`]);
    // The next request resolves again (once) and is refused: the name now answers loopback.
    await assert.rejects(guard.request(`http://rebind.example:${receiver.port}/feed`, { timeoutMs: 5000 }), /127\.0\.0\.1: loopback/);
    assert.equal(lookups, 2);
    assert.equal(seen.length, 1);
  } finally {
    await receiver.close();
  }
});

test('redirects are answered, not followed; an address that does not answer is unreachable, not an internal error', async () => {
  const seen: string[] = [];
  const receiver = await listen('127.0.0.2', (req, res) => {
    seen.push(req.url!);
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' }).end();
  });
  const guard = new OutboundGuard({ what: 'test URL', allowPrivate: 'all', allowSetting: 'X' });
  try {
    const answer = await guard.request(`http://127.0.0.2:${receiver.port}/moved`, { timeoutMs: 5000 });
    await answer.body.dump();
    assert.equal(answer.status, 302);
    assert.deepEqual(seen, ['/moved']);
  } finally {
    await receiver.close();
  }
  // The port just closed: nothing listens there now.
  await assert.rejects(
    guard.request(`http://127.0.0.2:${receiver.port}/`, { timeoutMs: 5000 }),
    (err) => err instanceof OutboundUnreachable && /could not be reached \(connection refused\)/.test(err.message),
  );
});

test('over TLS the pinned connection still names the host: SNI is the host name and the certificate is verified against it', {
  skip: existsSync('/usr/bin/openssl') ? false : 'needs /usr/bin/openssl to make a certificate',
}, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-guard-'));
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=secure.example',
      '-addext',
      'subjectAltName=DNS:secure.example',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const names: string[] = [];
  // SNI as the server saw it, before the client judged the certificate.
  const server = createTlsServer(
    {
      key: readFileSync(key),
      cert: readFileSync(cert),
      SNICallback: (name, done) => {
        names.push(name);
        done(null, undefined);
      },
    },
    (_req, res) => res.end('reached'),
  );
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const port = (server.address() as AddressInfo).port;
  const guard = new OutboundGuard({ what: 'test URL', allowPrivate: allowedRanges('127.0.0.2/32'), allowSetting: 'X', resolve: fixed('127.0.0.2') });
  try {
    // The self-signed certificate is refused (verification stays on) after the handshake named the host.
    await assert.rejects(
      guard.request(`https://secure.example:${port}/`, { timeoutMs: 5000 }),
      (err) => err instanceof OutboundUnreachable && /SELF_SIGNED/.test(err.message),
    );
    assert.deepEqual(names, ['secure.example']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
