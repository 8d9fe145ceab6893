// Starts a real secdesk on a fresh, private database for one test file: PGlite in memory, or a
// new database on the PostgreSQL server, chosen by SECDESK_TEST_ENGINE (pglite | postgres).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createApp, type App, type AppOptions } from '../../src/app/app.ts';
import { buildHttpServer, type HttpApp } from '../../src/adapters/http/server.ts';

export type TestEngine = 'pglite' | 'postgres';
export const TEST_ENGINE: TestEngine = process.env.SECDESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const PG_ADMIN_URL = process.env.SECDESK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Creates an empty database on the PostgreSQL server and returns its URL and a way to drop it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `secdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestDatabase {
  /** Config fragment that points secdesk at this database. */
  env: Record<string, string>;
  /** For the embedded engine: the data directory option to pass to createApp. */
  embeddedDataDir?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: TestEngine = TEST_ENGINE, dataDir = 'memory://'): Promise<TestDatabase> {
  if (engine === 'postgres') {
    const pgdb = await createPgDatabase();
    return { env: { DATABASE_URL: pgdb.url }, drop: pgdb.drop };
  }
  return { env: {}, embeddedDataDir: dataDir, drop: async () => {} };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ SECDESK_LOG_LEVEL: 'silent', SECDESK_SEED_DEMO: 'false', PORT: '0', ...env });
}

export interface TestApp {
  app: App;
  http: HttpApp;
  config: Config;
  close(): Promise<void>;
}

/** A running app (not listening; use http.inject, or http.listen for a real socket). */
export async function startTestApp(options: { env?: Record<string, string>; app?: AppOptions; engine?: TestEngine } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.engine);
  const config = testConfig({ ...database.env, ...options.env });
  const logger = pino({ level: process.env.SECDESK_TEST_LOG ?? 'silent' });
  const app = await createApp(config, {
    logger,
    ...(database.embeddedDataDir ? { embeddedDataDir: database.embeddedDataDir } : {}),
    ...options.app,
  });
  const http = await buildHttpServer(app);
  await http.ready();
  return {
    app,
    http,
    config,
    async close() {
      await http.close();
      await app.close();
      await database.drop();
    },
  };
}
