// `npm run bench:status`: the public status page under load. Starts secdesk (PGlite by default, or
// PostgreSQL) seeded with components and a live incident with several published updates, and nginx
// serving the same bytes as static files on another loopback port; then loads each with wrk: the
// HTML page, the JSON, and a conditional request (If-None-Match, answered 304). Prints requests/second
// and p99 latency for each and the secdesk/nginx ratio. During the secdesk HTML load it publishes an
// update and measures how long until a GET shows it (target: within 1 s). Skips, with a message, when
// wrk or nginx is missing. Not part of `npm test`.
//
// Options (arguments or environment): --engine pglite|postgres (BENCH_ENGINE, pglite), --seconds S
// (BENCH_SECONDS, 10) per run, --connections C (BENCH_CONNECTIONS, 50), --threads T (BENCH_THREADS,
// 2), --nginx-workers W (BENCH_NGINX_WORKERS, 1: one process each, like for like), --workers N
// (BENCH_WORKERS, 0: secdesk in this process; N: `secdesk serve --workers N` as a separate process
// group on PostgreSQL, where a publish made here reaches the workers through the version poll).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import pino from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { createApp, type App } from '../src/app/app.ts';
import { CLI_CONTEXT } from '../src/app/serve.ts';
import { buildHttpServer } from '../src/adapters/http/server.ts';
import { prepare, wholeNumber as int, type Engine } from './support.ts';
import { freePort } from '../test/support/net.ts';
import { cpuModel, missingTools, runWrk, startNginx, type LoadResult, type StaticFile } from './load-tools.ts';
import { publicIncidentText } from '../src/domains/statuspage/public-text.ts';

