import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPrivateAddress, listSourceFetcher } from './list-source.ts';

test('list sources on loopback or private networks are refused unless allowed', async () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0']) assert.equal(isPrivateAddress(a), true, a);
  for (const a of ['93.184.216.34', '2606:4700::1']) assert.equal(isPrivateAddress(a), false, a);
  const fetcher = listSourceFetcher({ allowPrivate: false });
  await assert.rejects(fetcher('http://127.0.0.1:9/contacts'), /private or loopback/);
  await assert.rejects(fetcher('http://[::1]:9/contacts'), /private or loopback/);
  await assert.rejects(fetcher('http://localhost:9/contacts'), /private or loopback/);
});
