// `secdesk serve`: start everything, print where to sign in, and shut down gracefully.
import type { Config } from '../config/config.ts';
import { buildHttpServer } from '../adapters/http/server.ts';
import { createApp, type App } from './app.ts';
import { seedDemo } from './seed/demo.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../adapters/mail/smtp-receiver.ts';
import type { ActionContext } from '../domains/context.ts';

export const CLI_CONTEXT: ActionContext = { actor: { kind: 'system', userId: null, label: 'cli', roles: [] } };

async function seedIfWanted(app: App): Promise<boolean> {
  const setting = app.config.SECDESK_SEED_DEMO;
  if (setting === 'false' || (setting === 'auto' && app.database.engine !== 'pglite')) return false;
  return (await seedDemo(app, { onlyIfEmpty: true })) !== null;
}

/** The one-time preparation of a database: the first admin and the demo data, printed. */
export async function firstRun(app: App, print: (line: string) => void): Promise<void> {
  const admin = await app.services.accounts.ensureFirstAdmin(CLI_CONTEXT);
  if (await seedIfWanted(app)) print('Demo data seeded: a security inbox and an incident.');
  if (admin) {
    print(`First admin: ${admin.email}  password: ${admin.generated ? admin.password : '(from SECDESK_ADMIN_PASSWORD)'}`);
    if (admin.generated) print('This password is shown only now; change it under Account after signing in.');
  }
}

/** Starts the server; resolves once it listens, with a function that stops it. `firstRun: false` when
 * a cluster primary has already prepared the database. */
export async function serve(config: Config, print: (line: string) => void = console.log, options: { firstRun?: boolean } = {}): Promise<{ url: string; stop(): Promise<void> }> {
  const app = await createApp(config);
  let server;
  let smtp: SmtpReceiver | null = null;
  try {
    server = await buildHttpServer(app);
    await server.listen({ port: config.PORT, host: config.HOST });
    const address = server.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    const url = config.SECDESK_PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    print(`secdesk is running at ${url}  (${app.database.engine === 'pglite' ? `embedded database in ${config.SECDESK_DATA_DIR}` : 'PostgreSQL'})`);
    if (config.SMTP_PORT !== 0) {
      smtp = await startSmtpReceiver(config, app.services.mailIntake, app.logger);
      print(`Receiving mail for ${config.SECDESK_INBOX_ADDRESS} by SMTP on ${config.SMTP_HOST}:${smtp.port()}`);
    }
    if (options.firstRun !== false) await firstRun(app, print);
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
