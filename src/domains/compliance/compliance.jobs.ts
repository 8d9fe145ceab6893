// The compliance domain's durable work: report deliveries on the delivery days, the customer directory's sync.
import { job, type DomainJobs } from '../jobs.ts';
import { COMPLIANCE_DELIVERY_QUEUE, CUSTOMER_SYNC_QUEUE, type ComplianceService, type CustomerSyncJob, type DeliveryRunJob } from './compliance.service.ts';

export function complianceJobs(d: { compliance: ComplianceService }): DomainJobs {
  return {
    jobs: [
      // Exclusive: one queued or running delivery per run time, however many instances schedule it.
      job<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, { retryLimit: 8, retryDelaySeconds: 60, policy: 'exclusive' }, (data) => d.compliance.runDelivery(data)),
      job<CustomerSyncJob>(CUSTOMER_SYNC_QUEUE, { retryLimit: 4, retryDelaySeconds: 300, policy: 'exclusive' }, (data, run) =>
        d.compliance.runSync(data, run.lastAttempt),
      ),
    ],
    async afterStart() {
      await d.compliance.scheduleNextRun();
      await d.compliance.scheduleNextSync();
    },
  };
}
