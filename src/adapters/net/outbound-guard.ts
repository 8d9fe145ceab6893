// The one guard against server-side request forgery, for every outgoing request to a URL that a
// user (or an admin through the API) gave. The URL's host is resolved once; every address is
// classified with ipaddr.js, an IPv4 address carried inside an IPv6 form (mapped, compatible, NAT64,
// 6to4, Teredo) is unwrapped and classified too, and anything but public unicast is refused unless
// the feature's allow setting covers it. The request then connects only to the checked addresses:
// an undici Agent whose lookup answers with them, so the host name still serves as TLS server name
// and Host header but a second DNS answer (rebinding) cannot send the request elsewhere. Redirects
// are not followed.
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request, type Dispatcher } from 'undici';
import { DomainError, ValidationError } from '../../domains/errors.ts';

/** The URL, or an address its host resolves to, is one secdesk may not reach (400). */
export class OutboundRefused extends ValidationError {}

/** The host does not resolve, refuses or drops the connection, or does not answer in time (422): the URL's to fix. */
export class OutboundUnreachable extends DomainError {
  constructor(message: string) {
    super('unreachable', message);
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** Which non-public addresses a feature may reach: none, all (a yes/no setting), or the listed ranges. */
export type PrivateAllowance = 'none' | 'all' | { ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

/** "10.0.0.0/8, 127.0.0.1, ::1/128" as an allowance ('none' when empty); throws on anything but addresses and ranges. */
export function allowedRanges(cidrs: string): PrivateAllowance {
  const entries = cidrs
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!entries.length) return 'none';
  return {
    ranges: entries.map((entry) => {
      const [address = '', bits] = entry.split('/');
      // Only the plain forms (no "10.1" or "0x0a.0.0.1"): an allow-list entry should read as what it allows.
      if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !ipaddr.IPv6.isValid(address)) throw new Error(`not a CIDR: ${entry}`);
      if (bits === undefined) return [ipaddr.parse(address), address.includes(':') ? 128 : 32];
      if (!ipaddr.isValidCIDR(entry)) throw new Error(`not a CIDR: ${entry}`);
      return ipaddr.parseCIDR(entry);
    }),
  };
}

const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');
const FORM_NAMES: Record<string, string> = {
  unicast: 'IPv4-compatible',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
  rfc6052: 'NAT64',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/** The IPv4 addresses an IPv6 address carries (and reaches), or null when it carries none. */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const bytes = ip.toByteArray();
  const at = (offset: number, mask = 0) => new ipaddr.IPv4(bytes.slice(offset, offset + 4).map((b) => b ^ mask));
  const range = ip.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return [at(12)];
  if (range === 'rfc6052') return ip.match(LOCAL_NAT64) ? null : [at(12)];
  if (range === '6to4') return [at(2)];
  // Teredo: the server's address, and the client's with its bits inverted.
  if (range === 'teredo') return [at(4), at(12, 0xff)];
  // IPv4-compatible (::a.b.c.d, deprecated by RFC 4291 but still routed by some stacks).
  if (range === 'unicast' && bytes.slice(0, 12).every((b) => b === 0)) return [at(12)];
  return null;
}

/**
 * Why an address is not public, as ipaddr.js names its range ("loopback", "6to4 of 127.0.0.1
 * (loopback)"), or null when it is public unicast. Throws on a string that is not an address.
 */
export function nonPublicRange(address: string): string | null {
  const ip = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  const range = ip.range();
  if (ip.kind() === 'ipv6') {
    if (ip.match(LOCAL_NAT64)) return 'local-use NAT64';
    const inner = embeddedIPv4(ip as ipaddr.IPv6);
    if (inner) {
      for (const v4 of inner) {
        const why = nonPublicRange(v4.toString());
        if (why) return `${FORM_NAMES[range]} form of ${v4.toString()} (${why})`;
      }
      return null;
    }
  }
  return range === 'unicast' ? null : range;
}

function isAllowed(address: string, allowance: PrivateAllowance): boolean {
  if (allowance === 'all' || nonPublicRange(address) === null) return true;
  if (allowance === 'none') return false;
  const ip = ipaddr.parse(address);
  // Only a mapped address is the IPv4 host itself; the other forms reach it through a translator or relay.
  const forms = [ip, ...(ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? [(ip as ipaddr.IPv6).toIPv4Address()] : [])];
  return forms.some((form) => allowance.ranges.some(([net, bits]) => form.kind() === net.kind() && form.match(net, bits)));
}

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));

