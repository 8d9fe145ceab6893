// `secdesk status publish` and `secdesk serve --workers N`, as an operator runs them: separate processes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/database.ts';
import { freePort } from '../support/net.ts';

let database: TestDatabase;
let dir: string;
let env: Record<string, string>;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'secdesk-status-cli-'));
  database = await createTestDatabase(TEST_ENGINE, dir);
  env = {
    ...process.env,
    SECDESK_DATA_DIR: dir,
    SECDESK_LOG_LEVEL: 'warn',
    SECDESK_STATUS_NAME: 'Example',
    SECDESK_SEED_DEMO: 'false',
    ...database.env,
  } as Record<string, string>;
});
after(async () => {
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/secdesk.js', ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('status publish writes the page to --out directories and reports each target; no target or a bad one is a one-line error', () => {
  const out = path.join(dir, 'export');
  const done = cli(['status', 'publish', '--out', out]);
  assert.equal(done.code, 0, done.err);
  assert.match(done.out, new RegExp(`^ok +dir ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: \\d+ files`, 'm'));
  for (const file of ['index.html', 'status/index.html', 'status.json', 'status/feed.atom', 'status/feed.rss', 'status/badge.svg', 'status/history/index.html'])
    assert.ok(existsSync(path.join(out, file)), file);
  assert.equal(JSON.parse(readFileSync(path.join(out, 'status.json'), 'utf8')).page.name, 'Example');
  const none = cli(['status', 'publish']);
  assert.equal(none.code, 1);
  assert.match(none.err, /^secdesk: no export target/);
  assert.equal(none.err.trim().split('\n').length, 1);
  const bad = cli(['status', 'publish', '--target', '[{"kind":"ftp","path":"x"}]']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^secdesk: --target/);
  const failing = cli([
    'status',
    'publish',
    '--out',
    path.join(dir, 'second'),
    '--target',
    JSON.stringify([{ kind: 's3', endpoint: 'http://127.0.0.1:1', bucket: 'status-page', accessKeyId: 'a', secretAccessKey: 'never-printed' }]),
  ]);
  assert.equal(failing.code, 1);
  assert.match(failing.out, /^ok +dir /m);
  assert.match(failing.out, /^FAILED +s3 127\.0\.0\.1:1\/status-page\/: /m);
  assert.doesNotMatch(failing.out + failing.err, /never-printed/);
});

test('serve --workers: N processes on one port over PostgreSQL; refused on the embedded database', async () => {
  const port = await freePort();
  if (TEST_ENGINE !== 'postgres') {
    const refused = cli(['serve', '--workers', '2'], { PORT: String(port), SMTP_PORT: '0' });
    assert.equal(refused.code, 1);
    assert.match(refused.err, /^secdesk: --workers above 1 needs PostgreSQL/);
    return;
  }
  const child = spawn(process.execPath, ['bin/secdesk.js', 'serve', '--workers', '2'], {
    env: { ...env, PORT: String(port), SMTP_PORT: '0', SECDESK_ADMIN_EMAIL: 'first@example.com' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const started = Date.now();
    while (!/running at/.test(output)) {
      if (Date.now() - started > 90_000) throw new Error(`serve --workers did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match(output, /2 worker processes/);
    assert.equal(output.match(/First admin/g)?.length, 1, 'the first admin is created once');
    for (let i = 0; i < 6; i++) assert.equal((await fetch(`http://127.0.0.1:${port}/status`)).status, 200);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
