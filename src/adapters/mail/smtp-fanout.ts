// The fan-out relay: pooled SMTP connections (nodemailer's SMTPConnection) whose transactions are
// held open before the final dot, so the engine records a message before the relay can accept it,
// and then learns when the dot was handed to the operating system (`ended`): from then on the kernel
// delivers it to the relay even if this process is killed.
// The outbox sender (smtp-sender.ts) sends one finished message per call and cannot hold the dot;
// both classify answers the same way: 5xx permanent, 4xx temporary, no connection unavailable.
import { Readable, type Writable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import MailComposer from 'nodemailer/lib/mail-composer';
import DKIM from 'nodemailer/lib/dkim';
import { messageIdHeader } from '../../domains/mail/mail-identity.ts';
import { RelayError, type FanoutRelay, type OutgoingFanoutMail, type RelayTransaction } from '../../domains/fanout/fanout.ports.ts';

export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface FanoutRelayOptions {
  url: string;
  connections: number;
  dkim: DkimKey | null;
  timeoutMs?: number;
}

interface PooledConnection {
  connection: SMTPConnection;
  alive: boolean;
}

// SMTPConnection keeps its socket and the DATA stream (which appends the dot) private; `ended` needs
// both to know when the dot left this process. Pinned by the lockfile; checked when a transaction starts.
interface ConnectionInternals {
  _socket?: Writable & { destroyed: boolean; writableLength: number; writableNeedDrain: boolean };
  _currentDataStream?: Readable | false;
}

interface Wire {
  data: Readable;
  socket: NonNullable<ConnectionInternals['_socket']>;
  dataEnded: boolean;
  end?: NonNullable<ConnectionInternals['_socket']>['end'];
}

/**
 * Corks the socket so the message and its dot stay in this process. Until releaseDot, ending the
 * socket (nodemailer closes with end() on a timeout) destroys it instead: end() would flush the dot
 * of a message that was never recorded.
 */
function holdDot(wire: Wire): void {
  const { socket } = wire;
  wire.end = socket.end;
  socket.end = (() => socket.destroy()) as unknown as typeof socket.end;
  socket.cork();
}

/** Writes the held message and dot to the kernel (synchronously, unless the socket is backed up). */
function releaseDot(wire: Wire): void {
  if (wire.end) wire.socket.end = wire.end;
  wire.socket.uncork();
}

/** Resolves when everything written to the socket so far is in the kernel's send buffer. */
function whenFlushed(socket: NonNullable<ConnectionInternals['_socket']>): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (socket.destroyed) return reject(new RelayError('the connection closed before the final dot was written', 'unavailable'));
      if (socket.writableLength === 0) return resolve();
      if (socket.writableNeedDrain) socket.once('drain', check);
      else setImmediate(check);
    };
    check();
  });
}

function relayError(err: unknown): RelayError {
  const e = err as { responseCode?: number; code?: string; message?: string };
  const message = (e.message ?? String(err)).slice(0, 500);
  if (e.responseCode !== undefined) return new RelayError(message, e.responseCode >= 500 ? 'permanent' : 'temporary');
  return new RelayError(message, 'unavailable');
}

