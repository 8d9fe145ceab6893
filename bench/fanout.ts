// `npm run bench:fanout`: how fast secdesk builds a distribution list and fans a message out.
// Writes an N-row CSV (1,000,000 by default) to a temporary directory, imports it (the list-build
// time: streamed parse, validation, dedup, batched inserts), creates a send, does the required test
// send, then sends one personalised message per recipient through the fan-out engine to Debian
// postfix's smtp-sink on a free loopback port. Prints list-build time, messages/second and the peak
// resident memory of this process, and exits non-zero unless every recipient was recorded sent and
// the sink counted one delivery per message.
//
// Options (arguments or environment): --recipients N (BENCH_RECIPIENTS, 1000000), --engine
// postgres|pglite (BENCH_ENGINE, postgres), --connections C (BENCH_CONNECTIONS, 20), --timeout
// SECONDS (BENCH_TIMEOUT_SECONDS, 3600). PostgreSQL: SECDESK_TEST_PG_URL (a new database is created
// beside it and dropped afterwards).
import { spawn } from 'node:child_process';
import { createWriteStream, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { createApp } from '../src/app/app.ts';
import { CLI_CONTEXT } from '../src/app/serve.ts';
import { createPgDatabase } from '../test/support/database.ts';
import { freePort } from '../test/support/net.ts';

const SMTP_SINK = '/usr/sbin/smtp-sink';

function options() {
  const { values } = parseArgs({
    options: { recipients: { type: 'string' }, engine: { type: 'string' }, connections: { type: 'string' }, timeout: { type: 'string' } },
  });
  const int = (value: string | undefined, fallback: number, max: number) => {
    const n = Number(value ?? fallback);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`expected a whole number from 1 to ${max}, got ${value}`);
    return n;
  };
  const engine = values.engine ?? process.env.BENCH_ENGINE ?? 'postgres';
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`--engine is postgres or pglite, got ${engine}`);
  return {
    recipients: int(values.recipients ?? process.env.BENCH_RECIPIENTS, 1_000_000, 10_000_000),
    connections: int(values.connections ?? process.env.BENCH_CONNECTIONS, 20, 200),
    timeoutSeconds: int(values.timeout ?? process.env.BENCH_TIMEOUT_SECONDS, 3600, 24 * 3600),
    engine,
  };
}

async function writeCsv(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('Email Address,First Name,Last Name,Company,Audience\n');
  for (let i = 0; i < n; i++) {
    if (!out.write(`person${i}@d${i % 1000}.bench.example,First${i},Last${i},Company ${i % 5000},${i % 3 ? 'users' : 'customers'}\n`)) await once(out, 'drain');
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** postfix's smtp-sink with a running delivery counter on its standard output. */
async function startSink(): Promise<{ url: string; delivered(): number; stop(): void }> {
  const port = await freePort();
  // As root, smtp-sink must be told which user to run as.
  const asUser = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const sink = spawn(SMTP_SINK, [...asUser, '-c', `127.0.0.1:${port}`, '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let delivered = 0;
  sink.stdout.on('data', (c: Buffer) => {
    const numbers = c.toString().match(/\d+/g);
    if (numbers) delivered = Number(numbers[numbers.length - 1]);
  });
  sink.on('error', (err) => {
    console.error(`bench:fanout: cannot start ${SMTP_SINK} (apt-get install postfix): ${err.message}`);
    process.exit(2);
  });
  sink.on('exit', (code) => {
    if (code) {
      console.error(`bench:fanout: ${SMTP_SINK} exited with ${code}`);
      process.exit(2);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `smtp://127.0.0.1:${port}`, delivered: () => delivered, stop: () => void sink.kill('SIGTERM') };
}

async function main(): Promise<number> {
  const opts = options();
  const bound = setTimeout(() => {
    console.error(`bench:fanout: gave up after ${opts.timeoutSeconds} s (--timeout)`);
    process.exit(2);
  }, opts.timeoutSeconds * 1000);
  bound.unref();
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-bench-fanout-'));
  const pg = opts.engine === 'postgres' ? await createPgDatabase() : null;
  const sink = await startSink();
  const config = loadConfig({
    ...(pg ? { DATABASE_URL: pg.url } : { SECDESK_DATA_DIR: path.join(dir, 'data') }),
    SECDESK_LOG_LEVEL: 'warn',
    SECDESK_SEED_DEMO: 'false',
    PORT: '0',
    SMTP_PORT: '0',
    SMTP_URL: sink.url,
    SECDESK_FANOUT_CONNECTIONS: String(opts.connections),
  });
  const app = await createApp(config, { logger: pino({ level: 'warn' }) });
  // Interrupted: still stop the sink and drop the benchmark's database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      sink.stop();
      void Promise.resolve(pg?.drop()).finally(() => process.exit(130));
    });
  }
  try {
    console.log(`bench:fanout: ${opts.recipients} recipients, ${opts.engine}, ${opts.connections} SMTP connections to ${SMTP_SINK} on loopback`);
    const csv = path.join(dir, 'list.csv');
    let t = performance.now();
    await writeCsv(csv, opts.recipients);
    console.log(`CSV written: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const { list } = await app.services.lists.importCsv(CLI_CONTEXT, { name: 'bench', csv: createReadStream(csv), audience: null });
    const listSeconds = (performance.now() - t) / 1000;
    console.log(`list built: ${list.memberCount} members in ${listSeconds.toFixed(1)} s (${Math.round(list.memberCount / listSeconds)} rows/s)`);
    const body = path.join(dir, 'body.txt');
    writeFileSync(body, 'Dear {{first_name}} {{last_name}} of {{company}},\nwe rotated the signing keys on our side; nothing for you to do.\n');
    t = performance.now();
    const send = await app.services.sends.create(CLI_CONTEXT, {
      listId: list.id,
      audience: null,
      from: 'security@bench.example',
      subject: 'Key rotation',
      body: 'Dear {{first_name}} {{last_name}} of {{company}},\nwe rotated the signing keys on our side; nothing for you to do.\n',
      listMail: false,
    });
    console.log(`send created (recipients copied): ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const test = await app.services.sends.testSend(CLI_CONTEXT, send.id, ['reviewer@bench.example']);
    await waitDone(app, test.id);
    t = performance.now();
    await app.services.sends.start(CLI_CONTEXT, send.id);
    const done = await waitDone(app, send.id);
    const sendSeconds = (performance.now() - t) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(`sent: ${done.sent} in ${sendSeconds.toFixed(1)} s = ${(done.sent / sendSeconds).toFixed(0)} messages/s (failed ${done.failed})`);
    console.log(`peak RSS (this process: import + engine): ${peakMb.toFixed(0)} MB`);
    console.log(`smtp-sink counted ${sink.delivered()} deliveries (including 1 test send)`);
    return done.sent === opts.recipients && done.failed === 0 && sink.delivered() === opts.recipients + 1 ? 0 : 1;
  } finally {
    await app.close();
    sink.stop();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitDone(app: Awaited<ReturnType<typeof createApp>>, sendId: string) {
  let last = 0;
  for (;;) {
    const p = await app.services.sends.progress(CLI_CONTEXT, sendId);
    if (p.status === 'done') return p;
    if (Date.now() - last > 10_000) {
      last = Date.now();
      console.log(`  ${p.status}: sent ${p.sent}, pending ${p.pending + p.sending}, ${p.rate}/s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
}

process.exitCode = await main();
