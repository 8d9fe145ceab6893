// A local SMTP server standing in for the outgoing relay: it keeps every message it accepts, and can
// be told to answer the next messages 451 (try again), to refuse recipients 550, or to hold its
// answers until a promise settles (messages stay in flight, so a test can act while they are).
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePort } from './net.ts';

export interface SmtpSink {
  port: number;
  url: string;
  received: ParsedMail[];
  /** The raw bytes of each received message, in the same order. */
  raw: Buffer[];
  /** The BODY= parameter of each received message's MAIL FROM (8BITMIME, RFC 6152), or null; same order. */
  bodyTypes: (string | null)[];
  behaviour: { failNext: number; reject: Set<string>; hold: Promise<void> | null };
  close(): Promise<void>;
}

/** Pass `port` to start again where an earlier sink listened (a relay coming back). */
export async function startSmtpSink(options: { port?: number } = {}): Promise<SmtpSink> {
  const port = options.port ?? (await freePort());
  const received: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const bodyTypes: (string | null)[] = [];
  const behaviour: SmtpSink['behaviour'] = { failNext: 0, reject: new Set<string>(), hold: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _s, cb) {
      if (behaviour.reject.has(address.address)) return cb(Object.assign(new Error('no such user'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (behaviour.hold) await behaviour.hold;
        if (behaviour.failNext > 0) {
          behaviour.failNext--;
          return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
        }
        const bytes = Buffer.concat(chunks);
        raw.push(bytes);
        const args = session.envelope.mailFrom && (session.envelope.mailFrom as { args?: Record<string, string> | false }).args;
        // biome-ignore lint/complexity/useOptionalChain: the value is false or an object, and ?. does not rule out false.
        bodyTypes.push((args && args.BODY) || null);
        received.push(await simpleParser(bytes));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    raw,
    bodyTypes,
    behaviour,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export { waitFor } from './until.ts';
