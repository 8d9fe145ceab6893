// The exactly-once proof: the real CLI sends a FANOUT_CRASH_RECIPIENTS-recipient list (100,000 by
// default on PostgreSQL, 5,000 on PGlite) to a local relay and is killed with SIGKILL at random points
// FANOUT_CRASH_KILLS times (4), restarted after each kill, until the send is done. The relay counts
// what it accepted per recipient. Asserted, on every run, what the product guarantees (README,
// "Exactly once"): nobody got two messages; everybody got exactly one except recipients the product
// lists as ambiguous (a kill between recording a message and its dot reaching the kernel), who got at
// most one; the database agrees. Then the operator re-sends the ambiguous ones (audited): afterwards
// nobody is missing, and a second copy can only be an ambiguous recipient's, with the same Message-ID.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, TEST_ENGINE } from '../support/database.ts';
import { startCountingSink } from '../support/counting-sink.ts';

// PGlite sends several times slower than PostgreSQL on this 2-core CI box: 5,000 there keeps the run within minutes.
const COUNT = Number(process.env.FANOUT_CRASH_RECIPIENTS ?? (TEST_ENGINE === 'postgres' ? 100_000 : 5_000));
const KILLS = Number(process.env.FANOUT_CRASH_KILLS ?? 4);
const REVIEWER = 'reviewer@secdesk.example';
const addressOf = (i: number) => `r${i}@d${i % 97}.example.com`;

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('email,first name,audience\n');
  for (let i = 0; i < COUNT; i++) if (!out.write(`${addressOf(i)},Person ${i},${i % 2 ? 'users' : 'customers'}\n`)) await once(out, 'drain');
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

