// Starts a real secdesk on a fresh, private database for one test file (see database.ts).
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { createApp, type App, type AppOptions } from '../../src/app/app.ts';
import { buildHttpServer } from '../../src/adapters/http/server.ts';
import type { HttpApp } from '../../src/adapters/http/http-app.ts';
import { createTestDatabase, type TestDatabase, type TestEngine } from './database.ts';

export * from './database.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  // Tests sign in and send mail many times from one address; the per-address limits have their own tests.
  return loadConfig({
    SECDESK_LOG_LEVEL: 'silent',
    SECDESK_SEED_DEMO: 'false',
    PORT: '0',
    SECDESK_SIGNIN_PER_MINUTE: '10000',
    SMTP_PORT: '0',
    SMTP_MAX_PER_SENDER_PER_MINUTE: '100000',
    SMTP_MAX_PER_IP_PER_MINUTE: '100000',
    SECDESK_STATUS_KEEP_LAST: 'false',
    ...env,
  });
}

export interface TestApp {
  app: App;
  http: HttpApp;
  config: Config;
  close(): Promise<void>;
}

/** A running app (not listening; use http.inject, or http.listen for a real socket). Pass `database` to reuse one (it is then not dropped). */
export async function startTestApp(
  options: { env?: Record<string, string>; app?: AppOptions; engine?: TestEngine; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(options.engine));
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
      if (!options.database) await database.drop();
    },
  };
}
