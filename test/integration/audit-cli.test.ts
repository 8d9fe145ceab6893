// `secdesk audit verify` as an operator runs it, after a database owner cut the log's tail with the
// append-only trigger disabled: the signed checkpoint the previous verify left outside the database
// shows how many entries are gone, and the command exits non-zero.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestDatabase } from '../support/harness.ts';

let database: TestDatabase;
let env: Record<string, string>;
const ctx = { actor: { kind: 'system' as const, userId: null, label: 'test', roles: [] } };
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-audit-cli-'));
  database = await createTestDatabase(TEST_ENGINE, dir);
  env = { ...process.env, SECDESK_DATA_DIR: dir, SECDESK_LOG_LEVEL: 'warn', ...database.env } as Record<string, string>;
});
after(async () => database.drop());

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/secdesk.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The embedded engine serves one process at a time: open, work, close, then run the command line. */
async function withTestApp(work: (t: Awaited<ReturnType<typeof startTestApp>>) => Promise<void>) {
  const t = await startTestApp({ database, env: { SECDESK_DATA_DIR: env.SECDESK_DATA_DIR! } });
  try {
    await work(t);
  } finally {
    await t.close();
  }
}

test('audit verify reports the newest two entries deleted as a cut tail and exits 1', async () => {
  let head = 0;
  await withTestApp(async (t) => {
    for (let i = 1; i <= 4; i++)
      await t.app.store.transaction((s) => s.audit.append(ctx, { action: 'thing.changed', entityType: 'thing', entityId: String(i) }));
    head = (await t.app.store.read.auditLog.head())!.seq;
  });
  const intact = cli(['audit', 'verify']);
  assert.equal(intact.code, 0, intact.err);
  assert.match(intact.out, new RegExp(`^audit log intact: ${head} entries, head #${head} [0-9a-f]{64}$`, 'm'));
  assert.match(intact.out, /^no earlier checkpoint on this host$/m);
  assert.match(intact.out, new RegExp(`^checkpoint written: #${head}$`, 'm'));

  await withTestApp(async (t) => {
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(t.app.database.db);
    await sql`delete from audit_log where seq > ${head - 2}`.execute(t.app.database.db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(t.app.database.db);
  });
  const cut = cli(['audit', 'verify']);
  assert.equal(cut.code, 1, cut.out + cut.err);
  assert.equal(cut.out.trim(), `tail cut: 2 entries after seq ${head - 2} are gone`);
});
