// Anchors the audit log's head outside the database: at every verify and on a schedule (the durable
// job `audit.checkpoint`, one per slot however many instances run, each run queueing the next), a
// signed checkpoint goes to this host's checkpoint file, the log and, when configured, a write-once
// bucket. A checkpoint is only written after the log was compared with the newest one, so a cut
// tail is never signed over.
import type { Clock } from '../context.ts';
import type { JobSender, Transactor } from '../ports.ts';
import type { AuditLogReader, AuditVerification } from './audit-log.ports.ts';
import type { ChainProblem } from './audit-chain.ts';
import { checkpointPayload, compareWithCheckpoint, describeProblem, type AuditCheckpoint, type UnsignedCheckpoint } from './audit-anchor.ts';
import type { CheckpointStore } from './audit-anchor.ports.ts';

export const AUDIT_CHECKPOINT_QUEUE = 'audit.checkpoint';
export interface CheckpointJob {
  slot: string;
}

export class AuditCheckpointError extends Error {}

export class AuditAnchorService {
  readonly #store: Transactor<{ auditLog: AuditLogReader; jobs: JobSender }>;
  readonly #clock: Clock;
  readonly #checkpoints: CheckpointStore;
  readonly #host: string;
  readonly #periodMs: number;

  constructor(deps: {
    store: Transactor<{ auditLog: AuditLogReader; jobs: JobSender }>;
    clock: Clock;
    checkpoints: CheckpointStore;
    host: string;
    everyMinutes: number;
  }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#checkpoints = deps.checkpoints;
    this.#host = deps.host;
    this.#periodMs = deps.everyMinutes * 60_000;
  }

  /** The chain, then the newest checkpoint's signature, then that the log still holds what it signed; then a new checkpoint. */
  async verify(): Promise<AuditVerification> {
    const log = this.#store.read.auditLog;
    const chain = await log.verify();
    if (chain.problem) return { ...chain, checkpoint: null, anchored: null, warnings: [] };
    const newest = await this.#newestChecked();
    if ('problem' in newest) return { ...chain, problem: newest.problem, checkpoint: null, anchored: null, warnings: [] };
    const checkpoint = newest.checkpoint;
    const problem = checkpoint
      ? compareWithCheckpoint(chain.head, chain.head && chain.head.seq >= checkpoint.seq ? await log.hashAt(checkpoint.seq) : null, checkpoint)
      : null;
    if (problem || !chain.head) return { ...chain, problem, checkpoint, anchored: null, warnings: [] };
    const { anchored, warning } = await this.#write({ ...chain.head, entries: chain.entries });
    return { ...chain, checkpoint, anchored, warnings: warning ? [warning] : [] };
  }

  /** A checkpoint of the current head, after comparing it with the newest one (the scheduled job). */
  async checkpoint(): Promise<AuditCheckpoint | null> {
    const log = this.#store.read.auditLog;
    const head = await log.head();
    const newest = await this.#newestChecked();
    const problem =
      'problem' in newest
        ? newest.problem
        : newest.checkpoint
          ? compareWithCheckpoint(head, head && head.seq >= newest.checkpoint.seq ? await log.hashAt(newest.checkpoint.seq) : null, newest.checkpoint)
          : null;
    if (problem) throw new AuditCheckpointError(`no checkpoint written: ${describeProblem(problem)} (run secdesk audit verify)`);
    if (!head) return null;
    const { anchored, warning } = await this.#write(head);
    if (warning) throw new AuditCheckpointError(warning); // retried; the local checkpoint is kept
    return anchored;
  }

  /** Queues the checkpoint of the next slot (one job per slot, whoever asks). */
  async scheduleNext(after: Date = this.#clock.now()): Promise<void> {
    const slot = new Date((Math.floor(after.getTime() / this.#periodMs) + 1) * this.#periodMs);
    await this.#store.read.jobs.send(AUDIT_CHECKPOINT_QUEUE, { slot: slot.toISOString() } satisfies CheckpointJob, {
      startAfter: slot,
      singletonKey: slot.toISOString(),
    });
  }

  /** The job: a failed run is retried; either way the next slot is queued. */
  async runScheduled(job: CheckpointJob, lastAttempt: boolean): Promise<void> {
    const next = () => this.scheduleNext(new Date(Math.max(this.#clock.now().getTime(), new Date(job.slot).getTime())));
    try {
      await this.checkpoint();
    } catch (err) {
      if (lastAttempt) await next();
      throw err;
    }
    await next();
  }

  async #newestChecked(): Promise<{ checkpoint: AuditCheckpoint | null } | { problem: ChainProblem }> {
    const newest = await this.#checkpoints.newest();
    if (newest === null) return { checkpoint: null };
    if ('malformed' in newest) return { problem: { seq: 0, problem: 'checkpoint_tampered', detail: newest.malformed } };
    const { checkpoint } = newest;
    const key = this.#checkpoints.key();
    if (checkpoint.keyId !== key.keyId) {
      return {
        problem: {
          seq: checkpoint.seq,
          problem: 'checkpoint_tampered',
          detail: `the newest checkpoint (#${checkpoint.seq}) names key ${checkpoint.keyId}, not this host's key ${key.keyId}`,
        },
      };
    }
    const { signature, ...unsigned } = checkpoint;
    if (!key.verify(checkpointPayload(unsigned), signature)) {
      return {
        problem: { seq: checkpoint.seq, problem: 'checkpoint_tampered', detail: `the signature of the newest checkpoint (#${checkpoint.seq}) does not verify` },
      };
    }
    return { checkpoint };
  }

  async #write(head: { seq: number; hash: string; entries: number }): Promise<{ anchored: AuditCheckpoint; warning: string | null }> {
    const key = this.#checkpoints.key();
    const unsigned: UnsignedCheckpoint = {
      seq: head.seq,
      hash: head.hash,
      entries: head.entries,
      at: this.#clock.now().toISOString(),
      host: this.#host,
      keyId: key.keyId,
    };
    const anchored = { ...unsigned, signature: key.sign(checkpointPayload(unsigned)) };
    await this.#checkpoints.record(anchored);
    try {
      await this.#checkpoints.publish(anchored);
      return { anchored, warning: null };
    } catch (err) {
      return { anchored, warning: `checkpoint #${anchored.seq} kept on this host, but its remote copy failed: ${(err as Error).message}` };
    }
  }
}
