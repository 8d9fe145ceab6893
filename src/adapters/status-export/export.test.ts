import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportToTargets } from './export.ts';
import { parseExportTargets, ExportTargetsError, describeTarget } from './export-targets.ts';
import { startFakeS3 } from '../../../test/support/fake-s3.ts';

const files = [
  { path: 'index.html', contentType: 'text/html; charset=utf-8', body: new TextEncoder().encode('<!doctype html><title>Status</title>') },
  { path: 'status.json', contentType: 'application/json', body: new TextEncoder().encode('{"status":{"indicator":"none"}}') },
  { path: 'incidents/abc/index.html', contentType: 'text/html; charset=utf-8', body: new TextEncoder().encode('<p>one incident</p>') },
];
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

test('targets: parsed from JSON, bad entries named, secrets never in the description', () => {
  const targets = parseExportTargets(
    JSON.stringify([
      { kind: 'dir', path: '/srv/status' },
      { kind: 's3', endpoint: 'https://s3.example.com', bucket: 'status-page', prefix: 'live/', ...credentials },
    ]),
  );
  assert.equal(targets.length, 2);
  assert.equal(describeTarget(targets[1]!), 's3 s3.example.com/status-page/live/');
  assert.deepEqual(parseExportTargets(undefined), []);
  assert.throws(() => parseExportTargets('[{"kind":"ftp","path":"x"}]'), ExportTargetsError);
  assert.throws(() => parseExportTargets('{'), /not JSON/);
  assert.throws(
    () => parseExportTargets(JSON.stringify([{ kind: 's3', endpoint: 'file:///etc', bucket: 'b-1', ...credentials }])),
    (err: Error) => !err.message.includes(credentials.secretAccessKey),
  );
});

test('dir target: every file in place, no temporary file left, an existing file replaced', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-export-'));
  try {
    writeFileSync(path.join(dir, 'index.html'), 'old');
    const [result] = await exportToTargets(files, [{ kind: 'dir', path: dir }]);
    assert.deepEqual(result, { target: `dir ${dir}`, ok: true, files: 3 });
    assert.equal(readFileSync(path.join(dir, 'index.html'), 'utf8'), '<!doctype html><title>Status</title>');
    assert.equal(readFileSync(path.join(dir, 'incidents/abc/index.html'), 'utf8'), '<p>one incident</p>');
    assert.deepEqual(readdirSync(dir).sort(), ['incidents', 'index.html', 'status.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a path escaping the target root is refused', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-export-'));
  try {
    const [result] = await exportToTargets([{ path: '../evil.html', contentType: 'text/html', body: new Uint8Array() }], [{ kind: 'dir', path: dir }]);
    assert.equal(result!.ok, false);
    assert.match(result!.error!, /not a plain relative path/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('s3 target: signed PUTs with content type and body; a failing target does not stop the others', async () => {
  const s3 = await startFakeS3({ bucket: 'status-page', ...credentials });
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-export-'));
  try {
    const results = await exportToTargets(files, [
      { kind: 's3', endpoint: s3.endpoint, bucket: 'no-such-bucket', ...credentials },
      {
        kind: 's3',
        endpoint: s3.endpoint,
        bucket: 'status-page',
        prefix: 'acme/',
        region: 'eu-west-1',
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: 'wrong-secret',
      },
      { kind: 's3', endpoint: s3.endpoint, bucket: 'status-page', prefix: 'acme/', region: 'eu-west-1', ...credentials },
      { kind: 'dir', path: dir },
    ]);
    assert.deepEqual(
      results.map((r) => r.ok),
      [false, false, true, true],
    );
    assert.match(results[0]!.error!, /HTTP 404 \(NoSuchBucket\)/);
    assert.match(results[1]!.error!, /HTTP 403 \(SignatureDoesNotMatch\)/);
    assert.deepEqual([...s3.objects.keys()].sort(), ['acme/incidents/abc/index.html', 'acme/index.html', 'acme/status.json']);
    const page = s3.objects.get('acme/index.html')!;
    assert.equal(page.contentType, 'text/html; charset=utf-8');
    assert.equal(page.body.toString(), '<!doctype html><title>Status</title>');
    assert.match(String(page.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/s3\/aws4_request/);
    assert.equal(s3.objects.get('acme/status.json')!.contentType, 'application/json');
  } finally {
    await s3.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unreachable S3 endpoint is reported, not thrown', async () => {
  const [result] = await exportToTargets(files, [{ kind: 's3', endpoint: 'http://127.0.0.1:1', bucket: 'status-page', ...credentials }]);
  assert.equal(result!.ok, false);
  assert.ok(result!.error);
});
