import type { AuditCheckpoint } from './audit-anchor.ts';

/** The signing key, kept in a file outside the database (created at first use). */
export interface CheckpointKey {
  readonly keyId: string;
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

/** The newest checkpoint this host kept, a line that is not a checkpoint, or none yet. */
export type NewestCheckpoint = { checkpoint: AuditCheckpoint } | { malformed: string } | null;

export interface CheckpointStore {
  key(): CheckpointKey;
  newest(): Promise<NewestCheckpoint>;
  /** Appends to this host's checkpoint file and the log. */
  record(checkpoint: AuditCheckpoint): Promise<void>;
  /** Copies to the remote target (a write-once bucket) when one is configured; throws when that fails. */
  publish(checkpoint: AuditCheckpoint): Promise<'ok' | 'none'>;
}
