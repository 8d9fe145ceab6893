// PGlite is one connection. Kysely's stock PGlite driver hands that connection to every caller at
// once, so a query issued while another caller's transaction is open would run inside it. This
// driver lends the connection to one caller at a time, as a pool of size one would.
import { PGliteDialect, PGliteDriver, type DatabaseConnection, type Driver, type PGliteDialectConfig } from 'kysely';

export class SerialPGliteDriver extends PGliteDriver {
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }
}

export class SerialPGliteDialect extends PGliteDialect {
  readonly #config: PGliteDialectConfig;
  constructor(config: PGliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new SerialPGliteDriver(this.#config);
  }
}
