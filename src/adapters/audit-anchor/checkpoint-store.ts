// This host's audit checkpoints: JSON Lines appended (and synced) to
// SECDESK_DATA_DIR/audit-anchor/checkpoints.jsonl, each also logged at info (a checkpoint holds no
// secret), and copied to the write-once bucket when SECDESK_AUDIT_CHECKPOINT_S3 is set.
import { appendFileSync, mkdirSync, openSync, closeSync, fsyncSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../domains/context.ts';
import { parseCheckpoint, type AuditCheckpoint } from '../../domains/audit/audit-anchor.ts';
import type { CheckpointKey, CheckpointStore, NewestCheckpoint } from '../../domains/audit/audit-anchor.ports.ts';
import { loadCheckpointKey } from './checkpoint-key.ts';
import { putCheckpoint, type S3CheckpointTarget } from './s3-checkpoints.ts';

export function checkpointStore(options: {
  dataDir: string;
  keyFile?: string | undefined;
  s3: S3CheckpointTarget | null;
  logger: Logger;
  clock: Clock;
}): CheckpointStore {
  const dir = path.join(options.dataDir, 'audit-anchor');
  const file = path.join(dir, 'checkpoints.jsonl');
  const keyFile = options.keyFile ?? path.join(dir, 'key.pem');
  let key: CheckpointKey | null = null;
  return {
    key: () => (key ??= loadCheckpointKey(keyFile)),
    async newest(): Promise<NewestCheckpoint> {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      // The highest seq wins, not the last line: an old checkpoint appended again cannot hide a newer one.
      let newest: AuditCheckpoint | null = null;
      for (const [index, line] of text.split('\n').entries()) {
        if (line.trim() === '') continue;
        const checkpoint = parseCheckpoint(line);
        if (!checkpoint) return { malformed: `line ${index + 1} of ${file} is not a checkpoint` };
        if (!newest || checkpoint.seq >= newest.seq) newest = checkpoint;
      }
      return newest ? { checkpoint: newest } : null;
    },
    async record(checkpoint) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
      const fd = openSync(file, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      options.logger.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
    },
    async publish(checkpoint) {
      if (!options.s3) return 'none';
      await putCheckpoint(options.s3, checkpoint, options.clock.now());
      return 'ok';
    },
  };
}
