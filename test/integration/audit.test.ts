// The audit log in the database: append-only, hash-chained, and tampering is detected — also a cut
// tail, against signed checkpoints kept outside the database (a file, the log, a write-once bucket).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn } from '../support/session.ts';
import { startFakeS3, type FakeS3 } from '../support/fake-s3.ts';
import { waitFor } from '../support/until.ts';
import { AUDIT_CHECKPOINT_QUEUE, type CheckpointJob } from '../../src/domains/audit/audit-anchor.service.ts';
import { checkpointPayload, type AuditCheckpoint } from '../../src/domains/audit/audit-anchor.ts';

let t: TestApp;
let s3: FakeS3;
let dataDir: string;
const credentials = { accessKeyId: 'AKIDAUDIT', secretAccessKey: 'audit-checkpoint-secret' };
const ctx = { actor: { kind: 'system' as const, userId: null, label: 'test', roles: [] } };
before(async () => {
  s3 = await startFakeS3({ bucket: 'audit-anchor', ...credentials });
  dataDir = mkdtempSync(path.join(tmpdir(), 'secdesk-audit-'));
  const target = { endpoint: s3.endpoint, bucket: 'audit-anchor', prefix: 'secdesk/', retainDays: 30, ...credentials };
  t = await startTestApp({ env: { SECDESK_DATA_DIR: dataDir, SECDESK_AUDIT_CHECKPOINT_S3: JSON.stringify(target) } });
  for (let i = 1; i <= 5; i++) {
    await t.app.store.transaction((s) =>
      s.audit.append(ctx, {
        action: 'thing.changed',
        entityType: 'thing',
        entityId: String(i),
        before: { v: i - 1 },
        after: { v: i, password: 'never stored' },
      }),
    );
  }
});
after(async () => {
  await t.close();
  await s3.close();
});

const db = () => t.app.database.db;
const verify = () => t.app.services.auditAnchor.verify();
const checkpointFile = () => path.join(dataDir, 'audit-anchor', 'checkpoints.jsonl');
const checkpoints = (): AuditCheckpoint[] =>
  readFileSync(checkpointFile(), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

test('entries are chained and secrets are redacted', async () => {
  const result = await verify();
  assert.equal(result.problem, null);
  assert.equal(result.entries, 5);
  const row = await db().selectFrom('audit_log').select('after').where('seq', '=', 1).executeTakeFirstOrThrow();
  assert.deepEqual(row.after, { v: 1, password: '(redacted)' });
});

test('concurrent appends keep the chain intact', async () => {
  await Promise.all(
    Array.from({ length: 10 }, (_, i) => t.app.store.transaction((s) => s.audit.append(ctx, { action: 'burst', entityType: 'thing', entityId: `b${i}` }))),
  );
  const result = await verify();
  assert.equal(result.problem, null);
  assert.equal(result.entries, 15);
});

test('UPDATE, DELETE and TRUNCATE are refused', async () => {
  await assert.rejects(sql`update audit_log set action = 'x' where seq = 1`.execute(db()), /append-only/);
  await assert.rejects(sql`delete from audit_log where seq = 1`.execute(db()), /append-only/);
  await assert.rejects(sql`truncate audit_log`.execute(db()), /append-only/);
});

async function tamper(statement: ReturnType<typeof sql>) {
  await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db());
  try {
    await statement.execute(db());
  } finally {
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db());
  }
}

test('every verify writes a signed checkpoint to the data directory and the write-once bucket', async () => {
  const before = checkpoints().length;
  const result = await verify();
  assert.equal(result.problem, null);
  assert.equal(result.checkpoint?.seq, 15, "compared with the previous verify's checkpoint");
  assert.deepEqual(result.warnings, []);
  const lines = checkpoints();
  assert.equal(lines.length, before + 1);
  const newest = lines.at(-1)!;
  assert.deepEqual({ seq: newest.seq, hash: newest.hash, entries: newest.entries }, { seq: 15, hash: result.head!.hash, entries: 15 });
  assert.equal(statSync(path.join(dataDir, 'audit-anchor', 'key.pem')).mode & 0o777, 0o600);
  const stored = [...s3.objects.entries()].find(
    ([key]) => key.startsWith(`secdesk/${newest.keyId}/000000000015-`) && JSON.parse(String(s3.objects.get(key)!.body)).at === newest.at,
  );
  assert.ok(stored, `the checkpoint is in the bucket (have ${[...s3.objects.keys()].join(', ')})`);
  assert.equal(stored[1].headers['x-amz-object-lock-mode'], 'COMPLIANCE');
  assert.ok(Date.parse(String(stored[1].headers['x-amz-object-lock-retain-until-date'])) > Date.parse(newest.at));
  assert.deepEqual(s3.rejected, []);
});

async function tailRows(fromSeq: number) {
  return db().selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
}

async function putBack(rows: Awaited<ReturnType<typeof tailRows>>) {
  await tamper(sql`delete from audit_log where seq >= ${rows[0]!.seq}`);
  for (const row of rows)
    await db()
      .insertInto('audit_log')
      .values({ ...row, before: JSON.stringify(row.before), after: JSON.stringify(row.after) })
      .execute();
}

