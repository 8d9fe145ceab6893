import type { ChainProblem, ChainedAuditEntry } from '../audit/audit-chain.ts';

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
}

export interface AuditVerification {
  entries: number;
  head: { seq: number; hash: string } | null;
  problem: ChainProblem | null;
}

export interface AuditLogReader {
  /** Newest first, entries with seq below `beforeSeq`. */
  list(filter: AuditFilter, limit: number, beforeSeq: number | null): Promise<ChainedAuditEntry[]>;
  /** Every entry, oldest first, read a page at a time. */
  entries(): AsyncIterable<ChainedAuditEntry>;
  verify(): Promise<AuditVerification>;
}

export interface QueueCounts {
  name: string;
  queued: number;
  deferred: number;
  active: number;
  failed: number;
  deadLetters: number;
}

export interface DeadLetter {
  id: string;
  queue: string;
  originalQueue: string;
  createdAt: Date;
  data: unknown;
  error: string;
}

export interface JobsAdmin {
  counts(): Promise<QueueCounts[]>;
  deadLetters(): Promise<DeadLetter[]>;
  retryDeadLetter(deadQueue: string, id: string): Promise<string | null>;
}
