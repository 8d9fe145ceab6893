// The `secdesk` command line and `serve`, as an operator runs them: separate processes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { freePort } from '../support/net.ts';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/database.ts';
import { corpusMissing, corpusPath } from '../support/corpus.ts';

let database: TestDatabase;
let env: Record<string, string>;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-cli-'));
  database = await createTestDatabase(TEST_ENGINE, dir);
  env = { ...process.env, SECDESK_DATA_DIR: dir, SECDESK_LOG_LEVEL: 'warn', ...database.env } as Record<string, string>;
});
after(async () => database.drop());

function cli(args: string[], extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/secdesk.js', ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('--help lists the commands, and every command has help', () => {
  const help = cli(['--help']);
  assert.equal(help.code, 0);
  for (const command of ['serve', 'migrate', 'user', 'audit', 'seed']) assert.match(help.out, new RegExp(`\\b${command}\\b`));
  for (const sub of [['serve'], ['migrate'], ['user', 'create'], ['audit', 'verify'], ['audit', 'export'], ['seed', 'demo']]) {
    const res = cli([...sub, '--help']);
    assert.equal(res.code, 0, sub.join(' '));
    assert.match(res.out, /Usage: secdesk/);
  }
});

test('migrate, user create, seed demo, audit verify and export', () => {
  const migrated = cli(['migrate']);
  assert.equal(migrated.code, 0, migrated.err);
  assert.match(migrated.out, /applied 0001_foundation/);
  assert.match(cli(['migrate']).out, /up to date/);
  const created = cli(['user', 'create', '--email', 'ops@example.com', '--name', 'Ops', '--role', 'admin', 'security_engineer']);
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /created ops@example.com \(admin, security_engineer\)/);
  assert.match(created.out, /initial password: \S{20}/);
  assert.equal(cli(['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'wizard']).code, 1);
  assert.match(cli(['seed', 'demo']).out, /seeded 8 tickets and 1 incident/);
  const verified = cli(['audit', 'verify']);
  assert.equal(verified.code, 0);
  assert.match(verified.out, /^audit log intact: \d+ entries, head #\d+ [0-9a-f]{64}$/m);
  const exported = cli(['audit', 'export']);
  const lines = exported.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.length >= 10);
  assert.equal(lines[0].seq, 1);
});

test('inbox import: an mbox and a directory of .eml files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-import-'));
  const eml = (id: string, subject: string) =>
    `From: person@example.com\r\nTo: security@localhost\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.com>\r\n\r\nbody of ${subject}\r\n`;
  writeFileSync(path.join(dir, 'a.eml'), eml('a', 'first'));
  writeFileSync(path.join(dir, 'b.eml'), eml('b', 'second'));
  const mbox = path.join(dir, '..', `${path.basename(dir)}.mbox`);
  writeFileSync(
    mbox,
    [
      'From person@example.com Tue Nov 24 10:00:00 2026',
      eml('c', 'third').replace(/\r\n/g, '\n'),
      'From person@example.com Tue Nov 24 11:00:00 2026',
      eml('a', 'first').replace(/\r\n/g, '\n'),
    ].join('\n'),
  );
  const fromDir = cli(['inbox', 'import', dir]);
  assert.equal(fromDir.code, 0, fromDir.err);
  assert.match(fromDir.out, /imported: 2 new tickets, 0 added to existing tickets, 0 duplicates skipped/);
  const fromMbox = cli(['inbox', 'import', mbox]);
  assert.match(fromMbox.out, /imported: 1 new tickets, 0 added to existing tickets, 1 duplicates skipped/);
  assert.equal(cli(['inbox', 'import', path.join(dir, 'missing.eml')]).code, 1);
});

test('inbox import: every hostile message of the shared corpus', { skip: corpusMissing('mime') }, () => {
  const corpus = corpusPath('mime');
  const hostile = cli(['inbox', 'import', corpus]);
  assert.equal(hostile.code, 0, hostile.err);
  const [, created, appended, duplicate] = /imported: (\d+) new tickets, (\d+) added to existing tickets, (\d+) duplicates/.exec(hostile.out)!.map(Number);
  const files = readdirSync(corpus).filter((f) => f.endsWith('.eml')).length;
  assert.equal(created! + appended! + duplicate!, files, 'every corpus message was taken in');
});

test('startup errors are one line naming the cause', () => {
  const badPort = cli(['migrate'], { PORT: 'abc' });
  assert.equal(badPort.code, 1);
  assert.equal(badPort.err.trim().split('\n').length, 1);
  assert.match(badPort.err, /^secdesk: invalid configuration: PORT/);
  const badMatrix = cli(['migrate'], {
    SECDESK_RISK_MATRIX: JSON.stringify({
      impactLabels: ['a', 'b', 'c', 'd', 'e'],
      likelihoodLabels: ['a', 'b', 'c', 'd', 'e'],
      levels: [{ level: 'low', label: 'Low', minScore: 1, commsPlan: false }],
    }),
  });
  assert.equal(badMatrix.code, 1);
  assert.equal(badMatrix.err.trim().split('\n').length, 1);
  assert.match(badMatrix.err, /^secdesk: invalid configuration: SECDESK_RISK_MATRIX levels must list 2 to 10 bands/);
  const down = cli(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
  assert.equal(down.code, 1);
  assert.match(down.err, /^secdesk: database unreachable/);
  assert.equal(down.err.trim().split('\n').length, 1);
});

test('serve prints the URL and first sign-in, answers, and stops cleanly on SIGTERM', async () => {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-serve-'));
  const child = spawn(process.execPath, ['bin/secdesk.js', 'serve'], {
    env: { ...process.env, SECDESK_DATA_DIR: dir, PORT: String(port), SMTP_PORT: '0', SECDESK_LOG_LEVEL: 'warn', SECDESK_ADMIN_EMAIL: 'first@example.com' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const started = Date.now();
    while (!/First admin: first@example.com\s+password: \S+/.test(output)) {
      if (Date.now() - started > 90_000) throw new Error(`serve did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.match(output, new RegExp(`running at http://127\\.0\\.0\\.1:${port}`));
    assert.match(output, /Demo data seeded/);
    const password = /password: (\S+)/.exec(output)![1]!;
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(ready.status, 200);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@example.com', password }),
    });
    assert.equal(signIn.status, 200);
    // A request whose body is still arriving when SIGTERM comes must still be answered.
    const body = JSON.stringify({ email: 'first@example.com', password });
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/session',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => child.kill('SIGTERM'), 300);
      setTimeout(() => req.end(body.slice(10)), 900);
    });
    assert.equal(await inFlight, 200);
    assert.equal(await exited, 0);
    assert.match(output, /SIGTERM received/);
  } finally {
    child.kill('SIGKILL');
  }
});
