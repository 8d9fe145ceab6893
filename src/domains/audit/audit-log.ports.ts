// Reading the audit log: the hash chain's entries, its verification and its head.
import type { ChainProblem, ChainedAuditEntry } from './audit-chain.ts';
import type { AuditCheckpoint } from './audit-anchor.ts';

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
}

export interface AuditVerification {
  entries: number;
  head: { seq: number; hash: string } | null;
  problem: ChainProblem | null;
  /** The newest checkpoint the log was compared with (audit-anchor.ts). */
  checkpoint?: AuditCheckpoint | null;
  /** The checkpoint this verify wrote (only when nothing is wrong). */
  anchored?: AuditCheckpoint | null;
  /** Something that did not work but is no sign of tampering, e.g. the remote checkpoint copy failed. */
  warnings?: string[];
}

export interface AuditLogReader {
  /** Newest first, entries with seq below `beforeSeq`. */
  list(filter: AuditFilter, limit: number, beforeSeq: number | null): Promise<ChainedAuditEntry[]>;
  /** Every entry, oldest first, read a page at a time. */
  entries(): AsyncIterable<ChainedAuditEntry>;
  verify(): Promise<AuditVerification>;
  /** The newest entry and how many there are, unchecked. */
  head(): Promise<{ seq: number; hash: string; entries: number } | null>;
  hashAt(seq: number): Promise<string | null>;
}
