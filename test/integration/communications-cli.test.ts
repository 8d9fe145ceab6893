// `secdesk comms send --incident … --channel …`: an approved communication sent from the command line
// as a named user (separate process), with the channel's send role enforced; the raw list form still
// asks for its options.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp, type TestDatabase } from '../support/harness.ts';
import { createUser } from '../support/session.ts';

let database: TestDatabase;
let env: Record<string, string>;
let t: TestApp | undefined;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-comms-cli-'));
  database = await createTestDatabase(TEST_ENGINE, dir);
  env = { ...process.env, SECDESK_DATA_DIR: dir, SECDESK_LOG_LEVEL: 'warn', ...database.env } as Record<string, string>;
});
after(async () => {
  await t?.close();
  await database.drop();
});

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/secdesk.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test(`comms send --incident sends an approved communication as the named user (${TEST_ENGINE})`, async () => {
  let incidentId = '';
  let commId = '';
  {
    // The embedded engine serves one process at a time: set up, close, then run the command line.
    const setup = await startTestApp({ database });
    const ctx = async (email: string, roles: string[]) => ({
      actor: { kind: 'user' as const, userId: (await createUser(setup.app, email, roles)).id, label: email, roles },
    });
    const im = await ctx('im@example.com', ['incident_manager']);
    const cm = await ctx('cm@example.com', ['communications_manager']);
    await createUser(setup.app, 'support@example.com', ['support']);
    await createUser(setup.app, 'reader@example.com', ['read_only']);
    const incident = await setup.app.services.incidents.declare(im, { title: 'Leaked tokens', description: '', type: 'data_breach', impact: 5, likelihood: 5 });
    incidentId = incident.id;
    await setup.app.services.commsPlans.decideMedium(im, incident.id, ['customer_faq']);
    const faq = await setup.app.services.communications.draft(cm, incident.id, {
      channel: 'customer_faq',
      subject: 'FAQ: leaked tokens',
      body: 'Q: Do I need to act?\nA: Rotate your tokens.\n',
    });
    commId = faq.id;
    await setup.app.services.communications.approve(im, { incidentId, id: faq.id }, 1);
    await setup.close();
  }
  const usage = cli(['comms', 'send', '--subject', 'x']);
  assert.equal(usage.code, 1);
  assert.match(usage.err, /a send to a list needs --list, --subject, --body-file, --from and --test-to/);
  const noRole = cli(['comms', 'send', '--incident', incidentId, '--channel', 'customer_faq', '--as', 'reader@example.com']);
  assert.equal(noRole.code, 1);
  assert.match(noRole.err, /^secdesk: not allowed: comms.publish$/m);
  const sent = cli(['comms', 'send', '--incident', incidentId, '--channel', 'customer_faq', '--as', 'support@example.com']);
  assert.equal(sent.code, 0, sent.err);
  assert.match(sent.out, /^sent customer_faq \(round 1\), version 1 approved by im@example.com, content [0-9a-f]{64}$/m);
  const again = cli(['comms', 'send', '--incident', incidentId, '--channel', 'customer_faq', '--as', 'support@example.com']);
  assert.match(again.err, /^secdesk: the communication was sent already$/m);

  t = await startTestApp({ database });
  const stored = await t.app.store.read.communications.sent(commId);
  assert.equal(stored?.sender, 'support@example.com (cli)');
  assert.equal(stored?.approver, 'im@example.com');
});
