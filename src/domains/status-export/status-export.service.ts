// Static export of the public status page: `secdesk status publish` and the `status.export` job that
// every public change enqueues (its subscription to `statuspage.changed`, status-export.jobs.ts). Each run renders the
// page once, keeps it on this machine for the last-published fallback, and pushes it to every target;
// a target that fails does not stop the others, and the job is retried until all have it.
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ValidationError } from '../errors.ts';
import type { AuditPort } from '../ports.ts';
import type { Branding } from '../statuspage/statuspage.types.ts';
import { renderForExport, type PublicPageSource } from './export-files.ts';
import type { ExportFile, SnapshotEntry, TargetResult } from './status-export.types.ts';

/** Where files go; `T` is the adapter's target description (directory, bucket). */
export interface ExportPorts<T> {
  targets: T[];
  push(files: ExportFile[], targets: T[]): Promise<TargetResult[]>;
  /** Keeps the responses for the last-published fallback (SECDESK_DATA_DIR/status-snapshot). */
  persist(entries: SnapshotEntry[]): Promise<void>;
}

export class StatusExportFailed extends Error {}

export class StatusExportService<T> {
  readonly #deps: { source: PublicPageSource; branding: Branding; clock: Clock; audit: AuditPort; ports: ExportPorts<T> };

  constructor(deps: { source: PublicPageSource; branding: Branding; clock: Clock; store: { read: { audit: AuditPort } }; ports: ExportPorts<T> }) {
    this.#deps = { ...deps, audit: deps.store.read.audit };
  }

  get configuredTargets(): T[] {
    return this.#deps.ports.targets;
  }

  /** `secdesk status publish`: to the given targets (default: the configured ones). */
  async exportNow(ctx: ActionContext, targets: T[] = this.#deps.ports.targets): Promise<TargetResult[]> {
    authorize(ctx.actor, 'status.publish');
    if (targets.length === 0) throw new ValidationError('no export target: pass --out <dir> or set SECDESK_STATUS_EXPORT_TARGETS');
    return this.#run(ctx, targets);
  }

  /** The status.export job: the last-published copy here, then every configured target. */
  async runJob(lastAttempt: boolean): Promise<TargetResult[]> {
    const results = await this.#run({ actor: SYSTEM_ACTOR }, this.#deps.ports.targets);
    const failed = results.filter((r) => !r.ok);
    // Retried as a whole: the targets that worked get the same bytes again, which is harmless.
    if (failed.length && !lastAttempt) throw new StatusExportFailed(`status export failed for ${failed.map((f) => `${f.target} (${f.error})`).join('; ')}`);
    return results;
  }

  async #run(ctx: ActionContext, targets: T[]): Promise<TargetResult[]> {
    const { files, entries } = await renderForExport(this.#deps.source, this.#deps.branding, this.#deps.clock.now());
    await this.#deps.ports.persist(entries);
    if (targets.length === 0) return [];
    const results = await this.#deps.ports.push(files, targets);
    await this.#deps.audit.append(ctx, { action: 'status_page.exported', entityType: 'status_page', entityId: null, after: { files: files.length, results } });
    return results;
  }
}
