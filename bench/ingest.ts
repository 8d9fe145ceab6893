// `npm run bench:ingest`: how fast secdesk takes in mail. secdesk's own SMTP receiver and intake run
// on embedded PGlite (a fresh data directory on disk) and then on PostgreSQL (a fresh database on
// the server, dropped afterwards); N distinct 10 KB messages are sent over real SMTP on loopback by
// C concurrent connections. Accept latency is the time from the end of a message's data to the
// server's 250, which comes only after the ticket is committed. Prints msgs/s and p50/p95/p99, and
// exits non-zero unless every message was accepted and became exactly one ticket.
//
// Options (arguments or environment): --messages N (BENCH_MESSAGES, 2000), --concurrency C
// (BENCH_CONCURRENCY, 8), --engines pglite,postgres (BENCH_ENGINES), --timeout SECONDS
// (BENCH_TIMEOUT_SECONDS, 900, for the whole run). PostgreSQL: SECDESK_TEST_PG_URL, default
// postgres://postgres@127.0.0.1:5432/test (any database; a new one is created beside it).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config/config.ts';
import type { DB } from '../src/adapters/db/schema.ts';
import { createApp } from '../src/app/app.ts';
import { startSmtpReceiver } from '../src/adapters/mail/smtp-receiver.ts';
import { enginesOption, percentile, prepare, wholeNumber as int, type Engine } from './support.ts';
import { openRawSmtp, type RawSmtpSession } from '../test/support/raw-smtp.ts';

const INBOX = 'security@bench.example';
const MESSAGE_BYTES = 10 * 1024;

interface Result {
  engine: Engine;
  messages: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  accepted: number;
  tickets: number;
  refusals: string[];
}

function options() {
  const { values } = parseArgs({
    options: { messages: { type: 'string' }, concurrency: { type: 'string' }, engines: { type: 'string' }, timeout: { type: 'string' } },
  });
  const engines = enginesOption(values.engines);
  return {
    messages: int(values.messages ?? process.env.BENCH_MESSAGES, 2000, 100_000),
    concurrency: int(values.concurrency ?? process.env.BENCH_CONCURRENCY, 8, 100),
    timeoutSeconds: int(values.timeout ?? process.env.BENCH_TIMEOUT_SECONDS, 900, 24 * 3600),
    engines,
  };
}

/** A distinct, plain-text message of exactly MESSAGE_BYTES bytes. */
function message(i: number): Buffer {
  const head = `From: Reporter ${i} <reporter${i}@bench.example>\r\nTo: ${INBOX}\r\nSubject: Benchmark report ${i}\r\nMessage-ID: <bench-${i}-${process.pid}@bench.example>\r\nDate: ${new Date().toUTCString()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`;
  const line = `Report ${i}: the login form reflects the next parameter without encoding it. `.padEnd(76, '-') + '\r\n';
  const body = line.repeat(Math.ceil(MESSAGE_BYTES / line.length)).slice(0, MESSAGE_BYTES - head.length);
  return Buffer.from(head + body);
}

async function sendOne(s: RawSmtpSession, i: number, raw: Buffer): Promise<{ reply: string; ms: number }> {
  const from = await s.command(`MAIL FROM:<reporter${i}@bench.example>`);
  if (!from.startsWith('250')) return { reply: from, ms: 0 };
  const rcpt = await s.command(`RCPT TO:<${INBOX}>`);
  if (!rcpt.startsWith('250')) return { reply: rcpt, ms: 0 };
  return s.data(raw);
}

async function run(engine: Engine, env: Record<string, string>, n: number, c: number): Promise<Result> {
  const config = loadConfig({
    ...env,
    SECDESK_LOG_LEVEL: 'warn',
    SECDESK_SEED_DEMO: 'false',
    PORT: '0',
    SMTP_PORT: '0',
    SECDESK_INBOX_ADDRESS: INBOX,
    // One client address sends everything here; the limits exist for strangers on the internet.
    SMTP_MAX_PER_SENDER_PER_MINUTE: '1000000',
    SMTP_MAX_PER_IP_PER_MINUTE: '1000000',
  });
  const app = await createApp(config, { workers: false, logger: pino({ level: 'warn' }) });
  const receiver = await startSmtpReceiver(config, app.services.mailIntake, app.logger, () => app.services.mailIdentity.address);
  try {
    console.log(`${engine}: ${await durability(engine, app.database.db)}`);
    const messages = Array.from({ length: n }, (_, i) => message(i));
    const latencies: number[] = [];
    const refusals: string[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        const session = await openRawSmtp(receiver.port());
        try {
          for (let i = next++; i < n; i = next++) {
            const { reply, ms } = await sendOne(session, i, messages[i]!);
            if (reply.startsWith('250')) latencies.push(ms);
            else refusals.push(reply);
          }
        } finally {
          session.close();
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const tickets = Number((await sql<{ n: string }>`select count(*) as n from tickets`.execute(app.database.db)).rows[0]!.n);
    latencies.sort((a, b) => a - b);
    return {
      engine,
      messages: n,
      concurrency: c,
      seconds,
      perSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      accepted: latencies.length,
      tickets,
      refusals,
    };
  } finally {
    await receiver.close();
    await app.close();
  }
}

/** What "committed" means on this engine, read from the server rather than assumed. */
async function durability(engine: Engine, db: Kysely<DB>): Promise<string> {
  if (engine === 'pglite')
    return "each commit is written to the data directory before the 250 (PGlite's file system does not fsync: it survives a crash of the process, not of the machine)";
  const { rows } = await sql<{
    fsync: string;
    commit: string;
  }>`select current_setting('fsync') as fsync, current_setting('synchronous_commit') as commit`.execute(db);
  return `fsync ${rows[0]!.fsync}, synchronous_commit ${rows[0]!.commit}`;
}

function table(results: Result[]): string {
  const header = ['engine', 'messages', 'concurrency', 'msgs/s', 'p50 ms', 'p95 ms', 'p99 ms', 'tickets'];
  const rows = results.map((r) => [
    r.engine,
    String(r.messages),
    String(r.concurrency),
    r.perSecond.toFixed(1),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.p99.toFixed(1),
    String(r.tickets),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

async function main(): Promise<number> {
  const opts = options();
  const bound = setTimeout(() => {
    console.error(`bench:ingest: gave up after ${opts.timeoutSeconds} s (--timeout)`);
    process.exit(2);
  }, opts.timeoutSeconds * 1000);
  bound.unref();
  console.log(`bench:ingest: ${opts.messages} messages of ${MESSAGE_BYTES} bytes over SMTP on loopback, ${opts.concurrency} connections`);
  const results: Result[] = [];
  for (const engine of opts.engines) {
    const target = await prepare(engine);
    if (!target) continue;
    console.log(`${engine}: ${target.where}`);
    try {
      results.push(await run(engine, target.env, opts.messages, opts.concurrency));
    } finally {
      await target.drop();
    }
  }
  console.log(`\n${table(results)}\n`);
  let ok = results.length > 0;
  for (const r of results) {
    if (r.refusals.length) console.error(`${r.engine}: ${r.refusals.length} messages refused, first: ${r.refusals[0]}`);
    if (r.tickets !== r.messages || r.accepted !== r.messages) {
      console.error(`${r.engine}: ${r.accepted} accepted and ${r.tickets} tickets for ${r.messages} messages sent`);
      ok = false;
    }
  }
  return ok ? 0 : 1;
}

process.exitCode = await main().catch((err: Error) => {
  console.error(`bench:ingest: ${err.message}`);
  return 1;
});
