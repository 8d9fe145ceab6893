// A browser rig with mail both ways: an SMTP sink as the outgoing relay, the app's SMTP receiver with
// a requester's transport pointed at it, and analyst@example.com and lead@example.com (admin) to sign in as.
import nodemailer, { type Transporter } from 'nodemailer';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { startRig, type BrowserRig } from '../browser/support.ts';
import { createUser } from './session.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export interface BrowserMailRig {
  rig: BrowserRig;
  sink: SmtpSink;
  receiver: SmtpReceiver;
  requester: Transporter;
  close(): Promise<void>;
}

/** Starts the rig with `env` plus SMTP_URL pointing at a fresh sink. */
export async function startBrowserMailRig(env: Record<string, string>): Promise<BrowserMailRig> {
  const sink = await startSmtpSink();
  const rig = await startRig({ ...env, SMTP_URL: sink.url });
  const receiver = await startSmtpReceiver(rig.t.config, rig.t.app.services.mailIntake, rig.t.app.logger, () => rig.t.app.services.mailIdentity.address);
  const requester = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port(), ignoreTLS: true });
  await createUser(rig.t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(rig.t.app, 'lead@example.com', ['admin']);
  return {
    rig,
    sink,
    receiver,
    requester,
    async close() {
      requester.close();
      await receiver.close();
      await rig.close();
      await sink.close();
    },
  };
}