test(`SIGKILL ${KILLS} times during a ${COUNT}-recipient send: every recipient gets exactly one message (${TEST_ENGINE})`, {
  timeout: 15 * 60_000,
}, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-crash-'));
  const database = await createTestDatabase(TEST_ENGINE, path.join(dir, 'data'));
  const sink = await startCountingSink();
  const env = {
    ...process.env,
    ...database.env,
    SECDESK_DATA_DIR: path.join(dir, 'data'),
    SECDESK_LOG_LEVEL: 'warn',
    SECDESK_SEED_DEMO: 'false',
    SMTP_PORT: '0',
    SMTP_URL: sink.url,
    SECDESK_FANOUT_CONNECTIONS: '20',
    SECDESK_FANOUT_LEASE_SECONDS: '2',
    SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS: '10',
  } as Record<string, string>;
  let child: ChildProcess | null = null;
  try {
    const csv = path.join(dir, 'list.csv');
    await writeCsv(csv);
    writeFileSync(path.join(dir, 'body.txt'), 'Dear {{first_name}},\nwe rotated the signing keys; nothing for you to do.\n');
    const imported = spawnSync(process.execPath, ['bin/secdesk.js', 'comms', 'import', '--file', csv, '--name', 'crash test'], {
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(imported.status, 0, imported.stderr);
    const listId = /^list (\S+): (\d+) members/m.exec(imported.stdout)!;
    assert.equal(Number(listId[2]), COUNT);

    let sendId: string | null = null;
    const start = (args: string[]) => {
      const proc = spawn(process.execPath, ['bin/secdesk.js', 'comms', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      proc.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        sendId ??= /^send (\S+)$/m.exec(out)?.[1] ?? null;
      });
      let err = '';
      proc.stderr!.on('data', (c: Buffer) => void (err += c.toString()));
      const exited = once(proc, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null, out, err }));
      return { proc, exited };
    };
    const real = () => sink.accepted() - (sink.counts.get(REVIEWER) ?? 0);
    const points = Array.from({ length: KILLS }, () => Math.floor(COUNT * (0.02 + Math.random() * 0.9))).sort((a, b) => a - b);
    let run = start([
      'send',
      '--list',
      listId[1]!,
      '--subject',
      'Key rotation',
      '--body-file',
      path.join(dir, 'body.txt'),
      '--from',
      'security@secdesk.example',
      '--test-to',
      REVIEWER,
    ]);
    child = run.proc;
    const kills: number[] = [];
    for (const point of points) {
      // Wait until the relay has accepted `point` messages, then kill at once, mid-flight.
      for (;;) {
        if (real() >= point) break;
        if (run.proc.exitCode !== null) throw new Error(`the sender exited early: ${JSON.stringify(await run.exited)}`);
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
      }
      run.proc.kill('SIGKILL');
      const exit = await run.exited;
      assert.equal(exit.signal, 'SIGKILL');
      kills.push(real());
      assert.ok(sendId, 'the send was created before the first kill');
      run = start(['resume', sendId!]);
      child = run.proc;
    }
    const finished = await run.exited;
    assert.equal(finished.code, 0, finished.err);
    assert.match(finished.out, /^done: sent \d+, failed 0, pending 0/m);

    const progressOf = () => JSON.parse(spawnSync(process.execPath, ['bin/secdesk.js', 'comms', 'progress', sendId!], { env, encoding: 'utf8' }).stdout);
    const progress = progressOf();
    const listed = spawnSync(process.execPath, ['bin/secdesk.js', 'comms', 'ambiguous', sendId!], { env, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    const ambiguous = listed.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { seq: number; email: string; messageId: string });
    const ambiguousSet = new Set(ambiguous.map((a) => a.email));
    const tally = () => {
      const missing: string[] = [];
      const twice: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        const n = sink.counts.get(addressOf(i)) ?? 0;
        if (n === 0) missing.push(addressOf(i));
        if (n > 1) twice.push(addressOf(i));
      }
      return { missing, twice };
    };
    const first = tally();
    const deliveredAmbiguous = ambiguous.filter((a) => sink.counts.get(a.email) === 1).length;
    console.log(
      `# killed at ${kills.join(', ')} accepted; after recovery: unconfirmed ${progress.unconfirmed}, ambiguous ${ambiguous.length} (${deliveredAmbiguous} of them had reached the relay)`,
    );

    // The automatic path: nobody twice, nobody skipped silently.
    assert.deepEqual(first.twice.slice(0, 10), [], `${first.twice.length} recipients got more than one message`);
    assert.deepEqual(first.missing.filter((a) => !ambiguousSet.has(a)).slice(0, 10), [], 'every recipient not listed as ambiguous got their message');
    assert.equal(progress.ambiguous, ambiguous.length);
    assert.equal(progress.sent + progress.ambiguous, COUNT);
    assert.equal(progress.failed + progress.pending + progress.sending, 0);
    for (const a of ambiguous) assert.equal(a.messageId, `${sendId}.${Number(a.email.slice(1, a.email.indexOf('@')))}@secdesk.example`);

    if (ambiguous.length) {
      // The operator's decision, as the product offers it: re-send them, same Message-ID.
      // Not spawnSync: the relay runs in this process and must keep answering.
      run = start(['resend-ambiguous', sendId!]);
      child = run.proc;
      const resent = await run.exited;
      assert.equal(resent.code, 0, resent.err);
      assert.match(resent.out, /^done: sent \d+, failed 0, pending 0/m);
    }
    const final = tally();
    const after = progressOf();
    assert.deepEqual(final.missing.slice(0, 10), [], `${final.missing.length} recipients got nothing`);
    assert.deepEqual(final.twice.filter((a) => !ambiguousSet.has(a)).slice(0, 10), [], 'only an ambiguous recipient can hold a second copy');
    for (const a of final.twice) assert.deepEqual(new Set(sink.messageIds.get(a)).size, 1, `${a}'s copies carry one Message-ID`);
    assert.equal(final.twice.length, deliveredAmbiguous);
    assert.equal(after.sent, COUNT);
    assert.equal(after.ambiguous + after.failed + after.pending + after.sending, 0);
    const ids = new Set([...sink.messageIds.entries()].filter(([a]) => a !== REVIEWER).map(([, v]) => v[0]));
    assert.equal(ids.size, COUNT, 'every recipient has their own Message-ID');
  } finally {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await sink.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
