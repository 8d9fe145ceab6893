// Wiring of the status page's operations: the static export (status.export job, `secdesk status
// publish`, the last-published copy on disk) and the private pages (their sign-in link mail rides
// the shared outbox, queue mail.send).
import { exportTargetsOf, type Config } from '../config/config.ts';
import { exportToTargets } from '../adapters/status-export/export.ts';
import { persistSnapshot } from '../adapters/status-export/persisted-snapshot.ts';
import type { ExportTarget } from '../adapters/status-export/export-targets.ts';
import type { Store } from '../adapters/db/store.ts';
import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { Clock } from '../domains/context.ts';
import type { Transactor } from '../domains/ports.ts';
import type { CurrentSender } from '../domains/mail/replies.service.ts';
import { StatusExportService } from '../domains/status-export/status-export.service.ts';
import { STATUS_EXPORT_QUEUE } from '../domains/status-export/status-export.types.ts';
import { PrivatePagesService } from '../domains/status-private/private-pages.service.ts';
import { PrivateVisitorsService } from '../domains/status-private/private-visitors.service.ts';
import type { PrivateLinkMailJob } from '../domains/status-private/private-pages.types.ts';
import type { StatusPageService } from '../domains/statuspage/statuspage.service.ts';
import type { MailIdentity } from '../domains/mail/mail-identity.ts';
import { statusBranding } from '../config/identity.ts';

export type { ExportTarget };

export function createStatusOps(deps: { config: Config; clock: Clock; store: Transactor<Store>; jobs: JobQueue; sender: CurrentSender; statusPage: StatusPageService; identity: MailIdentity }) {
  const { config } = deps;
  const branding = statusBranding(config, deps.identity.links);
  const statusExport = new StatusExportService<ExportTarget>({
    source: deps.statusPage, branding, clock: deps.clock, store: deps.store,
    ports: {
      targets: exportTargetsOf(config),
      push: exportToTargets,
      persist: config.SECDESK_STATUS_KEEP_LAST ? (entries) => persistSnapshot(config.SECDESK_DATA_DIR, entries) : async () => {},
    },
  });
  const publicModel = () => deps.statusPage.publicModel();
  const privatePages = new PrivatePagesService({ store: deps.store, clock: deps.clock, publicModel });
  const privateVisitors = new PrivateVisitorsService({
    store: deps.store, clock: deps.clock, publicModel, sender: deps.sender,
    identity: deps.identity, sessionHours: config.SECDESK_SESSION_HOURS,
  });
  return {
    statusExport,
    privatePages,
    privateVisitors,
    isPrivateLinkMail: (data: object): data is PrivateLinkMailJob => 'statusPrivateLink' in data,
    async defineQueues() {
      await deps.jobs.define({ name: STATUS_EXPORT_QUEUE, retryLimit: 10, retryDelaySeconds: 30 });
    },
    async startWorkers() {
      // One at a time: each run exports the current page, so runs queued behind it change nothing wrong.
      await deps.jobs.work(STATUS_EXPORT_QUEUE, async (_data, job) => void (await statusExport.runJob(job.lastAttempt)), { concurrency: 1, pollingIntervalSeconds: 1 });
    },
  };
}
