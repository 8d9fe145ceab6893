// The built-in SMTP receiver (smtp-server). It accepts mail only for the security address, caps the
// message, header and recipient sizes, limits the rate per sender and per client address, and
// answers 250 only after the message is committed. Whatever it cannot take now (rate, storage) is
// answered 4xx so that the sending server tries again later: mail is delayed, never lost.
import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.ts';
import type { MailIntakeService } from '../../domains/mail/intake.service.ts';

export interface SmtpReceiver {
  port(): number;
  close(): Promise<void>;
}

/** RCPT TO commands allowed in one message (only the security address is ever accepted). */
export const MAX_RECIPIENTS = 20;
/** The header section must end within this many bytes (Postfix's header_size_limit is 100 KiB). */
export const MAX_HEADER_BYTES = 256 * 1024;

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** Reads the message but keeps at most `max` bytes; the rest is drained so the client still hears why it was refused. */
function readCapped(stream: SMTPServerDataStream, max: number): Promise<{ raw: Buffer; oversized: boolean }> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) chunks.push(chunk);
      else chunks = [];
    });
    stream.on('end', () => resolve({ raw: Buffer.concat(chunks), oversized: size > max || stream.sizeExceeded }));
    stream.on('error', reject);
  });
}

function headerTooLarge(raw: Buffer): boolean {
  if (raw.length <= MAX_HEADER_BYTES) return false;
  const head = raw.subarray(0, MAX_HEADER_BYTES + 4);
  return head.indexOf('\r\n\r\n') === -1 && head.indexOf('\n\n') === -1;
}

/** Per-minute budgets per envelope sender and per client address; held in this process only (each instance has its own). */
function rateLimits(config: Config) {
  const perSender = new RateLimiterMemory({ points: config.SMTP_MAX_PER_SENDER_PER_MINUTE, duration: 60 });
  const perAddress = new RateLimiterMemory({ points: config.SMTP_MAX_PER_IP_PER_MINUTE, duration: 60 });
  const spent = (limiter: RateLimiterMemory, key: string) =>
    limiter.consume(key).then(
      () => false,
      (res: unknown) => {
        if (res instanceof Error) throw res;
        return true;
      },
    );
  return async (sender: string, ip: string): Promise<Error | null> => {
    if (await spent(perAddress, ip)) return smtpError(450, `4.7.1 too many messages from ${ip} this minute; try again later`);
    if (await spent(perSender, sender || `<>@${ip}`)) return smtpError(450, '4.7.1 too many messages from this sender this minute; try again later');
    return null;
  };
}

/** `inbox`: the security address in force now (an admin may change it in the app). */
export async function startSmtpReceiver(config: Config, intake: MailIntakeService, logger: Logger, inbox: () => string): Promise<SmtpReceiver> {
  const tls =
    config.SMTP_TLS_CERT_FILE && config.SMTP_TLS_KEY_FILE
      ? { cert: readFileSync(config.SMTP_TLS_CERT_FILE), key: readFileSync(config.SMTP_TLS_KEY_FILE) }
      : null;
  const overRate = rateLimits(config);
  const recipientAttempts = new WeakMap<SMTPServerSession, number>();
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
    onMailFrom(address, session, callback) {
      recipientAttempts.set(session, 0);
      overRate(address.address.toLowerCase(), session.remoteAddress)
        .then((refusal) => {
          if (refusal) logger.warn({ session: session.id, ip: session.remoteAddress }, 'smtp rate limit reached');
          callback(refusal);
        })
        .catch((err: Error) => callback(smtpError(451, `4.3.0 ${err.message}`)));
    },
    onRcptTo(address, session, callback) {
      const attempts = (recipientAttempts.get(session) ?? 0) + 1;
      recipientAttempts.set(session, attempts);
      if (attempts > MAX_RECIPIENTS) return callback(smtpError(452, `4.5.3 too many recipients (at most ${MAX_RECIPIENTS} per message)`));
      if (address.address.toLowerCase() !== inbox().toLowerCase()) return callback(smtpError(550, `5.1.1 no mailbox here for ${address.address}`));
      callback();
    },
    onData(stream, session, callback) {
      readCapped(stream, config.SMTP_MAX_BYTES)
        .then(async ({ raw, oversized }) => {
          if (oversized) throw smtpError(552, `5.3.4 message exceeds the ${config.SMTP_MAX_BYTES}-byte limit`);
          if (headerTooLarge(raw)) throw smtpError(552, `5.3.4 header section exceeds ${MAX_HEADER_BYTES} bytes`);
          const result = await intake.receive(raw, 'smtp').catch((err: Error) => {
            logger.error({ err: err.message, session: session.id }, 'inbound mail could not be stored');
            throw smtpError(451, '4.3.0 cannot store the message right now; try again later');
          });
          logger.info({ ticket: result.ticketNumber, outcome: result.outcome, bytes: raw.length, tls: session.secure }, 'mail received');
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
