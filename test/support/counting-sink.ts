// An SMTP relay stand-in for the fan-out crash test and bench: it counts, per recipient, every
// message it accepted (a message counts only when its final dot arrived, as a real relay accepts it)
// and keeps each one's Message-ID. It never parses bodies, so it keeps up with the sender.
import { SMTPServer } from 'smtp-server';
import { freePort } from './net.ts';

export interface CountingSink {
  port: number;
  url: string;
  /** Messages accepted, per envelope recipient. */
  counts: Map<string, number>;
  /** Message-IDs accepted, per envelope recipient. */
  messageIds: Map<string, string[]>;
  accepted(): number;
  close(): Promise<void>;
}

export async function startCountingSink(): Promise<CountingSink> {
  const port = await freePort();
  const counts = new Map<string, number>();
  const messageIds = new Map<string, string[]>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 500,
    size: 1024 * 1024,
    onData(stream, session, cb) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 8192) head += c.toString('latin1');
      });
      stream.on('error', () => {}); // the client went away before its dot: nothing was accepted
      stream.on('end', () => {
        const id = /^message-id:\s*(<[^>\r\n]*>)/im.exec(head)?.[1] ?? '(none)';
        for (const rcpt of session.envelope.rcptTo) {
          counts.set(rcpt.address, (counts.get(rcpt.address) ?? 0) + 1);
          const ids = messageIds.get(rcpt.address);
          if (ids) ids.push(id);
          else messageIds.set(rcpt.address, [id]);
          total++;
        }
        cb();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    counts,
    messageIds,
    accepted: () => total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
