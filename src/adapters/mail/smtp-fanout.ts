// The fan-out relay: pooled SMTP connections (nodemailer's SMTPConnection) whose transactions are
// held open before the final dot, so the engine records a message before the relay can accept it.
// The outbox sender (smtp-sender.ts) sends one finished message per call and cannot hold the dot;
// both classify answers the same way: 5xx permanent, 4xx temporary, no connection unavailable.
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import MailComposer from 'nodemailer/lib/mail-composer';
import DKIM from 'nodemailer/lib/dkim';
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
    from: mail.from, replyTo: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${mail.messageId}>`,
    headers, disableFileAccess: true, disableUrlAccess: true,
  }).compile().build();
  if (!dkim) return built;
  const signed = new DKIM({ ...dkim, headerFieldNames: 'from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type' }).sign(built);
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
      host: url.hostname, port: Number(url.port || (secure ? 465 : 587)), secure, name: 'secdesk',
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    });
    const pooled: PooledConnection = { connection, alive: true };
    connection.on('error', () => void (pooled.alive = false));
    connection.on('end', () => void (pooled.alive = false));
    await new Promise<void>((resolve, reject) => {
      connection.connect((err?: Error | null) => (err ? reject(err) : resolve()));
      connection.once('error', reject);
    });
    if (url.username) {
      await new Promise<void>((resolve, reject) => connection.login({ user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }, (err) => (err ? reject(err) : resolve())));
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
    const ready = new Promise<void>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
    const accepted = new Promise<void>((res, rej) => ((resolveAccepted = res), (rejectAccepted = rej)));
    ready.catch(() => {});
    accepted.catch(() => {});
    let body: Readable | null = null;
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
      // The relay reads the body only after it answered DATA with 354: then everything but the dot is out.
      body = new Readable({ read() {} });
      let started = false;
      body._read = () => {
        if (started) return;
        started = true;
        body!.push(raw);
        resolveReady();
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
      commit() {
        body?.push(null);
      },
      abort() {
        aborted = true;
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
