// The triage domain's durable work: a new ticket's suggestion, then a vulnerability report's possible duplicates.
import { job, type DomainJobs } from '../jobs.ts';
import type { DuplicatesService } from './duplicates.service.ts';
import { DUPLICATES_QUEUE, type DuplicatesJob } from './duplicates.types.ts';
import type { TriageService } from './triage.service.ts';
import { TRIAGE_QUEUE, type TriageJob } from './triage.types.ts';

export function triageJobs(d: { triage: TriageService; duplicates: DuplicatesService }): DomainJobs {
  // Analysts open new tickets at once: poll often so that the suggestion is there by then.
  return {
    jobs: [
      job<TriageJob>(TRIAGE_QUEUE, { retryLimit: 3, retryDelaySeconds: 30 }, (data) => d.triage.suggest(data), { concurrency: 2, pollingIntervalSeconds: 1 }),
      job<DuplicatesJob>(DUPLICATES_QUEUE, { retryLimit: 3, retryDelaySeconds: 30 }, (data) => d.duplicates.find(data), { pollingIntervalSeconds: 1 }),
    ],
  };
}
