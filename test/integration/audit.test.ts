// The audit log in the database: append-only, hash-chained, and tampering is detected.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn } from '../support/session.ts';

let t: TestApp;
const ctx = { actor: { kind: 'system' as const, userId: null, label: 'test', roles: [] } };
before(async () => {
  t = await startTestApp();
  for (let i = 1; i <= 5; i++) {
    await t.app.store.transaction((s) => s.audit.append(ctx, { action: 'thing.changed', entityType: 'thing', entityId: String(i), before: { v: i - 1 }, after: { v: i, password: 'never stored' } }));
  }
});
after(async () => t.close());

const db = () => t.app.database.db;
const verify = () => t.app.store.read.auditLog.verify();

test('entries are chained and secrets are redacted', async () => {
  const result = await verify();
  assert.equal(result.problem, null);
  assert.equal(result.entries, 5);
  const row = await db().selectFrom('audit_log').select('after').where('seq', '=', 1).executeTakeFirstOrThrow();
  assert.deepEqual(row.after, { v: 1, password: '(redacted)' });
});

test('concurrent appends keep the chain intact', async () => {
  await Promise.all(Array.from({ length: 10 }, (_, i) => t.app.store.transaction((s) => s.audit.append(ctx, { action: 'burst', entityType: 'thing', entityId: `b${i}` }))));
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
  const lines = (exported as unknown as { body: string }).body.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length > 15);
  assert.ok(lines.every((l, i) => i === 0 || l.seq > lines[i - 1].seq));
  assert.equal((await admin.request('GET', '/api/audit/verify')).json().problem.problem, 'missing');
  assert.equal((await engineer.request('GET', '/api/audit')).statusCode, 403);
  assert.equal((await engineer.request('GET', '/api/audit/export')).statusCode, 403);
});
