// A private Dovecot IMAP server for one test file: its own configuration, base directory, maildirs
// and a plain-password user, listening on a free loopback port without TLS. Needs Debian's
// dovecot-imapd (/usr/sbin/dovecot); `DOVECOT_MISSING` says why a test skips when it is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { freePort } from './net.ts';

const DOVECOT = '/usr/sbin/dovecot';
export const DOVECOT_MISSING: string | false = existsSync(DOVECOT) ? false : `${DOVECOT} is not installed (Debian package dovecot-imapd)`;

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port for IMAP_URL. */
  url: string;
  /** A connected, signed-in client for putting mail in (closed by stop()). */
  client(): Promise<ImapFlow>;
  stop(): Promise<void>;
}

const NOBODY = 65534;

function config(dir: string, port: number, mailUid: number, mailGid: number, processUser: string | null): string {
  const asUser = processUser ? `default_login_user = ${processUser}\ndefault_internal_user = ${processUser}\ndefault_internal_group = ${processUser}\n` : '';
  return `# generated for one test run
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = secdesk-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
${asUser}mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
`;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}; see ${log}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`dovecot did not listen on ${port}; see ${log}`);
}

export async function startDovecot(): Promise<Dovecot> {
  if (DOVECOT_MISSING) throw new Error(DOVECOT_MISSING);
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-dovecot-'));
  chmodSync(dir, 0o755); // dovecot's auth and mail processes run as other users and must reach their files
  const root = process.getuid?.() === 0;
  // Dovecot refuses to run mail processes as root: as root, mail belongs to nobody.
  const mailUid = root ? NOBODY : userInfo().uid;
  const mailGid = root ? NOBODY : userInfo().gid;
  mkdirSync(path.join(dir, 'mail'));
  if (root) chownSync(path.join(dir, 'mail'), mailUid, mailGid);
  const user = 'security';
  const password = 'imap-test-password';
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`, { mode: 0o644 });
  const port = await freePort();
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(conf, config(dir, port, mailUid, mailGid, root ? null : userInfo().username));
  const child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: 'ignore' });
  const killOnExit = () => child.kill('SIGTERM'); // a crashed test run leaves no server behind
  process.once('exit', killOnExit);
  const clients: ImapFlow[] = [];
  const stop = async () => {
    process.off('exit', killOnExit);
    await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, path.join(dir, 'dovecot.log'));
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}`,
    async client() {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        doSTARTTLS: false,
        auth: { user, pass: password },
        logger: false,
        disableAutoIdle: true,
      });
      await client.connect();
      clients.push(client);
      return client;
    },
    stop,
  };
}
