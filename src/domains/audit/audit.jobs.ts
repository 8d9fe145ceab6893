// The audit domain's durable work: the signed checkpoint of the log's head, every few minutes.
import { job, type DomainJobs } from '../jobs.ts';
import { AUDIT_CHECKPOINT_QUEUE, type AuditAnchorService, type CheckpointJob } from './audit-anchor.service.ts';

export function auditJobs(d: { auditAnchor: AuditAnchorService }): DomainJobs {
  return {
    // Exclusive: one checkpoint per slot, however many instances schedule it.
    jobs: [
      job<CheckpointJob>(AUDIT_CHECKPOINT_QUEUE, { retryLimit: 4, retryDelaySeconds: 30, policy: 'exclusive' }, (data, run) =>
        d.auditAnchor.runScheduled(data, run.lastAttempt),
      ),
    ],
    afterStart: () => d.auditAnchor.scheduleNext(),
  };
}
