// The incidents domain's durable work: update reminders of stakeholder engagements.
import { job, type DomainJobs } from '../jobs.ts';
import { ENGAGEMENT_REMINDER_QUEUE, type ReminderJob } from './engagement-steps.ts';
import type { IncidentUpdatesService } from './incident-updates.service.ts';

export function incidentsJobs(d: { incidentUpdates: IncidentUpdatesService }): DomainJobs {
  // Exclusive: one queued or running job per key (engagement + check time), whoever enqueues it.
  return {
    jobs: [
      job<ReminderJob>(ENGAGEMENT_REMINDER_QUEUE, { retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' }, (data) => d.incidentUpdates.remind(data), {
        concurrency: 2,
      }),
    ],
  };
}
