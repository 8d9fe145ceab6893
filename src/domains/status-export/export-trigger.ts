// Every public change of the status page moves its version row; this wraps the status page's store so
// that, in the same transaction, the change also enqueues a `status.export` job (durable: the export
// happens even if this process stops right after the commit).
import type { Transactor } from '../ports.ts';
import type { StatusPageStore } from '../statuspage/statuspage.ports.ts';
import { STATUS_EXPORT_QUEUE } from './status-export.types.ts';

export function withExportTrigger<S extends StatusPageStore>(store: Transactor<S>): Transactor<S> {
  return {
    read: store.read,
    transaction: (work) => store.transaction((s) => work({
      ...s,
      statusPage: {
        ...s.statusPage,
        async bumpVersion(at: Date) {
          const version = await s.statusPage.bumpVersion(at);
          await s.jobs.send(STATUS_EXPORT_QUEUE, { version });
          return version;
        },
      },
    })),
  };
}
