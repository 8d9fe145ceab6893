// Durable work through pg-boss, in the same PostgreSQL (or PGlite) as everything else. Several
// app processes on one PostgreSQL share the queues; a job survives restarts; failures retry with
// exponential backoff and, when retries are exhausted, land in the queue's dead-letter queue.
import { PgBoss, fromKysely, fromPglite } from 'pg-boss';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { JobOptions, JobSender } from '../../domains/ports.ts';
import type { Clock } from '../../domains/context.ts';
import type { JobsAdmin } from '../../domains/operations/operations.ports.ts';

export const DEAD_LETTER_SUFFIX = '__dead';

export interface QueueDefinition {
  name: string;
  retryLimit?: number;
  /** First retry delay in seconds; doubles on each later attempt. */
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /**
   * pg-boss queue policy (set when the queue is created): 'exclusive' allows one queued or active job
   * per singletonKey; 'singleton' one active job per singletonKey at a time, across every instance.
   */
  policy?: 'standard' | 'exclusive' | 'singleton';
  /** A running job is failed and retried when its worker sends no heartbeat for this long, e.g. its process died (set when the queue is created). */
  heartbeatSeconds?: number;
}

export interface JobContext {
  id: string;
  queue: string;
  /** How many times this job ran before (0 on the first attempt). */
  retryCount: number;
  /** No retry follows if this attempt fails. */
  lastAttempt: boolean;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface JobQueue extends JobsAdmin {
  boss: PgBoss;
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones to finish. */
  stop(): Promise<void>;
  define(queue: QueueDefinition): Promise<void>;
  work<T extends object>(queue: string, handler: JobHandler<T>, options?: { concurrency?: number; pollingIntervalSeconds?: number }): Promise<void>;
  senderFor(db: Kysely<DB>): JobSender;
  isReady(): Promise<boolean>;
}

interface DeadLetterData {
  data: object;
  error: string;
  originalId: string;
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

export interface JobQueueOptions {
  logger: Logger;
  /** Run the maintenance and scheduling loops (one instance can do it for all). */
  supervise?: boolean;
  /** The app's clock: a job's start time is read on it. */
  clock: Clock;
}

/**
 * pg-boss starts a job by the database's clock, while the app decides "when" on its own clock (a test's
 * controllable one, or the system's): a start time is sent as the delay from the app's now, so a job
 * runs as far ahead of the database's now as it was due ahead of the app's.
 */
function toSendOptions(clock: Clock, options: JobOptions = {}) {
  const delaySeconds = options.startAfter ? (options.startAfter.getTime() - clock.now().getTime()) / 1000 : 0;
  return {
    ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
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
  const defined = new Map<string, QueueDefinition>();

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
      const options = {
        retryLimit: queue.retryLimit ?? 5,
        retryDelay: queue.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: queue.expireInSeconds ?? 15 * 60,
      };
      if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, options);
      else
        await boss.createQueue(queue.name, {
          ...options,
          policy: queue.policy ?? 'standard',
          ...(queue.heartbeatSeconds ? { heartbeatSeconds: queue.heartbeatSeconds } : {}),
        });
      if (!(await boss.getQueue(queue.name + DEAD_LETTER_SUFFIX))) await boss.createQueue(queue.name + DEAD_LETTER_SUFFIX, { retentionSeconds: 90 * 86_400 });
      defined.set(queue.name, queue);
    },
    async work(queue, handler, workOptions = {}) {
      await boss.work(
        queue,
        {
          batchSize: 1,
          localConcurrency: workOptions.concurrency ?? 1,
          pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2,
          includeMetadata: true,
        },
        async ([job]) => {
          if (!job) return;
          try {
            await handler(job.data as never, { id: job.id, queue, retryCount: job.retryCount, lastAttempt: job.retryCount >= job.retryLimit });
          } catch (err) {
            // The last attempt failed, or a retry cannot help (an error marked permanent): keep the work,
            // with its error, where an admin can see and retry it.
            const permanent = (err as { permanent?: unknown } | null)?.permanent === true;
            if (permanent || job.retryCount >= job.retryLimit) {
              const dead: DeadLetterData = { data: job.data as object, error: errorText(err), originalId: job.id };
              await boss.send(queue + DEAD_LETTER_SUFFIX, dead);
            }
            if (permanent) {
              options.logger.warn({ queue, jobId: job.id, err: errorText(err) }, 'job failed permanently');
              return;
            }
            options.logger.warn({ queue, jobId: job.id, attempt: job.retryCount + 1, err: errorText(err) }, 'job failed');
            throw err;
          }
        },
      );
    },
    senderFor(db) {
      const connection = fromKysely(db);
      return { send: (queue, data, jobOptions) => boss.send(queue, data, { ...toSendOptions(options.clock, jobOptions), db: connection }) };
    },
    async isReady() {
      return (
        started &&
        (await boss.getQueues().then(
          () => true,
          () => false,
        ))
      );
    },
    async counts() {
      const names = [...defined.keys()].sort();
      if (names.length === 0) return [];
      // Queue counts are pg-boss's snapshot from its last monitor pass (every minute); dead letters are few and counted live.
      const byName = new Map((await boss.getQueues(names)).map((q) => [q.name, q]));
      const dead = await Promise.all(names.map((n) => boss.findJobs(n + DEAD_LETTER_SUFFIX, { queued: true }).then((jobs) => jobs.length)));
      return names.map((name, i) => {
        const q = byName.get(name);
        return {
          name,
          queued: q?.queuedCount ?? 0,
          deferred: q?.deferredCount ?? 0,
          active: q?.activeCount ?? 0,
          failed: q?.failedCount ?? 0,
          deadLetters: dead[i]!,
        };
      });
    },
    async deadLetters() {
      const lists = await Promise.all(
        [...defined.keys()].map(async (name) => {
          const jobs = await boss.findJobs<DeadLetterData>(name + DEAD_LETTER_SUFFIX, { queued: true });
          return jobs.map((job) => ({
            id: job.id,
            queue: name + DEAD_LETTER_SUFFIX,
            originalQueue: name,
            createdAt: job.createdOn,
            data: job.data.data,
            error: job.data.error,
          }));
        }),
      );
      return lists.flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async retryDeadLetter(deadQueue, id) {
      const originalQueue = deadQueue.endsWith(DEAD_LETTER_SUFFIX) ? deadQueue.slice(0, -DEAD_LETTER_SUFFIX.length) : null;
      if (!originalQueue || !defined.has(originalQueue)) return null;
      const [job] = await boss.findJobs<DeadLetterData>(deadQueue, { id, queued: true });
      if (!job) return null;
      const newId = await boss.send(originalQueue, job.data.data);
      await boss.deleteJob(deadQueue, id);
      return newId;
    },
  };
}
