import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPersistedSnapshot, persistSnapshot, snapshotDir } from './persisted-snapshot.ts';
import { buildStatusFallback } from '../http/status-fallback.ts';

const entry = (url: string, text: string) => ({
  url,
  contentType: 'text/html; charset=utf-8',
  body: new TextEncoder().encode(text),
  etag: `"${text.length}-${url}"`,
  lastModified: 'Tue, 24 Nov 2026 12:00:00 GMT',
});

test('the last copy: written by content hash, read back whole, older bodies removed; none or a broken one is null', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-snapshot-'));
  try {
    assert.equal(await loadPersistedSnapshot(dir), null);
    await persistSnapshot(dir, [entry('/status', 'first'), entry('/status.json', '{}')]);
    await persistSnapshot(dir, [entry('/status', 'second'), entry('/status.json', '{}')]);
    const loaded = await loadPersistedSnapshot(dir);
    assert.deepEqual(
      loaded!.map((e) => [e.url, Buffer.from(e.body).toString()]),
      [
        ['/status', 'second'],
        ['/status.json', '{}'],
      ],
    );
    assert.equal(readdirSync(snapshotDir(dir)).filter((f) => f.endsWith('.body')).length, 2, "the first page's body is gone");
    writeFileSync(path.join(snapshotDir(dir), 'manifest.json'), '{not json');
    assert.equal(await loadPersistedSnapshot(dir), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the fallback server: the copy with its validators, 304, the database down in readiness, 503 for the rest', async () => {
  const server = buildStatusFallback([entry('/status', '<p>last state</p>'), entry('/status/history?month=2026-10', 'october')]);
  try {
    const page = await server.inject({ method: 'GET', url: '/status' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.body, '<p>last state</p>');
    assert.equal(page.headers.etag, '"17-/status"');
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
    assert.equal((await server.inject({ method: 'GET', url: '/status', headers: { 'if-none-match': '"17-/status"' } })).statusCode, 304);
    assert.equal((await server.inject({ method: 'GET', url: '/status/history?month=2026-10' })).body, 'october');
    assert.equal((await server.inject({ method: 'GET', url: '/readyz' })).statusCode, 503);
    const api = await server.inject({ method: 'POST', url: '/api/session' });
    assert.equal(api.statusCode, 503);
    assert.equal(api.json().error.code, 'unavailable');
  } finally {
    await server.close();
  }
});
