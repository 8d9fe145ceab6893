// The public status responses held in memory: rebuilt once per public change, never per request.
// This instance learns of its own publishes at once (the service's change listener); on PostgreSQL
// it also polls the page's version row every 500 ms, so a publish by another instance shows here
// within a second. PGlite is one process, so its listener is enough. When a rebuild fails (the
// database is unreachable) the last snapshot keeps being served.
import type { Logger } from 'pino';
import { buildSnapshot, type Rendered, type StatusSnapshot } from '../../domains/statuspage/render/index.ts';
import type { Branding, StatusPageModel } from '../../domains/statuspage/statuspage.types.ts';

export interface SnapshotSource {
  publicModel(): Promise<StatusPageModel>;
  publicVersion(): Promise<number>;
}

export interface SnapshotOptions {
  source: SnapshotSource;
  branding: Branding;
  logger: Logger;
  /** Poll the version row this often (ms); null: rely on in-process change notices only. */
  pollMs: number | null;
}

/** Cached extra pages (one incident, one history month) per snapshot; bounded so random ids cannot grow it. */
const MAX_PAGES = 1000;
const RETRY_AFTER_FAILURE_MS = 1000;

export class StatusSnapshots {
  readonly #options: SnapshotOptions;
  #snapshot: { snap: StatusSnapshot; model: StatusPageModel } | null = null;
  #wanted = 1;
  #built = 0;
  #rebuild: Promise<void> | null = null;
  #failedAt = 0;
  #pages = new Map<string, Rendered | null>();
  #timer: NodeJS.Timeout | null = null;

  constructor(options: SnapshotOptions) {
    this.#options = options;
  }

  get branding(): Branding {
    return this.#options.branding;
  }

  /** Marks the snapshot stale and starts the rebuild at once (requests meanwhile wait for it). */
  invalidate(): void {
    this.#wanted++;
    void this.current().catch(() => {});
  }

  async current(): Promise<{ snap: StatusSnapshot; model: StatusPageModel }> {
    const fresh = this.#snapshot && this.#built === this.#wanted;
    const resting = this.#snapshot && Date.now() - this.#failedAt < RETRY_AFTER_FAILURE_MS;
    if (fresh || resting) return this.#snapshot!;
    this.#rebuild ??= this.#build().finally(() => (this.#rebuild = null));
    await this.#rebuild;
    if (this.#built !== this.#wanted && !this.#failedAt) return this.current();
    if (!this.#snapshot) throw new Error('the status page cannot be built: the database is unreachable');
    return this.#snapshot;
  }

  /** A page rendered from the current snapshot's model, built once per snapshot. Null results (not found) are cached too. */
  async page(key: string, build: (model: StatusPageModel) => Promise<Rendered | null>): Promise<Rendered | null> {
    const { model } = await this.current();
    if (this.#pages.has(key)) return this.#pages.get(key)!;
    const page = await build(model);
    if (this.#pages.size >= MAX_PAGES) this.#pages.clear();
    this.#pages.set(key, page);
    return page;
  }

  start(): void {
    const { pollMs, source, logger } = this.#options;
    if (pollMs === null || this.#timer) return;
    this.#timer = setInterval(() => {
      source.publicVersion().then(
        (version) => {
          if (this.#snapshot && version !== this.#snapshot.snap.version) this.invalidate();
        },
        (err: unknown) => logger.debug({ err }, 'status page version poll failed'),
      );
    }, pollMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #build(): Promise<void> {
    const target = this.#wanted;
    try {
      const model = await this.#options.source.publicModel();
      this.#snapshot = { snap: buildSnapshot(model, this.#options.branding), model };
      this.#pages = new Map();
      this.#built = target;
      this.#failedAt = 0;
    } catch (err) {
      this.#failedAt = Date.now();
      this.#options.logger.error({ err }, 'status page rebuild failed; serving the last snapshot');
    }
  }
}
