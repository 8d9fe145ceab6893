// The audit log is a hash chain: each entry's hash covers its content and the previous entry's hash,
// so editing or deleting any entry breaks every hash after it. Pure functions; storage is elsewhere.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface ChainedAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value === undefined ? null : value;
}

export function entryHash(entry: AuditEntry, prevHash: string): string {
  // Only the entry's own fields: a chained entry also carries its hashes, which are not content.
  const { seq, at, actorId, actorLabel, action, entityType, entityId, before, after, requestId, ip } = entry;
  const content = canonicalJson({ seq, at: at.toISOString(), actorId, actorLabel, action, entityType, entityId, before, after, requestId, ip });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export function chain(entry: AuditEntry, prevHash: string): ChainedAuditEntry {
  return { ...entry, prevHash, hash: entryHash(entry, prevHash) };
}

export interface ChainProblem {
  seq: number;
  /** The chain's own breaks, then those only a checkpoint kept outside the database shows (audit-anchor.ts). */
  problem: 'edited' | 'missing' | 'relinked' | 'tail_cut' | 'rewritten' | 'checkpoint_tampered';
  /** tail_cut: how many entries after seq - 1 are gone. */
  gone?: number;
  /** checkpoint_tampered: what is wrong with the checkpoint. */
  detail?: string;
}

/**
 * Walks entries in seq order and reports the first place the chain breaks, or null when intact.
 * `expectedFirstSeq` and `expectedPrevHash` let a caller verify in pages.
 */
export function verifyChain(
  entries: Iterable<ChainedAuditEntry>,
  expected: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH },
): { problem: ChainProblem | null; next: { seq: number; prevHash: string } } {
  let { seq, prevHash } = expected;
  for (const entry of entries) {
    if (entry.seq !== seq) return { problem: { seq, problem: 'missing' }, next: { seq, prevHash } };
    if (entry.prevHash !== prevHash) return { problem: { seq, problem: 'relinked' }, next: { seq, prevHash } };
    if (entryHash(entry, prevHash) !== entry.hash) return { problem: { seq, problem: 'edited' }, next: { seq, prevHash } };
    seq += 1;
    prevHash = entry.hash;
  }
  return { problem: null, next: { seq, prevHash } };
}
