// The fan-out domain's durable work: running a send, resuming one after a relay outage.
import { job, type DomainJobs } from '../jobs.ts';
import type { FanoutEngine } from './engine.ts';
import { FANOUT_RESUME_QUEUE, FANOUT_RUN_QUEUE, type FanoutJob } from './sends.service.ts';

export function fanoutJobs(d: { engine: FanoutEngine }): DomainJobs {
  return {
    jobs: [
      job<FanoutJob>(FANOUT_RUN_QUEUE, { retryLimit: 10, retryDelaySeconds: 5, expireInSeconds: 10 * 60 }, (data) => d.engine.run(data), {
        concurrency: 2,
        pollingIntervalSeconds: 1,
      }),
      job<FanoutJob>(FANOUT_RESUME_QUEUE, { retryLimit: 5, retryDelaySeconds: 10 }, (data) => d.engine.resumeAfterOutage(data)),
    ],
    afterStart: () => d.engine.resumeRunning(),
  };
}
