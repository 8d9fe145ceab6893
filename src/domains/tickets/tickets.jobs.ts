// The tickets domain's durable work: closing a quiet solved ticket, SLA alerts.
import { job, type DomainJobs } from '../jobs.ts';
import { CLOSE_QUEUE, SLA_ALERT_QUEUE, type CloseJob, type SlaAlertJob } from './lifecycle.ts';
import type { TicketJobsService } from './ticket-jobs.service.ts';

export function ticketsJobs(d: { ticketJobs: TicketJobsService }): DomainJobs {
  return {
    jobs: [
      job<CloseJob>(CLOSE_QUEUE, { retryLimit: 5, retryDelaySeconds: 60 }, (data) => d.ticketJobs.closeQuietly(data)),
      job<SlaAlertJob>(SLA_ALERT_QUEUE, { retryLimit: 5, retryDelaySeconds: 30 }, (data) => d.ticketJobs.alert(data)),
    ],
  };
}