test('deleting the newest entries (trigger disabled) is reported as a cut tail with the count', async () => {
  await verify(); // a checkpoint at #15
  const saved = await tailRows(14);
  await tamper(sql`delete from audit_log where seq >= 14`);
  const cut = await verify();
  assert.deepEqual(cut.problem, { seq: 14, problem: 'tail_cut', gone: 2 });
  assert.equal(cut.anchored, null, 'no checkpoint is signed over a cut tail');
  const { describeProblem } = await import('../../src/domains/audit/audit-anchor.ts');
  assert.equal(describeProblem(cut.problem!), 'tail cut: 2 entries after seq 13 are gone');
  await assert.rejects(t.app.services.auditAnchor.checkpoint(), /tail cut: 2 entries after seq 13 are gone/);

  // Cut, then new entries appended where the old ones were: the chain is intact, the checkpoint's entry is not.
  await t.app.store.transaction((s) => s.audit.append(ctx, { action: 'cover.up', entityType: 'thing', entityId: 'x' }));
  await t.app.store.transaction((s) => s.audit.append(ctx, { action: 'cover.up', entityType: 'thing', entityId: 'y' }));
  assert.deepEqual((await verify()).problem, { seq: 15, problem: 'rewritten' });

  await putBack(saved);
  assert.equal((await verify()).problem, null);
});

test('a forged or replaced checkpoint file is detected', async () => {
  await verify();
  const original = readFileSync(checkpointFile(), 'utf8');
  const newest = checkpoints().at(-1)!;
  const row13 = await db().selectFrom('audit_log').select('hash').where('seq', '=', 13).executeTakeFirstOrThrow();
  try {
    // Lowered to #13 to hide a cut tail, signature kept.
    writeFileSync(
      checkpointFile(),
      original
        .trimEnd()
        .split('\n')
        .map((l) => JSON.stringify({ ...JSON.parse(l), seq: Math.min(JSON.parse(l).seq, 13), hash: row13.hash }))
        .join('\n') + '\n',
    );
    const lowered = await verify();
    assert.equal(lowered.problem?.problem, 'checkpoint_tampered');
    assert.match(lowered.problem!.detail!, /signature of the newest checkpoint \(#13\) does not verify/);

    // Signed with another key under this host's key id.
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = { ...newest, seq: 99, at: newest.at };
    const { signature: _s, ...unsigned } = forged;
    writeFileSync(
      checkpointFile(),
      `${original}${JSON.stringify({ ...forged, signature: sign(null, Buffer.from(checkpointPayload(unsigned)), other).toString('base64') })}\n`,
    );
    assert.equal((await verify()).problem?.problem, 'checkpoint_tampered');

    writeFileSync(checkpointFile(), `${original}not a checkpoint\n`);
    assert.match((await verify()).problem!.detail!, /is not a checkpoint/);
  } finally {
    writeFileSync(checkpointFile(), original);
  }
  assert.equal((await verify()).problem, null);
});

test('the scheduled job writes checkpoints through the real queue and queues the next', async () => {
  const boss = t.app.jobs.boss;
  const [job] = await boss.findJobs<CheckpointJob>(AUDIT_CHECKPOINT_QUEUE, { queued: true });
  assert.ok(job, 'a checkpoint is scheduled');
  await t.app.store.transaction((s) => s.audit.append(ctx, { action: 'thing.changed', entityType: 'thing', entityId: 'scheduled' }));
  const before = checkpoints().length;
  await boss.update(AUDIT_CHECKPOINT_QUEUE, undefined, { id: job.id, startAfter: new Date() });
  await waitFor(
    async () => ((await boss.findJobs(AUDIT_CHECKPOINT_QUEUE, { id: job.id }))[0]?.state === 'completed' ? true : undefined),
    'the checkpoint job completes',
  );
  const lines = checkpoints();
  assert.equal(lines.length, before + 1);
  const head = await db().selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  assert.deepEqual({ seq: lines.at(-1)!.seq, hash: lines.at(-1)!.hash }, head);
  const next = await boss.findJobs<CheckpointJob>(AUDIT_CHECKPOINT_QUEUE, { queued: true });
  assert.equal(next.length, 1);
  assert.ok(Date.parse(next[0]!.data.slot) > Date.parse(job.data.slot));
});

test('an owner who bypasses the trigger is still caught: edit, relink, delete', async () => {
  await tamper(sql`update audit_log set after = '{"v": 42}' where seq = 3`);
  assert.deepEqual((await verify()).problem, { seq: 3, problem: 'edited' });

  const row = await db().selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
  const { chain } = await import('../../src/domains/audit/audit-chain.ts');
  const { toEntry } = await import('../../src/adapters/db/audit-repository.ts');
  const recomputed = chain({ ...toEntry(row), after: { v: 42 } }, row.prev_hash);
  await tamper(sql`update audit_log set hash = ${recomputed.hash} where seq = 3`);
  assert.deepEqual((await verify()).problem, { seq: 4, problem: 'relinked' });

  await tamper(sql`delete from audit_log where seq = 3`);
  assert.deepEqual((await verify()).problem, { seq: 3, problem: 'missing' });
});

test('the API lists, exports and verifies for auditors only', async () => {
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'engineer@example.com', ['security_engineer']);
  const admin = await signIn(t.http, 'admin@example.com');
  const engineer = await signIn(t.http, 'engineer@example.com');
  const page = (await admin.request('GET', '/api/audit?limit=2&entityType=user')).json();
  assert.equal(page.items.length, 2);
  assert.ok(page.items[0].seq > page.items[1].seq);
  const next = (await admin.request('GET', `/api/audit?limit=2&entityType=user&cursor=${page.nextCursor}`)).json();
  assert.ok(next.items[0].seq < page.items[1].seq);
  const exported = await admin.request('GET', '/api/audit/export');
  assert.match(String(exported.headers['content-type']), /application\/x-ndjson/);
  const lines = (exported as unknown as { body: string }).body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.length > 15);
  assert.ok(lines.every((l, i) => i === 0 || l.seq > lines[i - 1].seq));
  assert.equal((await admin.request('GET', '/api/audit/verify')).json().problem.problem, 'missing');
  assert.equal((await engineer.request('GET', '/api/audit')).statusCode, 403);
  assert.equal((await engineer.request('GET', '/api/audit/export')).statusCode, 403);
});
