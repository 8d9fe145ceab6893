// The audit log's head anchored outside the database: a checkpoint (seq, head hash, entry count, time)
// signed with a key the database never holds. Whoever owns the database can rewrite the chain, hashes
// and all, and cut its tail, but cannot sign a checkpoint: comparing the log with the newest one shows
// entries gone after it, or a log rewritten under it. Pure functions; keys and files are elsewhere.
import { canonicalJson, type ChainProblem } from './audit-chain.ts';

export interface AuditCheckpoint {
  seq: number;
  hash: string;
  entries: number;
  /** ISO time the checkpoint was taken, on the app's clock. */
  at: string;
  /** The host that wrote it (several app instances may share one database). */
  host: string;
  /** Names the signing key: the first 16 hex digits of its public key's SHA-256. */
  keyId: string;
  /** Ed25519 over `checkpointPayload`, base64. */
  signature: string;
}

export type UnsignedCheckpoint = Omit<AuditCheckpoint, 'signature'>;

/** The exact bytes that are signed: every field but the signature, keys sorted, with a version. */
export function checkpointPayload(checkpoint: UnsignedCheckpoint): string {
  const { seq, hash, entries, at, host, keyId } = checkpoint;
  return canonicalJson({ v: 1, seq, hash, entries, at, host, keyId });
}

/** A checkpoint as read back from a line of text, or why it is not one. */
export function parseCheckpoint(line: string): AuditCheckpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  const ok =
    Number.isInteger(c.seq) &&
    (c.seq as number) >= 1 &&
    Number.isInteger(c.entries) &&
    typeof c.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(c.hash) &&
    typeof c.at === 'string' &&
    typeof c.host === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.signature === 'string';
  return ok
    ? {
        seq: c.seq as number,
        hash: c.hash as string,
        entries: c.entries as number,
        at: c.at as string,
        host: c.host as string,
        keyId: c.keyId as string,
        signature: c.signature as string,
      }
    : null;
}

/**
 * Compares the log's current head (and its hash at the checkpoint's seq) with a checkpoint whose
 * signature was already checked. Null when the log still holds everything the checkpoint vouches for.
 */
export function compareWithCheckpoint(head: { seq: number } | null, hashAtCheckpoint: string | null, checkpoint: AuditCheckpoint): ChainProblem | null {
  const headSeq = head?.seq ?? 0;
  if (headSeq < checkpoint.seq) return { seq: headSeq + 1, problem: 'tail_cut', gone: checkpoint.seq - headSeq };
  if (hashAtCheckpoint !== checkpoint.hash) return { seq: checkpoint.seq, problem: 'rewritten' };
  return null;
}

/** One line for people: what broke, where. */
export function describeProblem(problem: ChainProblem): string {
  switch (problem.problem) {
    case 'tail_cut':
      return `tail cut: ${problem.gone} entries after seq ${problem.seq - 1} are gone`;
    case 'rewritten':
      return `audit log rewritten: entry #${problem.seq} is not the one the newest checkpoint signed`;
    case 'checkpoint_tampered':
      return `checkpoint tampered: ${problem.detail ?? 'its signature does not verify'}`;
    default:
      return `audit log broken at #${problem.seq}: ${problem.problem}`;
  }
}