/** The message as it goes on the wire: MIME-composed, with list headers, DKIM-signed when a key is set. */
export async function composeFanoutMail(mail: OutgoingFanoutMail, dkim: DkimKey | null): Promise<Buffer> {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', Precedence: 'bulk' };
  if (mail.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${mail.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  const built = await new MailComposer({
    from: mail.from,
    replyTo: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: messageIdHeader(mail.messageId),
    headers,
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
  if (!dkim) return built;
  const signed = new DKIM({
    ...dkim,
    headerFieldNames: 'from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type',
  }).sign(built);
  const chunks: Buffer[] = [];
  for await (const chunk of signed as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function createFanoutRelay(options: FanoutRelayOptions): FanoutRelay {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const timeout = options.timeoutMs ?? 30_000;
  const idle: PooledConnection[] = [];

  async function connect(): Promise<PooledConnection> {
    const connection = new SMTPConnection({
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 587)),
      secure,
      name: 'secdesk',
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    const pooled: PooledConnection = { connection, alive: true };
    connection.on('error', () => void (pooled.alive = false));
    connection.on('end', () => void (pooled.alive = false));
    await new Promise<void>((resolve, reject) => {
      connection.connect((err?: Error | null) => (err ? reject(err) : resolve()));
      connection.once('error', reject);
    });
    if (url.username) {
      await new Promise<void>((resolve, reject) =>
        connection.login({ user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }, (err) => (err ? reject(err) : resolve())),
      );
    }
    return pooled;
  }

  async function acquire(): Promise<PooledConnection> {
    while (idle.length) {
      const pooled = idle.pop()!;
      if (pooled.alive) return pooled;
    }
    return connect();
  }

  function discard(pooled: PooledConnection) {
    pooled.alive = false;
    try {
      pooled.connection.close();
    } catch {
      // already closed
    }
  }

  function begin(mail: OutgoingFanoutMail): RelayTransaction {
    let resolveReady!: () => void;
    let rejectReady!: (err: unknown) => void;
    let resolveAccepted!: () => void;
    let rejectAccepted!: (err: unknown) => void;
    let resolveEnded!: () => void;
    let rejectEnded!: (err: unknown) => void;
    const ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
    const accepted = new Promise<void>((res, rej) => ((resolveAccepted = res), (rejectAccepted = rej)));
    const ended = new Promise<void>((res, rej) => ((resolveEnded = res), (rejectEnded = rej)));
    ready.catch(() => {});
    accepted.catch(() => {});
    ended.catch(() => {});
    let body: Readable | null = null;
    let wire: Wire | null = null;
    let pooled: PooledConnection | null = null;
    let aborted = false;
    void (async () => {
      const raw = await composeFanoutMail(mail, options.dkim);
      try {
        pooled = await acquire();
      } catch (err) {
        const e = relayError(err);
        rejectReady(e.kind === 'unavailable' ? e : new RelayError(e.message, 'unavailable'));
        rejectAccepted(e);
        return;
      }
      const held = pooled;
      // The relay reads the body only after it answered DATA with 354. The socket is corked then: the
      // whole message and its dot wait in this process, and commit() uncorks, which writes them to
      // the kernel in that same call, so the dot leaves in the tick its record was stored.
      body = new Readable({ read() {} });
      let started = false;
      body._read = () => {
        if (started) return;
        started = true;
        const internals = held.connection as unknown as ConnectionInternals;
        if (!internals._socket || !internals._currentDataStream) {
          const e = new RelayError('the SMTP client does not expose its data stream (nodemailer changed?)', 'unavailable');
          rejectReady(e);
          rejectAccepted(e);
          discard(held);
          return;
        }
        const data = internals._currentDataStream;
        wire = { data, socket: internals._socket, dataEnded: false };
        const current = wire;
        data.once('end', () => {
          current.dataEnded = true;
          resolveReady();
        });
        // A message larger than the socket's buffer cannot wait whole behind the cork: ready once the buffer is full.
        data.once('pause', () => resolveReady());
        holdDot(current);
        body!.push(raw);
        body!.push(null);
      };
      held.connection.send({ from: mail.from, to: [mail.to] }, body, (err) => {
        if (err) {
          discard(held);
          const e = relayError(err);
          rejectReady(e);
          rejectAccepted(e);
          return;
        }
        if (held.alive && !aborted) idle.push(held);
        resolveAccepted();
      });
    })().catch((err) => {
      rejectReady(relayError(err));
      rejectAccepted(relayError(err));
    });
    return {
      ready,
      accepted,
      ended,
      commit() {
        if (!wire) return rejectEnded(new RelayError('commit before the transaction was ready', 'unavailable'));
        const current = wire;
        const onClose = () => rejectEnded(new RelayError('the connection closed before the final dot was written', 'unavailable'));
        current.socket.once('close', onClose);
        const settle = () =>
          void whenFlushed(current.socket)
            .then(resolveEnded, rejectEnded)
            .finally(() => current.socket.off('close', onClose));
        releaseDot(current);
        // Usually the dot is in the kernel now and `ended` resolves at once; a large message flows on first.
        if (current.dataEnded) settle();
        else current.data.once('end', settle);
      },
      abort() {
        aborted = true;
        // destroy, never end: ending a corked socket would flush the held dot.
        wire?.socket.destroy();
        if (pooled) discard(pooled);
      },
    };
  }

  return {
    connections: options.connections,
    begin,
    async close() {
      for (const pooled of idle.splice(0)) {
        try {
          pooled.connection.quit();
        } catch {
          // gone already
        }
      }
    },
  };
}
