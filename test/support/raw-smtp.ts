// An SMTP client over a plain socket, one command at a time, for tests and the ingest benchmark:
// nothing client-side (such as a SIZE declaration) hides what the server answers, and the time
// from the end of a message to the server's answer can be measured exactly.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RawSmtpSession {
  /** Sends one command line; resolves with the server's full reply (lines joined by \n). */
  command(line: string): Promise<string>;
  /** DATA, then (on 354) the message, dot-stuffed; resolves with the reply and the ms from the message's end to that reply. */
  data(message: Buffer): Promise<{ reply: string; ms: number }>;
  close(): void;
}

export async function openRawSmtp(port: number, host = '127.0.0.1'): Promise<RawSmtpSession> {
  const socket = connect(port, host);
  socket.setEncoding('latin1');
  socket.setNoDelay(true);
  const replies: string[] = [];
  const waiting: ((reply: string) => void)[] = [];
  let lines: string[] = [];
  let partial = '';
  socket.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\r\n');
    partial = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (!/^\d{3} /.test(line)) continue;
      const reply = lines.join('\n');
      lines = [];
      if (waiting.length) waiting.shift()!(reply);
      else replies.push(reply);
    }
  });
  socket.on('close', () => {
    for (const w of waiting.splice(0)) w('connection closed');
  });
  socket.on('error', () => {}); // surfaces as 'connection closed'
  const next = () => new Promise<string>((resolve) => (replies.length ? resolve(replies.shift()!) : waiting.push(resolve)));
  const send = (text: string | Buffer) => {
    socket.write(text);
    return next();
  };
  const greeting = await next();
  if (!greeting.startsWith('220')) throw new Error(`no SMTP greeting: ${greeting}`);
  const ehlo = await send('EHLO client.example\r\n');
  if (!ehlo.startsWith('250')) throw new Error(`EHLO refused: ${ehlo}`);
  return {
    command: (line) => send(`${line}\r\n`),
    async data(message) {
      const go = await send('DATA\r\n');
      if (!go.startsWith('354')) return { reply: go, ms: 0 };
      const stuffed = Buffer.from(message.toString('latin1').replace(/(^|\r\n)\./g, '$1..'), 'latin1');
      const start = performance.now();
      const reply = await send(Buffer.concat([stuffed, Buffer.from('\r\n.\r\n')]));
      return { reply, ms: performance.now() - start };
    },
    close: () => socket.destroy(),
  };
}
