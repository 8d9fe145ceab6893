// `npm run bench:metrics`: how long GET /api/metrics/inbox takes over many tickets. On embedded
// PGlite (a fresh data directory on disk) and then on PostgreSQL (a fresh database, dropped
// afterwards), N tickets spread over the default period (the last 12 weeks) are inserted in bulk:
// a mix of dispositions, handling times and SLA pauses, a tenth of them noise without an SLA. Then
// the endpoint is asked R times through the real HTTP stack by a signed-in analyst; prints the
// time of the first answer, p50 and max, and checks that the report counts every ticket.
//
// Options (arguments or environment): --tickets N (BENCH_TICKETS, 20000), --requests R
// (BENCH_REQUESTS, 10), --engines pglite,postgres (BENCH_ENGINES). PostgreSQL: SECDESK_TEST_PG_URL.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { createApp, type App } from '../src/app/app.ts';
import { buildHttpServer } from '../src/adapters/http/server.ts';
import { createCalendar } from '../src/domains/calendar/calendar.ts';
import { firstHandlingDue } from '../src/domains/tickets/sla.ts';
import { DISPOSITIONS } from '../src/domains/tickets/tickets.types.ts';
import { enginesOption, percentile, prepare, wholeNumber as int, type Engine } from './support.ts';
import { createUser, signIn } from '../test/support/session.ts';

const HOUR = 3_600_000;
const BATCH = 1000;

function options() {
  const { values } = parseArgs({ options: { tickets: { type: 'string' }, requests: { type: 'string' }, engines: { type: 'string' } } });
  const engines = enginesOption(values.engines);
  return {
    tickets: int(values.tickets ?? process.env.BENCH_TICKETS, 20_000, 500_000),
    requests: int(values.requests ?? process.env.BENCH_REQUESTS, 10, 1000),
    engines,
  };
}

/** A deterministic pseudo-random stream (mulberry32), so both engines get the same tickets. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertTickets(app: App, n: number): Promise<void> {
  const calendar = createCalendar();
  const rand = random(42);
  const now = Date.now();
  // Within the default period (from the Monday 11 weeks before this week), whatever the weekday today.
  const span = 11 * 7 * 24 * HOUR;
  for (let start = 0; start < n; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const createdAt = new Date(now - 1000 - Math.floor(rand() * span));
      const noise = rand() < 0.1;
      const handled = rand() < 0.85 ? new Date(createdAt.getTime() + Math.floor(rand() * rand() * 96 * HOUR)) : null;
      const paused = !noise && rand() < 0.1;
      const pauseFrom = new Date(createdAt.getTime() + HOUR);
      rows.push({
        subject: `Benchmark report ${i}`,
        status: handled ? (rand() < 0.5 ? 'solved' : 'closed') : (['new', 'open', 'pending'] as const)[Math.floor(rand() * 3)]!,
        requester_email: `reporter${i}@bench.example`,
        requester_name: null,
        organisation: null,
        assignee_id: null,
        disposition: handled && !noise ? DISPOSITIONS[Math.floor(rand() * DISPOSITIONS.length)]! : null,
        tags: noise ? ['auto-reply'] : [],
        sla_due_at: noise ? null : firstHandlingDue(calendar, createdAt),
        first_handled_at: handled && handled.getTime() < now ? handled : null,
        created_at: createdAt,
        updated_at: createdAt,
        status_changed_at: createdAt,
        sla_pauses: JSON.stringify(paused ? [{ from: pauseFrom, to: new Date(pauseFrom.getTime() + 2 * HOUR) }] : []),
      });
    }
    await app.database.db.insertInto('tickets').values(rows).execute();
  }
}

async function run(engine: Engine, env: Record<string, string>, tickets: number, requests: number) {
  const config = loadConfig({ ...env, SECDESK_LOG_LEVEL: 'warn', SECDESK_SEED_DEMO: 'false', PORT: '0' });
  const app = await createApp(config, { workers: false, logger: pino({ level: 'warn' }) });
  const http = await buildHttpServer(app);
  try {
    await http.ready();
    const insertStart = performance.now();
    await insertTickets(app, tickets);
    console.log(`${engine}: ${tickets} tickets inserted in ${((performance.now() - insertStart) / 1000).toFixed(1)} s`);
    await createUser(app, 'analyst@bench.example', ['security_analyst']);
    const analyst = await signIn(http, 'analyst@bench.example');
    const times: number[] = [];
    let counted = 0;
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      const res = await analyst.request('GET', '/api/metrics/inbox');
      times.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`${engine}: ${res.statusCode} ${res.body}`);
      counted = res.json().sections.find((s: { key: string }) => s.key === 'tickets_by_disposition').figures[0].value;
    }
    const first = times[0]!;
    const sorted = [...times].sort((a, b) => a - b);
    return { engine, tickets, counted, requests, first, p50: percentile(sorted, 50), max: sorted.at(-1)! };
  } finally {
    await http.close();
    await app.close();
  }
}

async function main(): Promise<number> {
  const opts = options();
  let ok = true;
  for (const engine of opts.engines) {
    const target = await prepare(engine);
    if (!target) continue;
    try {
      const r = await run(engine, target.env, opts.tickets, opts.requests);
      console.log(
        `${r.engine}: GET /api/metrics/inbox over ${r.counted} tickets, ${r.requests} requests: first ${r.first.toFixed(0)} ms, p50 ${r.p50.toFixed(0)} ms, max ${r.max.toFixed(0)} ms`,
      );
      if (r.counted !== r.tickets) {
        console.error(`${r.engine}: the report counted ${r.counted} of ${r.tickets} tickets`);
        ok = false;
      }
    } finally {
      await target.drop();
    }
  }
  return ok ? 0 : 1;
}

process.exitCode = await main().catch((err: Error) => {
  console.error(`bench:metrics: ${err.message}`);
  return 1;
});
