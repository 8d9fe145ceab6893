// An app with mail both ways for integration tests: an SMTP sink as the outgoing relay (the outbox's
// queues retried quickly), the app's SMTP receiver, and a signed-in analyst and admin (analyst@<domain>,
// lead@<domain>).
import { startSmtpReceiver, type SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import type { AppOptions } from '../../src/app/app.ts';
import { startTestApp, type TestApp } from './harness.ts';
import { createUser, signIn, type Client } from './session.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { OUTBOX_QUEUES } from '../../src/app/legacy-outbox.ts';

export interface MailDesk {
  t: TestApp;
  sink: SmtpSink;
  receiver: SmtpReceiver;
  analyst: Client;
  analystId: string;
  admin: Client;
  close(): Promise<void>;
}

/** Starts the app with `env` plus SMTP_URL pointing at a fresh sink; `beforeMail` runs before the receiver opens. */
export async function startMailDesk(options: {
  env: Record<string, string>;
  app?: AppOptions;
  domain?: string;
  beforeMail?(t: TestApp): Promise<void>;
}): Promise<MailDesk> {
  const domain = options.domain ?? 'example.com';
  const sink = await startSmtpSink();
  const t = await startTestApp({ env: { ...options.env, SMTP_URL: sink.url }, ...(options.app ? { app: options.app } : {}) });
  for (const name of OUTBOX_QUEUES) await t.app.jobs.define({ name, retryLimit: 2, retryDelaySeconds: 1 });
  await options.beforeMail?.(t);
  const receiver = await startSmtpReceiver(t.config, t.app.services.mailIntake, t.app.logger, () => t.app.services.mailIdentity.address);
  const analystId = (await createUser(t.app, `analyst@${domain}`, ['security_analyst'])).id;
  await createUser(t.app, `lead@${domain}`, ['admin']);
  const analyst = await signIn(t.http, `analyst@${domain}`);
  const admin = await signIn(t.http, `lead@${domain}`);
  return {
    t,
    sink,
    receiver,
    analyst,
    analystId,
    admin,
    async close() {
      await receiver.close();
      await t.close();
      await sink.close();
    },
  };
}
