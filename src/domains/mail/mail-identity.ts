// Who secdesk's mail is from and where its links lead, in one place: the From (the team's name and
// the security address), one Message-ID format, and absolute links on the public URL. Without
// SECDESK_PUBLIC_URL the links use the address secdesk serves on, which works only on this machine:
// `links.isFallback` says so (for a warning, and a setup checklist).
import { randomUUID } from 'node:crypto';

export interface MailIdentitySettings {
  /** SECDESK_INBOX_ADDRESS. */
  securityAddress: string;
  /** SECDESK_TEAM_NAME. */
  teamName: string;
  /** SECDESK_PUBLIC_URL, when set. */
  publicUrl?: string | undefined;
  /** HOST and PORT: where secdesk serves, for links when no public URL is set. */
  served: { host: string; port: number };
  /** Other configured From addresses, by the setting that holds them (e.g. SECDESK_STATUS_MAIL_FROM). */
  otherSenders?: Record<string, string | undefined>;
}

export interface PublicLinks {
  /** The public URL without a trailing slash: SECDESK_PUBLIC_URL, or the served address. */
  readonly base: string;
  /** True when SECDESK_PUBLIC_URL is not set, so links lead to the served address. */
  readonly isFallback: boolean;
  /** True when the public URL is https (cookies are then marked Secure). */
  readonly https: boolean;
  /** What to tell an operator about the links, or null when the public URL is set. */
  readonly warning: string | null;
  /** The absolute URL of a path in secdesk (`/incidents/…`). */
  link(path: string): string;
}

export interface MailIdentity {
  /** The security address, bare (`security@example.com`). */
  readonly address: string;
  readonly teamName: string;
  /** The From header of mail from the security address: `"Team name" <security@…>`. */
  readonly from: string;
  readonly links: PublicLinks;
  /** A new Message-ID (without angle brackets) for mail from `from` (the security address by default). */
  newMessageId(from?: string): string;
  /** The setting that holds a configured From address (SECDESK_INBOX_ADDRESS, …), or null. */
  settingOf(address: string): string | null;
}

export function mailIdentity(settings: MailIdentitySettings): MailIdentity {
  const address = settings.securityAddress.trim();
  const senders: [string, string][] = [
    ['SECDESK_INBOX_ADDRESS', address],
    ...Object.entries(settings.otherSenders ?? {}).filter((e): e is [string, string] => Boolean(e[1])),
  ];
  return {
    address,
    teamName: settings.teamName,
    from: mailbox(settings.teamName, address),
    links: publicLinks(settings.publicUrl, settings.served),
    newMessageId: (from = address) => messageId(from),
    settingOf: (candidate) => senders.find(([, value]) => value.toLowerCase() === candidate.trim().toLowerCase())?.[0] ?? null,
  };
}

/** The domain of an address, lower-cased (the part after the last @). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** The one Message-ID format: `<unique>@<the From address's domain>`, stored and passed without angle brackets. */
export function messageId(from: string, unique: string = randomUUID()): string {
  return `${unique}@${messageIdDomain(from)}`;
}

/** The domain of Message-IDs of mail from `from`. A fan-out's are `<send id>.<seq>@` it (built with its rows), so a re-send carries the same one. */
export function messageIdDomain(from: string): string {
  return domainOf(from);
}

/** A stored Message-ID as its header value. */
export function messageIdHeader(id: string): string {
  return `<${id}>`;
}

/** `"Display name" <address>`, the name as an RFC 5322 quoted string on one line. */
export function mailbox(name: string, address: string): string {
  const quoted = name
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .replace(/["\\]/g, '\\$&');
  return quoted ? `"${quoted}" <${address}>` : address;
}

export function publicLinks(publicUrl: string | undefined, served: { host: string; port: number }): PublicLinks {
  const configured = publicUrl?.trim();
  const base = (configured || servedUrl(served.host, served.port)).replace(/\/+$/, '');
  return {
    base,
    isFallback: !configured,
    https: base.startsWith('https://'),
    warning: configured ? null : `SECDESK_PUBLIC_URL is not set: links in mail use ${base} and work only on this machine`,
    link: (path) => `${base}/${path.replace(/^\/+/, '')}`,
  };
}

/** The address secdesk serves on, as a URL another program on this machine can open. */
export function servedUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/**
 * An identity that reads `current()` on every use, so a setting changed in the app (the security
 * address, the team name, the public URL) is in force for the next mail without a restart.
 */
export function liveMailIdentity(current: () => MailIdentity): MailIdentity {
  const links: PublicLinks = {
    get base() {
      return current().links.base;
    },
    get isFallback() {
      return current().links.isFallback;
    },
    get https() {
      return current().links.https;
    },
    get warning() {
      return current().links.warning;
    },
    link: (path) => current().links.link(path),
  };
  return {
    get address() {
      return current().address;
    },
    get teamName() {
      return current().teamName;
    },
    get from() {
      return current().from;
    },
    links,
    newMessageId: (from) => current().newMessageId(from),
    settingOf: (address) => current().settingOf(address),
  };
}
