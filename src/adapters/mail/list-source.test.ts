import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundRefused, OutboundUnreachable } from '../net/outbound-guard.ts';
import { listSourceFetcher } from './list-source.ts';

test('list sources on loopback, private or other non-public addresses are refused unless allowed', async () => {
  const fetcher = listSourceFetcher({ allowPrivate: false });
  for (const url of [
    'http://127.0.0.1:9/contacts',
    'http://[::1]:9/contacts',
    'http://localhost:9/contacts',
    'http://[::7f00:1]/c',
    'http://[2002:7f00:1::]/c',
    'http://[::ffff:127.0.0.1]/c',
    'http://[64:ff9b::7f00:1]/c',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/c',
    'http://100.64.0.1/c',
  ]) {
    await assert.rejects(
      fetcher(url),
      (err) => err instanceof OutboundRefused && /non-public address .*SECDESK_LIST_SOURCE_ALLOW_PRIVATE/.test(err.message),
      url,
    );
  }
});

test('a list source is fetched from the checked address only; a refused connection is unreachable', async () => {
  const server = createServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404).end('{"email":"a@example.com"}\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let lookups = 0;
  const fetcher = listSourceFetcher({ allowPrivate: true, resolve: async () => (++lookups === 1 ? [{ address: '127.0.0.1', family: 4 }] : []) });
  try {
    const body = await fetcher(`http://contacts.example:${port}/ok`);
    let text = '';
    for await (const chunk of body) text += String(chunk);
    assert.equal(text, '{"email":"a@example.com"}\n');
    assert.equal(lookups, 1);
    await assert.rejects(listSourceFetcher({ allowPrivate: true })(`http://127.0.0.1:${port}/missing`), /answered HTTP 404/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  await assert.rejects(listSourceFetcher({ allowPrivate: true })(`http://127.0.0.1:${port}/ok`), OutboundUnreachable);
});
