// What admins see of the machinery: the audit log and the job queues.
import { authorize } from '../../authz/authorize.ts';
import type { ChainedAuditEntry } from '../audit/audit-chain.ts';
import type { ActionContext } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { AuditPort, Transactor } from '../ports.ts';
import type { AuditFilter, AuditLogReader, AuditVerification } from '../audit/audit-log.ports.ts';
import type { JobsAdmin } from './operations.ports.ts';

type OperationsStore = { auditLog: AuditLogReader; audit: AuditPort };

export class OperationsService {
  readonly #store: Transactor<OperationsStore>;
  readonly #jobs: JobsAdmin;
  readonly #auditAnchor: { verify(): Promise<AuditVerification> };

  constructor(deps: { store: Transactor<OperationsStore>; jobs: JobsAdmin; auditAnchor: { verify(): Promise<AuditVerification> } }) {
    this.#store = deps.store;
    this.#jobs = deps.jobs;
    this.#auditAnchor = deps.auditAnchor;
  }

  async auditLog(
    ctx: ActionContext,
    filter: AuditFilter,
    limit: number,
    cursor: string | null,
  ): Promise<{ items: ChainedAuditEntry[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'audit.read');
    const beforeSeq = cursor === null ? null : Number(cursor);
    if (beforeSeq !== null && !(Number.isSafeInteger(beforeSeq) && beforeSeq > 0)) throw new ValidationError('invalid cursor');
    const rows = await this.#store.read.auditLog.list(filter, limit + 1, beforeSeq);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.seq) : null };
  }

  exportAuditLog(ctx: ActionContext): AsyncIterable<ChainedAuditEntry> {
    authorize(ctx.actor, 'audit.read');
    return this.#store.read.auditLog.entries();
  }

  async verifyAuditLog(ctx: ActionContext) {
    authorize(ctx.actor, 'audit.read');
    return this.#auditAnchor.verify(); // the chain, then the newest checkpoint kept outside the database
  }

  async queues(ctx: ActionContext) {
    authorize(ctx.actor, 'jobs.read');
    return this.#jobs.counts();
  }

  async deadLetters(ctx: ActionContext) {
    authorize(ctx.actor, 'jobs.read');
    return this.#jobs.deadLetters();
  }

  async retryDeadLetter(ctx: ActionContext, queue: string, id: string): Promise<{ id: string }> {
    authorize(ctx.actor, 'jobs.manage');
    const newId = await this.#jobs.retryDeadLetter(queue, id);
    if (!newId) throw new NotFoundError('dead letter');
    await this.#store.read.audit.append(ctx, { action: 'job.retried', entityType: 'job', entityId: newId, before: { queue, id } });
    return { id: newId };
  }
}
