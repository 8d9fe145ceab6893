// Every public change of the status page moves its version row; this wraps the status page's store so
// that, in the same transaction, the change also enqueues a `status.export` job (durable: the export
// happens even if this process stops right after the commit).
import type { Transactor } from '../ports.ts';
import type { StatusPageStore } from '../statuspage/statuspage.ports.ts';
import { STATUS_EXPORT_QUEUE } from './status-export.types.ts';

/** One transaction's store, whose version bump also queues the export (a caller's transaction too). */
export function exportTriggered<S extends StatusPageStore>(s: S): S {
  return {
    ...s,
    statusPage: {
      ...s.statusPage,
      async bumpVersion(at: Date) {
        const version = await s.statusPage.bumpVersion(at);
        await s.jobs.send(STATUS_EXPORT_QUEUE, { version });
        return version;
      },
    },
  };
}

export function withExportTrigger<S extends StatusPageStore>(store: Transactor<S>): Transactor<S> {
  return { read: store.read, transaction: (work) => store.transaction((s) => work(exportTriggered(s))) };
}
