// What every domain service may ask of the outside world. Each domain's own <d>.ports.ts adds
// its repositories; the database adapter (adapters/db/store.ts) provides them all.
import type { ActionContext } from './context.ts';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditPort {
  /** Appends one entry to the hash-chained audit log, in the same transaction as the change. */
  append(ctx: ActionContext, record: AuditRecord): Promise<void>;
}

export interface JobOptions {
  /** Run no earlier than this, on the app's clock. */
  startAfter?: Date;
  /** At most one queued job with this key exists per queue. */
  singletonKey?: string;
  retryLimit?: number;
}

export interface JobSender {
  /** Enqueues durable work; inside a transaction it commits or rolls back with the change. */
  send(queue: string, data: object, options?: JobOptions): Promise<string | null>;
}

/**
 * A store S bound either to the database or to one transaction. Use cases read through `read`
 * and change state only inside `transaction`, so a change, its audit entry and its jobs commit together.
 */
export interface Transactor<S> {
  read: S;
  transaction<T>(work: (store: S) => Promise<T>): Promise<T>;
}
