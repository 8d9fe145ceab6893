// The communications domain's durable work: delivering a sent communication to the blog webhook or the press.
import { job, type DomainJobs } from '../jobs.ts';
import { COMMS_DELIVER_QUEUE, type CommsDeliverJob } from './channel-actions.ts';
import type { CommsDeliveryService } from './deliveries.service.ts';

export function communicationsJobs(d: { commsDelivery: CommsDeliveryService }): DomainJobs {
  return {
    jobs: [
      job<CommsDeliverJob>(COMMS_DELIVER_QUEUE, { retryLimit: 8, retryDelaySeconds: 15 }, (data, run) => d.commsDelivery.deliver(data, run.lastAttempt), {
        pollingIntervalSeconds: 1,
      }),
    ],
  };
}