function options() {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      seconds: { type: 'string' },
      connections: { type: 'string' },
      threads: { type: 'string' },
      'nginx-workers': { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const engine = values.engine ?? process.env.BENCH_ENGINE ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engine is pglite or postgres, got ${engine}`);
  return {
    engine: engine as Engine,
    seconds: int(values.seconds ?? process.env.BENCH_SECONDS, 10, 600),
    connections: int(values.connections ?? process.env.BENCH_CONNECTIONS, 50, 10_000),
    threads: int(values.threads ?? process.env.BENCH_THREADS, 2, 64),
    nginxWorkers: int(values['nginx-workers'] ?? process.env.BENCH_NGINX_WORKERS, 1, 64),
    workers: (values.workers ?? process.env.BENCH_WORKERS) ? int(values.workers ?? process.env.BENCH_WORKERS, 1, 64) : 0,
  };
}

const COMPONENTS = [
  ['api', 'API', 'Platform'],
  ['web', 'Web app', 'Platform'],
  ['sso', 'Single sign-on', 'Platform'],
  ['git', 'Git over SSH', 'Platform'],
  ['ci', 'CI runners', 'CI/CD'],
  ['registry', 'Container registry', 'CI/CD'],
  ['pages', 'Pages', 'Hosting'],
  ['mail', 'Notification mail', null],
] as const;
const UPDATES = [
  ['investigating', 'We are investigating reports of failed sign-ins through single sign-on.'],
  ['identified', 'A certificate used to validate identity provider responses was rotated early. We are **rolling back**.'],
  [
    'monitoring',
    'The previous certificate is back in place. Sign-ins succeed again; we are watching error rates.\n\n- SSO sign-ins: recovered\n- API tokens: not affected',
  ],
] as const;

async function seed(app: App): Promise<string> {
  for (const [slug, name, group] of COMPONENTS)
    await app.services.statusComponents.create(CLI_CONTEXT, { slug, name, group, description: `${name} for every customer` });
  const incident = await app.services.incidents.declare(CLI_CONTEXT, {
    title: 'Sign-in failures through SSO',
    description: '',
    type: 'other',
    impact: 3,
    likelihood: 4,
    visibility: 'normal',
    facts: {},
  });
  for (const [status, body] of UPDATES) {
    await app.services.statusPage.publishIncidentUpdate(CLI_CONTEXT, {
      incidentId: incident.id,
      status,
      text: publicIncidentText({ title: 'Sign-in failures', body }),
      componentSlugs: ['sso', 'web'],
      componentState: 'partial_outage',
    });
  }
  return incident.id;
}

/** Publishes an update mid-load and polls the page until it shows; milliseconds from the publish call. */
async function visibleAfter(app: App, base: string, incidentId: string): Promise<number> {
  const marker = `Update ${Date.now()}: still monitoring.`;
  const start = performance.now();
  await app.services.statusPage.publishIncidentUpdate(CLI_CONTEXT, { incidentId, status: 'monitoring', text: publicIncidentText({ body: marker }) });
  for (;;) {
    const body = await (await fetch(`${base}/status`)).text();
    if (body.includes(marker)) return performance.now() - start;
    if (performance.now() - start > 30_000) throw new Error('the published update did not show within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `secdesk serve --workers N` on the benchmark's database, as an operator would run it. */
async function startCluster(env: Record<string, string>, workers: number): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve(import.meta.dirname, '../bin/secdesk.js'), 'serve', '--workers', String(workers)], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      SMTP_PORT: '0',
      SECDESK_LOG_LEVEL: 'warn',
      SECDESK_SEED_DEMO: 'false',
      SECDESK_STATUS_KEEP_LAST: 'false',
      SECDESK_STATUS_NAME: 'Example',
      SECDESK_ADMIN_PASSWORD: 'bench-admin-password',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  while (!output.includes('running at')) {
    if (child.exitCode !== null || Date.now() - started > 120_000) throw new Error(`secdesk serve --workers ${workers} did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const fmt = (r: LoadResult) =>
  `${r.requestsPerSecond.toFixed(0).padStart(8)} req/s  p99 ${r.p99Ms.toFixed(2).padStart(7)} ms${r.badResponses ? `  (${r.badResponses} errors/unexpected)` : ''}`;

async function main(): Promise<number> {
  const missing = missingTools();
  if (missing) {
    console.log(`bench:status: skipped: ${missing}`);
    return 0;
  }
  const opts = options();
  if (opts.workers && opts.engine !== 'postgres') throw new Error('--workers needs --engine postgres (the embedded database belongs to one process)');
  const where = await prepare(opts.engine);
  if (!where) return 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-bench-status-'));
  const config = loadConfig({
    ...where.env,
    SECDESK_LOG_LEVEL: 'warn',
    SECDESK_SEED_DEMO: 'false',
    PORT: '0',
    SMTP_PORT: '0',
    SECDESK_STATUS_KEEP_LAST: 'false',
    SECDESK_STATUS_NAME: 'Example',
  });
  const app = await createApp(config, { logger: pino({ level: 'warn' }) });
  const http = await buildHttpServer(app);
  // No per-request log lines: the benchmark measures serving, not logging.
  http.log.level = 'warn';
  await http.listen({ port: 0, host: '127.0.0.1' });
  let secdesk = `http://127.0.0.1:${(http.server.address() as { port: number }).port}`;
  let nginx: Awaited<ReturnType<typeof startNginx>> | null = null;
  let cluster: Awaited<ReturnType<typeof startCluster>> | null = null;
  try {
    const incidentId = await seed(app);
    if (opts.workers) {
      cluster = await startCluster(where.env, opts.workers);
      secdesk = cluster.base;
    }
    const html = await fetch(`${secdesk}/status`);
    const json = await fetch(`${secdesk}/status.json`);
    const etag = html.headers.get('etag')!;
    const files: StaticFile[] = [
      { url: '/status', file: 'status.html', contentType: html.headers.get('content-type')!, body: new Uint8Array(await html.arrayBuffer()) },
      { url: '/status.json', file: 'status.json', contentType: json.headers.get('content-type')!, body: new Uint8Array(await json.arrayBuffer()) },
    ];
    nginx = await startNginx(path.join(dir, 'nginx'), files, opts.nginxWorkers);
    const nginxEtag = (await fetch(`${nginx.base}/status`)).headers.get('etag')!;
    for (const [base, tag] of [
      [secdesk, etag],
      [nginx.base, nginxEtag],
    ] as const) {
      const status = (await fetch(`${base}/status`, { headers: { 'if-none-match': tag } })).status;
      if (status !== 304) throw new Error(`${base}/status did not answer 304 to its own ETag (got ${status})`);
    }
    console.log(
      `bench:status: ${new Date().toISOString()}, ${cpuModel()}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${where.where}`,
    );
    console.log(
      `wrk ${opts.seconds} s per run, ${opts.connections} connections, ${opts.threads} threads; secdesk: ${opts.workers ? `serve --workers ${opts.workers}` : '1 process'}; nginx: ${opts.nginxWorkers} worker(s); HTML ${files[0]!.body.length} bytes, JSON ${files[1]!.body.length} bytes`,
    );
    const load = (base: string, url: string, ifNoneMatch?: string) =>
      runWrk({
        url: `${base}${url}`,
        seconds: opts.seconds,
        connections: opts.connections,
        threads: opts.threads,
        scriptDir: dir,
        ...(ifNoneMatch ? { ifNoneMatch } : {}),
      });

    const htmlLoad = load(secdesk, '/status');
    await new Promise((resolve) => setTimeout(resolve, (opts.seconds * 1000) / 2));
    const visibleMs = await visibleAfter(app, secdesk, incidentId);
    const results = {
      secdesk: {
        html: await htmlLoad,
        json: await load(secdesk, '/status.json'),
        notModified: await load(secdesk, '/status', (await fetch(`${secdesk}/status`)).headers.get('etag')!),
      },
      nginx: {
        html: await load(nginx.base, '/status'),
        json: await load(nginx.base, '/status.json'),
        notModified: await load(nginx.base, '/status', nginxEtag),
      },
    };
    console.log('');
    for (const [label, key] of [
      ['HTML  /status', 'html'],
      ['JSON  /status.json', 'json'],
      ['304   /status (If-None-Match)', 'notModified'],
    ] as const) {
      const s = results.secdesk[key];
      const n = results.nginx[key];
      console.log(`${label}`);
      console.log(`  secdesk ${fmt(s)}`);
      console.log(`  nginx   ${fmt(n)}`);
      console.log(`  secdesk/nginx: ${(s.requestsPerSecond / n.requestsPerSecond).toFixed(2)} of the throughput, p99 ${(s.p99Ms / n.p99Ms).toFixed(1)}×`);
    }
    console.log(`\nAn update published during the HTML load was visible after ${visibleMs.toFixed(0)} ms (target ≤ 1000 ms)`);
    const errors = Object.values(results)
      .flatMap((r) => Object.values(r))
      .reduce((sum, r) => sum + r.badResponses, 0);
    return visibleMs <= 1000 && errors === 0 ? 0 : 1;
  } finally {
    await cluster?.stop();
    await nginx?.stop();
    await http.close();
    await app.close();
    await where.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