/** A DNS lookup for the connection that answers only with the checked addresses. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}

export interface CheckedTarget {
  url: URL;
  addresses: ResolvedAddress[];
}

export interface OutboundRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
}

export interface OutboundAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

export interface OutboundGuardOptions {
  /** What the URL is, in messages: "list source", "webhook URL". */
  what: string;
  allowPrivate: PrivateAllowance;
  /** The setting that widens the allowance, named in a refusal. */
  allowSetting: string;
  /** The URL may carry user:password (no feature allows it today). */
  credentials?: boolean;
  /** Tests inject one; the system resolver otherwise. */
  resolve?: Resolver;
}

export class OutboundGuard {
  readonly #o: OutboundGuardOptions;

  constructor(options: OutboundGuardOptions) {
    this.#o = options;
  }

  /** The URL parsed and its host resolved once, every address allowed; throws OutboundRefused or OutboundUnreachable. */
  async check(href: string): Promise<CheckedTarget> {
    const { what, allowPrivate, allowSetting } = this.#o;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      throw new OutboundRefused(`the ${what} must be an http(s) URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefused(`the ${what} must be an http(s) URL`);
    if ((url.username || url.password) && !this.#o.credentials) throw new OutboundRefused(`the ${what} must not carry credentials`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: ResolvedAddress[];
    if (ipaddr.isValid(host)) addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
    else {
      try {
        addresses = await (this.#o.resolve ?? systemResolver)(host);
      } catch (err) {
        throw new OutboundUnreachable(`the ${what} host ${host.slice(0, 100)} does not resolve (${(err as { code?: string }).code ?? 'no answer'})`);
      }
      if (!addresses.length) throw new OutboundUnreachable(`the ${what} host ${host.slice(0, 100)} does not resolve`);
    }
    for (const { address } of addresses) {
      let why: string | null;
      try {
        why = nonPublicRange(address);
      } catch {
        throw new OutboundRefused(`the ${what} host resolves to ${address.slice(0, 60)}, not an IP address`);
      }
      if (why && !isAllowed(address, allowPrivate)) {
        throw new OutboundRefused(`the ${what} resolves to a non-public address (${address}: ${why}); an admin can allow it with ${allowSetting}`);
      }
    }
    return { url, addresses };
  }

  /** One request, connected only to the addresses check() allowed; redirects are answers, not followed. */
  async request(href: string, init: OutboundRequest): Promise<OutboundAnswer> {
    const { url, addresses } = await this.check(href);
    const agent = new Agent({ connect: { lookup: pinnedLookup(addresses), timeout: init.timeoutMs }, connections: 1 });
    try {
      const answer = await request(url, {
        dispatcher: agent,
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: init.headers ?? {},
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: AbortSignal.timeout(init.timeoutMs),
      });
      // Closing waits for the body to be read (or dropped), then ends the pinned connection.
      void agent.close().catch(() => {});
      return { status: answer.statusCode, headers: answer.headers, body: answer.body };
    } catch (err) {
      void agent.destroy().catch(() => {});
      throw new OutboundUnreachable(`the ${this.#o.what} could not be reached (${reasonOf(err, init.timeoutMs)})`);
    }
  }
}

function reasonOf(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string }; errors?: { code?: string }[] };
  if (e.name === 'TimeoutError' || e.code === 'UND_ERR_CONNECT_TIMEOUT' || e.code === 'UND_ERR_HEADERS_TIMEOUT')
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const code = e.code ?? e.cause?.code ?? e.errors?.find((x) => x.code)?.code;
  return code === 'ECONNREFUSED' ? 'connection refused' : (code ?? e.name ?? 'connection failed');
}
