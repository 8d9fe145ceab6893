// `secdesk serve`: start everything, print where to sign in, and shut down gracefully. When the
// database is unreachable at start and a status page was published before, the last published page
// is served (status-fallback) until the database answers; then the full app takes the port over.
import type { Config } from '../config/config.ts';
import { buildHttpServer } from '../adapters/http/server.ts';
import { buildStatusFallback } from '../adapters/http/status-fallback.ts';
import { loadPersistedSnapshot } from '../adapters/status-export/persisted-snapshot.ts';
import { DatabaseUnavailableError } from '../adapters/db/database.ts';
import { createApp, type App } from './app.ts';
import { seedDemo } from './seed/demo.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../adapters/mail/smtp-receiver.ts';
import type { ActionContext } from '../domains/context.ts';
import { mailIdentityOf } from '../config/identity.ts';

export const CLI_CONTEXT: ActionContext = { actor: { kind: 'system', userId: null, label: 'cli', roles: [] } };

/** How often a server serving the last published page tries the database again. */
const DATABASE_RETRY_MS = 5000;

export interface Running {
  url: string;
  stop(): Promise<void>;
}

async function seedIfWanted(app: App): Promise<boolean> {
  const setting = app.config.SECDESK_SEED_DEMO;
  if (setting === 'false' || (setting === 'auto' && app.database.engine !== 'pglite')) return false;
  return (await seedDemo(app, { onlyIfEmpty: true })) !== null;
}

/** The one-time preparation of a database: the first admin and the demo data; returns what to print. */
export async function firstRun(app: App): Promise<string[]> {
  const lines: string[] = [];
  const admin = await app.services.accounts.ensureFirstAdmin(CLI_CONTEXT);
  if (await seedIfWanted(app)) lines.push('Demo data seeded: a security inbox and an incident.');
  if (admin) {
    lines.push(`First admin: ${admin.email}  password: ${admin.generated ? admin.password : '(from SECDESK_ADMIN_PASSWORD)'}`);
    if (admin.generated) lines.push('This password is shown only now; change it under Account after signing in.');
  }
  return lines;
}

function urlOf(config: Config, port: number): string {
  return mailIdentityOf(config, port).links.base;
}

export interface ServeOptions {
  /** false when a cluster primary has already prepared the database. */
  firstRun?: boolean;
}

/** Starts the server; resolves once it listens, with a function that stops it. */
export async function serve(config: Config, print: (line: string) => void = console.log, options: ServeOptions = {}): Promise<Running> {
  let app: App;
  try {
    app = await createApp(config);
  } catch (err) {
    const snapshot = err instanceof DatabaseUnavailableError ? await loadPersistedSnapshot(config.SECDESK_DATA_DIR) : null;
    if (!snapshot) throw err;
    return serveLastPublished(config, print, options, snapshot);
  }
  return serveApp(app, print, options);
}

async function serveApp(app: App, print: (line: string) => void, options: ServeOptions, port = app.config.PORT): Promise<Running> {
  const { config } = app;
  let server;
  let smtp: SmtpReceiver | null = null;
  try {
    const prepared = options.firstRun !== false ? await firstRun(app) : [];
    server = await buildHttpServer(app);
    await server.listen({ port, host: config.HOST });
    const address = server.server.address();
    const url = urlOf(config, typeof address === 'object' && address ? address.port : port);
    print(`secdesk is running at ${url}  (${app.database.engine === 'pglite' ? `embedded database in ${config.SECDESK_DATA_DIR}` : 'PostgreSQL'})`);
    const { warning } = app.services.mailIdentity.links;
    if (warning) print(`Warning: ${warning}; set SECDESK_PUBLIC_URL (README → Configuration) for links that work elsewhere`);
    if (config.SMTP_PORT !== 0) {
      smtp = await startSmtpReceiver(config, app.services.mailIntake, app.logger, () => app.services.mailIdentity.address);
      print(`Receiving mail for ${app.services.mailIdentity.address} by SMTP on ${config.SMTP_HOST}:${smtp.port()}`);
    }
    for (const line of prepared) print(line);
    const running = server;
    const receiver = smtp;
    return {
      url,
      async stop() {
        await receiver?.close(); // no new mail; a message being received is answered 4xx and retried by its sender
        await running.close(); // finishes in-flight requests
        await app.close(); // finishes running jobs, closes the database
      },
    };
  } catch (err) {
    await smtp?.close().catch(() => {});
    await server?.close().catch(() => {});
    await app.close().catch(() => {});
    throw err;
  }
}

/** The last published status page until the database answers, then the full app on the same port. */
async function serveLastPublished(
  config: Config,
  print: (line: string) => void,
  options: ServeOptions,
  snapshot: Parameters<typeof buildStatusFallback>[0],
): Promise<Running> {
  const fallback = buildStatusFallback(snapshot);
  await fallback.listen({ port: config.PORT, host: config.HOST });
  const address = fallback.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = urlOf(config, port);
  print(
    `secdesk: the database is unreachable; serving the last published status page at ${url}/status and retrying the database every ${DATABASE_RETRY_MS / 1000} s`,
  );
  let full: Running | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const retry = async () => {
    try {
      const app = await createApp(config);
      if (stopped) return void (await app.close());
      await fallback.close();
      full = await serveApp(app, print, options, port);
    } catch (err) {
      if (!(err instanceof DatabaseUnavailableError)) print(`secdesk: cannot start with the database back: ${(err as Error).message}`);
      if (!stopped && !full) timer = setTimeout(() => void retry(), DATABASE_RETRY_MS);
    }
  };
  timer = setTimeout(() => void retry(), DATABASE_RETRY_MS);
  return {
    url,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await (full ? full.stop() : fallback.close());
    },
  };
}
