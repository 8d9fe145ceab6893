// The composition root: opens the database, applies migrations, starts the job queue and wires
// every domain service to its adapters. The web server, the worker and the CLI all start here.
import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { openDatabase, type Database } from '../adapters/db/database.ts';
import { migrateToLatest } from '../adapters/db/migrate.ts';
import { createTransactor, type Store } from '../adapters/db/store.ts';
import { EventSubscriptions } from '../domains/events.ts';
import { createJobQueue, type JobQueue } from '../adapters/queue/job-queue.ts';
import { systemClock, type Clock } from '../domains/context.ts';
import type { Transactor } from '../domains/ports.ts';
import { createServices, type Services } from './services.ts';

export interface App {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  jobs: JobQueue;
  store: Transactor<Store>;
  services: Services;
  readiness(): Promise<Record<string, 'ok' | 'unavailable'>>;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Start job workers in this process (default true). */
  workers?: boolean;
  /** Use this data directory for the embedded database instead of config (tests use 'memory://'). */
  embeddedDataDir?: string;
}

export function createLogger(config: Config): Logger {
  return pino({
    level: config.SECDESK_LOG_LEVEL,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'token', '*.token'], censor: '(redacted)' },
  });
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: options.embeddedDataDir ?? config.SECDESK_DATA_DIR });
  try {
    await migrateToLatest(database);
    const jobs = createJobQueue(database, { logger, clock });
    await jobs.start();
    const subscriptions = new EventSubscriptions();
    const store = createTransactor(database.db, { clock, jobsFor: (db) => jobs.senderFor(db), subscriptions });
    const services = createServices({ config, clock, logger, store, jobs, subscriptions });
    await services.liveSettings.refresh();
    services.liveSettings.start();
    await services.templates.seedDefaults();
    for (const problem of await services.stakeholderRules.storedProblems()) {
      logger.warn(
        `stakeholder rule '${problem.ruleId}' does not check against the risk matrix (SECDESK_RISK_MATRIX): ${problem.message}; it engages nobody until it is fixed`,
      );
    }
    if (options.workers !== false) await services.startWorkers();
    else await services.defineQueues();
    const app: App = {
      config,
      database,
      clock,
      logger,
      jobs,
      store,
      services,
      async readiness() {
        const db = await sql`select 1`.execute(database.db).then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        );
        const queue = (await jobs.isReady()) ? ('ok' as const) : ('unavailable' as const);
        return { database: db, jobs: queue };
      },
      async close() {
        services.liveSettings.stop();
        await jobs.stop();
        await services.fanout.close();
        await database.close();
      },
    };
    return app;
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
