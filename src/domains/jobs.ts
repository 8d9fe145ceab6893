// How a domain declares its durable work (in `<domain>.jobs.ts`): each queue with its retry settings and,
// for the queues this domain works, the typed worker; and which domain events it subscribes to (each
// subscription is one of its queues, sent one job per recorded event). app/services.ts defines every
// declared queue and starts its worker, so the queue adapter stays the only thing that knows pg-boss.
import type { EventOf, EventType } from './events.ts';

export interface QueueSettings {
  retryLimit?: number;
  /** First retry delay in seconds; doubles on each later attempt. */
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** 'exclusive': one queued or running job per singletonKey, whoever enqueues it. */
  policy?: 'standard' | 'exclusive' | 'singleton';
}

/** The attempt a worker runs. */
export interface JobRun {
  retryCount: number;
  /** No retry follows if this attempt fails. */
  lastAttempt: boolean;
}

export interface WorkerOptions {
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export interface JobDeclaration<T extends object = object> {
  queue: string;
  settings: QueueSettings;
  handle(data: T, run: JobRun): Promise<void>;
  worker?: WorkerOptions;
}

export interface DomainJobs {
  jobs: JobDeclaration<never>[];
  /** Event subscriptions: the event type and the queue (declared in `jobs`) that reacts to it. */
  subscriptions?: { type: EventType; queue: string }[];
  /** Runs once the workers are started (e.g. schedules the next periodic run). */
  afterStart?(): Promise<void>;
}

/** One queue, its payload type and its worker. */
export function job<T extends object>(
  queue: string,
  settings: QueueSettings,
  handle: (data: T, run: JobRun) => Promise<unknown>,
  worker?: WorkerOptions,
): JobDeclaration<never> {
  const declaration: JobDeclaration<T> = { queue, settings, handle: async (data, run) => void (await handle(data, run)), ...(worker ? { worker } : {}) };
  return declaration as JobDeclaration<never>;
}

/** A subscriber's queue: one job per recorded event of `type`, handled by `react`. */
export function subscriber<E extends EventType>(
  type: E,
  queue: string,
  settings: QueueSettings,
  react: (event: EventOf<E>, run: JobRun) => Promise<unknown>,
  worker?: WorkerOptions,
): { job: JobDeclaration<never>; subscription: { type: EventType; queue: string } } {
  return { job: job<EventOf<E>>(queue, settings, react, worker), subscription: { type, queue } };
}
