// Wiring of the status page's operations: the static export (`secdesk status publish`, the
// status.export job of status-export.jobs.ts, the last-published copy on disk) and the private pages.
import { exportTargetsOf, type Config } from '../config/config.ts';
import { exportToTargets } from '../adapters/status-export/export.ts';
import { persistSnapshot } from '../adapters/status-export/persisted-snapshot.ts';
import type { ExportTarget } from '../adapters/status-export/export-targets.ts';
import type { Store } from '../adapters/db/store.ts';
import type { Clock } from '../domains/context.ts';
import type { Transactor } from '../domains/ports.ts';
import type { CurrentSender } from '../domains/mail/replies.service.ts';
import { StatusExportService } from '../domains/status-export/status-export.service.ts';
import { PrivatePagesService } from '../domains/status-private/private-pages.service.ts';
import { PrivateVisitorsService } from '../domains/status-private/private-visitors.service.ts';
import type { StatusPageService } from '../domains/statuspage/statuspage.service.ts';
import type { MailIdentity } from '../domains/mail/mail-identity.ts';
import { statusBranding } from '../config/identity.ts';

export type { ExportTarget };

export function createStatusOps(deps: {
  config: Config;
  clock: Clock;
  store: Transactor<Store>;
  sender: CurrentSender;
  statusPage: StatusPageService;
  identity: MailIdentity;
}) {
  const { config } = deps;
  const branding = statusBranding(config, deps.identity.links);
  const statusExport = new StatusExportService<ExportTarget>({
    source: deps.statusPage,
    branding,
    clock: deps.clock,
    store: deps.store,
    ports: {
      targets: exportTargetsOf(config),
      push: exportToTargets,
      persist: config.SECDESK_STATUS_KEEP_LAST ? (entries) => persistSnapshot(config.SECDESK_DATA_DIR, entries) : async () => {},
    },
  });
  const publicModel = () => deps.statusPage.publicModel();
  const privatePages = new PrivatePagesService({ store: deps.store, clock: deps.clock, publicModel });
  const privateVisitors = new PrivateVisitorsService({
    store: deps.store,
    clock: deps.clock,
    publicModel,
    sender: deps.sender,
    identity: deps.identity,
    sessionHours: config.SECDESK_SESSION_HOURS,
  });
  return {
    statusExport,
    privatePages,
    privateVisitors,
  };
}
