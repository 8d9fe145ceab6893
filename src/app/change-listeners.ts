// In-process notices of a change (the status page's snapshot is rebuilt on them).
import type { Logger } from 'pino';

export interface ChangeListeners {
  on(listener: () => void): () => void;
  emit(): void;
}

/** A failing listener is logged and never fails the change. */
export function changeListeners(logger: Logger): ChangeListeners {
  const listeners = new Set<() => void>();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit() {
      for (const listener of listeners) {
        try {
          listener();
        } catch (err) {
          logger.error({ err }, 'status page change listener failed');
        }
      }
    },
  };
}
