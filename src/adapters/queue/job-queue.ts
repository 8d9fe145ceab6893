// Durable work through pg-boss, in the same PostgreSQL (or PGlite) as everything else. Several
// app processes on one PostgreSQL share the queues; a job survives restarts; failures retry with
// exponential backoff and, when retries are exhausted, land in the queue's dead-letter queue.
import { PgBoss, fromKysely, fromPglite } from 'pg-boss';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { JobOptions, JobSender } from '../../domains/ports.ts';

export const DEAD_LETTER_SUFFIX = '__dead';

export interface QueueDefinition {
  name: string;
  retryLimit?: number;
  /** First retry delay in seconds; doubles on each later attempt. */
  retryDelaySeconds?: number;
  expireInSeconds?: number;
}

export interface JobContext {
  id: string;
  queue: string;
  /** How many times this job ran before (0 on the first attempt). */
  retryCount: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface JobQueue {
  boss: PgBoss;
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  stop(): Promise<void>;
  define(queue: QueueDefinition): Promise<void>;
  work<T extends object>(queue: string, handler: JobHandler<T>, options?: { concurrency?: number; pollingIntervalSeconds?: number }): Promise<void>;
  senderFor(db: Kysely<DB>): JobSender;
  isReady(): Promise<boolean>;
}

export interface JobQueueOptions {
  logger: Logger;
  /** Run the maintenance and scheduling loops (one instance can do it for all). */
  supervise?: boolean;
}

function toSendOptions(options: JobOptions = {}) {
  return {
    ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
  };
}

export function createJobQueue(database: Database, options: JobQueueOptions): JobQueue {
  const boss =
    database.engine === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), backend: 'pglite', schema: 'pgboss', supervise: options.supervise ?? true })
      : new PgBoss({ connectionString: database.url!, schema: 'pgboss', max: 5, supervise: options.supervise ?? true });
  boss.on('error', (err: Error) => options.logger.error({ err }, 'job queue error'));
  let started = false;

  return {
    boss,
    async start() {
      await boss.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, close: database.engine === 'postgres', timeout: 30_000 });
    },
    async define(queue) {
      const deadLetter = queue.name + DEAD_LETTER_SUFFIX;
      await boss.createQueue(deadLetter);
      await boss.createQueue(queue.name, {
        retryLimit: queue.retryLimit ?? 5,
        retryDelay: queue.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: queue.expireInSeconds ?? 15 * 60,
        deadLetter,
      });
    },
    async work(queue, handler, workOptions = {}) {
      await boss.work(
        queue,
        { batchSize: 1, localConcurrency: workOptions.concurrency ?? 1, pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2, includeMetadata: true },
        async ([job]) => {
          if (!job) return;
          await handler(job.data as never, { id: job.id, queue, retryCount: job.retryCount });
        },
      );
    },
    senderFor(db) {
      const connection = fromKysely(db);
      return { send: (queue, data, jobOptions) => boss.send(queue, data, { ...toSendOptions(jobOptions), db: connection }) };
    },
    async isReady() {
      return started && (await boss.getQueues().then(() => true, () => false));
    },
  };
}
