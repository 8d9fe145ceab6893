// `secdesk serve --workers N`: N full app processes (node:cluster) sharing the listening sockets and one
// PostgreSQL database. The primary only prepares the database (migrations, first admin, demo data)
// once, starts the workers, restarts one that dies, and stops them all on a signal. Each worker keeps
// its own in-memory status page and notices another's publish through the status module's own
// cross-instance invalidation, so every core serves the public routes.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError, type Config } from '../config/config.ts';
import { createApp } from './app.ts';
import { DatabaseUnavailableError } from '../adapters/db/database.ts';
import { firstRun, serve } from './serve.ts';

const RESTART_DELAY_MS = 1000;

/** How many workers `--workers` asks for: a whole number, or `auto` for one per core. */
export function workerCount(value: string): number {
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new ConfigError(`--workers is a whole number from 1 to 256, or auto (got ${value})`);
  return n;
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In the primary: prepare the database once, then start and supervise `count` workers. */
export async function startPrimary(config: Config, count: number, print: (line: string) => void = console.log): Promise<{ stop(): Promise<void> }> {
  if (!config.DATABASE_URL && count > 1)
    throw new ConfigError('--workers above 1 needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process');
  try {
    const app = await createApp(config, { workers: false });
    try {
      for (const line of await firstRun(app)) print(line);
    } finally {
      await app.close();
    }
  } catch (err) {
    // Each worker then serves the last published status page until the database is back.
    if (!(err instanceof DatabaseUnavailableError)) throw err;
    print(`secdesk: ${err.message}`);
  }
  let stopping = false;
  const fork = (index: number): Worker => {
    const worker = cluster.fork({ SECDESK_WORKER_INDEX: String(index) });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      print(`secdesk: worker ${index} (pid ${worker.process.pid}) exited (${signal ?? code}); starting another`);
      setTimeout(() => void fork(index), RESTART_DELAY_MS);
    });
    return worker;
  };
  for (let i = 0; i < count; i++) fork(i);
  print(`secdesk: ${count} worker processes`);
  return {
    async stop() {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.isDead()) return resolve();
              w.once('exit', () => resolve());
              w.process.kill('SIGTERM'); // each worker finishes its in-flight requests and jobs
            }),
        ),
      );
    },
  };
}

/** In a worker: a full app that skips the primary's one-time preparation; only worker 0 prints. */
export function startWorker(config: Config): ReturnType<typeof serve> {
  const quiet = process.env.SECDESK_WORKER_INDEX !== '0';
  return serve(config, quiet ? () => {} : console.log, { firstRun: false });
}
