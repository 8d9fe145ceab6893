// The static export's durable work: its subscription to `statuspage.changed`. Each run exports the
// current page, so it goes one at a time and runs queued behind it change nothing wrong.
import { subscriber, type DomainJobs } from '../jobs.ts';
import type { StatusExportService } from './status-export.service.ts';
import { STATUS_EXPORT_QUEUE } from './status-export.types.ts';

/** exporting: a target is configured or the last copy is kept (SECDESK_STATUS_EXPORT_*, SECDESK_STATUS_KEEP_LAST). */
export function statusExportJobs<T>(d: { statusExport: StatusExportService<T>; exporting: boolean }): DomainJobs {
  const exportOnChange = subscriber(
    'statuspage.changed',
    STATUS_EXPORT_QUEUE,
    { retryLimit: 10, retryDelaySeconds: 30 },
    (_event, run) => d.statusExport.runJob(run.lastAttempt),
    { concurrency: 1, pollingIntervalSeconds: 1 },
  );
  return { jobs: [exportOnChange.job], subscriptions: d.exporting ? [exportOnChange.subscription] : [] };
}
