// Durable jobs: they survive a restart, retry with backoff, land in dead letters, commit only
// with their transaction, and (on PostgreSQL) several instances share one queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn } from '../support/session.ts';

const FAST = { pollingIntervalSeconds: 0.5 };

function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = async () => {
      const value = await check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 100);
    };
    void tick();
  });
}

async function freshDatabase() {
  const dir = TEST_ENGINE === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'secdesk-jobs-')) : 'memory://';
  return createTestDatabase(TEST_ENGINE, dir);
}

test(`a job survives a restart and runs exactly once (${TEST_ENGINE})`, async () => {
  const database = await freshDatabase();
  const first = await startTestApp({ database });
  await first.app.jobs.define({ name: 'test.restart' });
  await first.app.store.transaction((s) => s.jobs.send('test.restart', { note: 'before restart' }));
  await first.close();

  const second = await startTestApp({ database });
  try {
    const seen: unknown[] = [];
    await second.app.jobs.define({ name: 'test.restart' });
    await second.app.jobs.work('test.restart', async (data) => void seen.push(data), FAST);
    await waitFor(() => (seen.length ? true : undefined), 'the job to run');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(seen, [{ note: 'before restart' }]);
  } finally {
    await second.close();
    await database.drop();
  }
});

test('a job enqueued in a transaction that rolls back never exists', async () => {
  const t = await startTestApp();
  try {
    await t.app.jobs.define({ name: 'test.rollback' });
    await assert.rejects(
      t.app.store.transaction(async (s) => {
        await s.jobs.send('test.rollback', { n: 1 });
        throw new Error('abort');
      }),
      /abort/,
    );
    await t.app.store.transaction((s) => s.jobs.send('test.rollback', { n: 2 }));
    const queued = await t.app.jobs.boss.findJobs<{ n: number }>('test.rollback', { queued: true });
    assert.deepEqual(
      queued.map((j) => j.data),
      [{ n: 2 }],
    );
  } finally {
    await t.close();
  }
});

test('a failing job retries with backoff, lands in dead letters, and can be retried from there', async () => {
  const t: TestApp = await startTestApp();
  try {
    await createUser(t.app, 'admin@example.com', ['admin']);
    const admin = await signIn(t.http, 'admin@example.com');
    const attempts: number[] = [];
    let healthy = false;
    await t.app.jobs.define({ name: 'test.flaky', retryLimit: 2, retryDelaySeconds: 1 });
    await t.app.jobs.work<{ n: number }>(
      'test.flaky',
      async (_data, job) => {
        attempts.push(Date.now());
        assert.equal(job.retryCount, attempts.length - 1);
        if (!healthy) throw new Error('downstream unavailable');
      },
      FAST,
    );
    await t.app.store.transaction((s) => s.jobs.send('test.flaky', { n: 7 }));

    const dead = await waitFor(async () => {
      const res = (await admin.request('GET', '/api/admin/jobs/dead-letters')).json();
      return res.items.length ? res.items : undefined;
    }, 'a dead letter');
    assert.equal(attempts.length, 3, 'the first run and two retries');
    assert.ok(attempts[2]! - attempts[1]! > attempts[1]! - attempts[0]!, 'the delay grows');
    assert.equal(dead[0].originalQueue, 'test.flaky');
    assert.deepEqual(dead[0].data, { n: 7 });
    assert.equal(dead[0].error, 'downstream unavailable');
    const queues = (await admin.request('GET', '/api/admin/jobs')).json().queues;
    assert.equal(queues.find((q: { name: string }) => q.name === 'test.flaky').deadLetters, 1);

    healthy = true;
    const retried = await admin.request('POST', `/api/admin/jobs/dead-letters/${dead[0].queue}/${dead[0].id}/retry`);
    assert.equal(retried.statusCode, 202);
    await waitFor(() => (attempts.length === 4 ? true : undefined), 'the retried job to run');
    assert.equal((await admin.request('GET', '/api/admin/jobs/dead-letters')).json().items.length, 0);
    assert.equal((await admin.request('POST', `/api/admin/jobs/dead-letters/${dead[0].queue}/${dead[0].id}/retry`)).statusCode, 404);
  } finally {
    await t.close();
  }
});

test('two instances on one PostgreSQL share a queue; each job runs once', {
  skip: TEST_ENGINE !== 'postgres' && 'one embedded database serves one process',
}, async () => {
  const database = await createTestDatabase('postgres');
  const a = await startTestApp({ database });
  const b = await startTestApp({ database });
  try {
    const runs: { instance: string; n: number }[] = [];
    for (const [instance, t] of [
      ['a', a],
      ['b', b],
    ] as const) {
      await t.app.jobs.define({ name: 'test.shared' });
      await t.app.jobs.work<{ n: number }>(
        'test.shared',
        async ({ n }) => {
          runs.push({ instance, n });
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
        { ...FAST, concurrency: 2 },
      );
    }
    await a.app.store.transaction(async (s) => {
      for (let n = 0; n < 40; n++) await s.jobs.send('test.shared', { n });
    });
    await waitFor(() => (runs.length >= 40 ? true : undefined), 'all jobs to run');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.deepEqual(
      runs.map((r) => r.n).sort((x, y) => x - y),
      Array.from({ length: 40 }, (_, i) => i),
    );
    assert.ok(new Set(runs.map((r) => r.instance)).size === 2, 'both instances took work');
  } finally {
    await a.close();
    await b.close();
    await database.drop();
  }
});
