// The regulatory domain's durable work: a clock's reminder points.
import { job, type DomainJobs } from '../jobs.ts';
import { REGULATORY_REMINDER_QUEUE, type RegulatoryReminderJob } from './clock-steps.ts';
import type { RegulatoryClocksService } from './regulatory-clocks.service.ts';

export function regulatoryJobs(d: { regulatoryClocks: RegulatoryClocksService }): DomainJobs {
  // Exclusive: one queued or running check per key (clock + check time), whoever enqueues it.
  return {
    jobs: [
      job<RegulatoryReminderJob>(REGULATORY_REMINDER_QUEUE, { retryLimit: 8, retryDelaySeconds: 15, policy: 'exclusive' }, (data) =>
        d.regulatoryClocks.remind(data),
      ),
    ],
  };
}
