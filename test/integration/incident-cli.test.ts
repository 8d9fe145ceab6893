// `secdesk incident declare` as an operator runs it: a separate process, as a named user, audited,
// printing the incident number and who was paged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp, type TestDatabase } from '../support/harness.ts';
import { createUser } from '../support/session.ts';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';

let database: TestDatabase;
let env: Record<string, string>;
let t: TestApp;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-incident-cli-'));
  database = await createTestDatabase(TEST_ENGINE, dir);
  env = { ...process.env, SECDESK_DATA_DIR: dir, SECDESK_LOG_LEVEL: 'warn', ...database.env } as Record<string, string>;
  assert.equal(cli(['migrate']).code, 0);
});
after(async () => {
  await t?.close();
  await database.drop();
});

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/secdesk.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('incident declare runs as the named user, pages the Security Engineer On Call and is audited', async () => {
  // The embedded engine serves one process at a time: set up, close, then run the command line.
  let seocId = '';
  {
    const setup = await startTestApp({ database });
    await createUser(setup.app, 'declarer@example.com', ['incident_manager']);
    await createUser(setup.app, 'reader@example.com', ['read_only']);
    seocId = (await createUser(setup.app, 'seoc@example.com', ['security_engineer'])).id;
    await setup.app.services.oncall.save({ actor: SYSTEM_ACTOR }, 'security_engineer', {
      name: 'SEOC',
      timeZone: 'UTC',
      handOver: { kind: 'daily', time: '00:00' },
      startDate: '2020-01-01',
      participants: [seocId],
      overrides: [],
    });
    await setup.close();
  }
  const declared = cli([
    'incident',
    'declare',
    '--title',
    'Leaked API keys',
    '--type',
    'data_breach',
    '--impact',
    '4',
    '--likelihood',
    '4',
    '--restricted',
    '--fact',
    'data_breach',
    'users_impacted=some',
    '--as',
    'declarer@example.com',
  ]);
  assert.equal(declared.code, 0, declared.err);
  assert.match(declared.out, /^declared incident #1: Leaked API keys \(risk .+, restricted\)$/m);
  assert.match(declared.out, /^paged Security Engineer On Call: seoc$/m);
  assert.match(declared.out, /^Security Incident Manager On Call: unfilled, nobody is on call$/m);

  const refused = cli(['incident', 'declare', '--title', 'x', '--type', 'abuse', '--impact', '1', '--likelihood', '1', '--as', 'reader@example.com']);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /^secdesk: not allowed: incidents.write$/m);
  const unknown = cli(['incident', 'declare', '--title', 'x', '--type', 'abuse', '--impact', '1', '--likelihood', '1', '--as', 'nobody@example.com']);
  assert.match(unknown.err, /^secdesk: no active user nobody@example.com$/m);
  const badType = cli(['incident', 'declare', '--title', 'x', '--type', 'meteor', '--impact', '1', '--likelihood', '1', '--as', 'declarer@example.com']);
  assert.match(badType.err, /^secdesk: unknown incident type meteor$/m);

  t = await startTestApp({ database });
  const entries: { action: string; actorLabel?: string; actor_label?: string }[] = [];
  for await (const entry of t.app.store.read.auditLog.entries()) entries.push(entry as never);
  const declaredEntry = entries.find((e) => e.action === 'incident.declared');
  assert.ok(declaredEntry, 'the declaration is audited');
  assert.match(JSON.stringify(declaredEntry), /declarer@example.com \(cli\)/);
  const pages = await t.app.store.read.notifications.listForUser(seocId, 10);
  assert.equal(pages.length, 1);
  assert.equal(pages[0]!.kind, 'incident_page');
  assert.match(pages[0]!.title, /Paged as Security Engineer On Call: incident #1/);
});
