// The built-in SMTP receiver (smtp-server). It accepts mail only for the security address, caps the
// size, and answers 250 only after the message is committed; when it cannot store the message it
// answers 451 so that the sending server tries again later.
import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.ts';
import type { MailIntakeService } from '../../domains/mail/intake.service.ts';

export interface SmtpReceiver {
  port(): number;
  close(): Promise<void>;
}

class TransientError extends Error {
  responseCode = 451;
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startSmtpReceiver(config: Config, intake: MailIntakeService, logger: Logger): Promise<SmtpReceiver> {
  const inbox = config.SECDESK_INBOX_ADDRESS.toLowerCase();
  const tls = config.SMTP_TLS_CERT_FILE && config.SMTP_TLS_KEY_FILE
    ? { cert: readFileSync(config.SMTP_TLS_CERT_FILE), key: readFileSync(config.SMTP_TLS_KEY_FILE) }
    : null;
  const server = new SMTPServer({
    name: new URL(config.SECDESK_PUBLIC_URL ?? 'http://secdesk.local').hostname,
    banner: 'secdesk',
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    size: config.SMTP_MAX_BYTES,
    maxClients: 100,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== inbox) return callback(Object.assign(new Error(`no mailbox here for ${address.address}`), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw Object.assign(new Error(`message exceeds the ${config.SMTP_MAX_BYTES}-byte limit`), { responseCode: 552 });
          const result = await intake.receive(raw, 'smtp').catch((err: Error) => {
            logger.error({ err: err.message, session: session.id }, 'inbound mail could not be stored');
            throw new TransientError('cannot store the message right now; try again later');
          });
          logger.info({ ticket: result.ticketNumber, outcome: result.outcome, bytes: raw.length }, 'mail received');
          callback(null, `queued as ticket ${result.ticketNumber}`);
        })
        .catch((err: Error) => callback(err));
    },
  });
  server.on('error', (err) => logger.warn({ err: err.message }, 'smtp receiver error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.SMTP_PORT, config.SMTP_HOST, () => resolve());
  });
  return {
    port: () => (server.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
