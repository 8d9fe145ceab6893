// An existing IMAP mailbox as a source of mail (imapflow). The mailbox is opened read-only
// (EXAMINE): secdesk never deletes, moves or flags anything in someone's mailbox. A message larger
// than SMTP_MAX_BYTES is not downloaded: its headers are taken with a note saying where the whole
// message remains. Errors name the server, account and mailbox, never the password or any mail.
import { ImapFlow, type ImapFlowError } from 'imapflow';
import type { Logger } from 'pino';
import type { MailboxSession, RemoteMailbox, RemoteMessage } from '../../domains/mail/mailbox-poll.service.ts';

const HEADER_BYTES = 64 * 1024;

export interface ImapAccount {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** user@host:port/mailbox: names the mailbox without its password. */
  key: string;
}

/** Reads imap[s]://user:password@host[:port] (user and password percent-encoded). */
export function imapAccount(url: string, mailbox: string): ImapAccount {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'imaps:';
  if (!secure && parsed.protocol !== 'imap:') throw new Error('IMAP_URL must start with imap:// or imaps://');
  const user = decodeURIComponent(parsed.username);
  if (!user || !parsed.hostname) throw new Error('IMAP_URL must name a user and a host: imap://user:password@host');
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : secure ? 993 : 143;
  return { host, port, secure, user, password: decodeURIComponent(parsed.password), mailbox, key: `${user}@${host.toLowerCase()}:${port}/${mailbox}` };
}

/** A short, secret-free description of what went wrong with the server. */
function describe(err: unknown): string {
  const e = err as ImapFlowError;
  const detail = e.responseText ?? e.code ?? e.message ?? String(err);
  return String(detail)
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 300);
}

export class ImapError extends Error {}

/** The header block of a message (at most HEADER_BYTES), without the headers that describe a body. */
function headersOnly(head: Buffer): string {
  const text = head.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = end >= 0 ? text.slice(0, end) : text.slice(0, text.lastIndexOf('\n') + 1 || text.length);
  return block.replace(/^Content-[^:\r\n]*:.*(?:\r?\n[ \t].*)*(?:\r?\n|$)/gim, '').replace(/\r?\n?$/, '\r\n');
}

export function oversizedMessage(head: Buffer, size: number, limit: number, where: string): RemoteMessage {
  const warning = `message of ${size} bytes is larger than the ${limit}-byte limit (SMTP_MAX_BYTES); only its headers were taken; the whole message remains in ${where}`;
  const note = `[secdesk] ${warning}.\r\n`;
  return { raw: Buffer.from(`${headersOnly(head)}Content-Type: text/plain; charset=utf-8\r\n\r\n${note}`, 'latin1'), warning };
}

async function connect(account: ImapAccount, logger: Logger): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.secure,
    auth: { user: account.user, pass: account.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    socketTimeout: 5 * 60_000,
  });
  client.on('error', (err: unknown) => logger.warn({ mailbox: account.key, err: describe(err) }, 'IMAP connection error'));
  try {
    await client.connect();
    return client;
  } catch (err) {
    client.close();
    const where = `IMAP server ${account.host}:${account.port}`;
    if ((err as ImapFlowError).authenticationFailed) throw new ImapError(`${where} refused the sign-in of ${account.user} (${describe(err)}); check IMAP_URL`);
    throw new ImapError(`cannot connect to ${where}: ${describe(err)}`);
  }
}

function session(client: ImapFlow, account: ImapAccount, maxBytes: number): MailboxSession {
  const mailbox = client.mailbox;
  if (!mailbox) throw new ImapError(`mailbox ${account.mailbox} is not open`);
  return {
    uidValidity: Number(mailbox.uidValidity),
    async uidsFrom(uid) {
      const found = await client.search({ uid: `${uid}:*` }, { uid: true });
      return found || [];
    },
    async take(uid) {
      const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
      if (!meta) return null;
      const size = meta.size ?? 0;
      if (size > maxBytes) {
        const head = await client.fetchOne(String(uid), { uid: true, source: { start: 0, maxLength: HEADER_BYTES } }, { uid: true });
        // biome-ignore lint/complexity/useOptionalChain: the value is false or an object, and ?. does not rule out false.
        if (!head || !head.source) return null;
        return oversizedMessage(head.source, size, maxBytes, `${account.key} at UID ${uid} (UIDVALIDITY ${mailbox.uidValidity})`);
      }
      const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      // biome-ignore lint/complexity/useOptionalChain: the value is false or an object, and ?. does not rule out false.
      if (!message || !message.source) return null;
      return { raw: message.source, warning: null };
    },
  };
}

export function imapMailbox(account: ImapAccount, options: { maxBytes: number; logger: Logger }): RemoteMailbox {
  let warned = false;
  return {
    key: account.key,
    async session(work) {
      const client = await connect(account, options.logger);
      if (!client.secureConnection && !warned) {
        warned = true;
        options.logger.warn({ mailbox: account.key }, 'IMAP server offers no TLS: the password and mail cross the network in clear text (use imaps://)');
      }
      try {
        const lock = await client.getMailboxLock(account.mailbox, { readOnly: true }).catch((err: unknown) => {
          throw new ImapError(`mailbox ${account.mailbox} cannot be opened on ${account.host}:${account.port}: ${describe(err)}`);
        });
        try {
          return await work(session(client, account, options.maxBytes));
        } finally {
          lock.release();
        }
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
  };
}
