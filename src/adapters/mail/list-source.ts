// Fetches a distribution-list source (JSON Lines over HTTP) as a stream. Server-side request
// forgery: the host's addresses are resolved first and loopback, private, link-local and other
// non-public ranges are refused unless SECDESK_LIST_SOURCE_ALLOW_PRIVATE is set; redirects are not followed.
// The same guard (resolvePublic, pinnedLookup) serves status webhooks, with an allow-list of CIDRs.
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';
import { ValidationError } from '../../domains/errors.ts';
import type { ContactSourceFetcher } from '../../domains/fanout/lists.service.ts';

const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 127], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Addresses that may be reached although private: parsed from "10.0.0.0/8, 127.0.0.1/32, ::1/128". */
export function allowList(cidrs: string): BlockList {
  const list = new BlockList();
  for (const entry of cidrs.split(',').map((c) => c.trim()).filter(Boolean)) {
    const [net, bits] = entry.split('/');
    const family = isIP(net ?? '');
    if (!family) throw new Error(`not a CIDR: ${entry}`);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) throw new Error(`not a CIDR: ${entry}`);
    list.addSubnet(net!, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

function allowed(address: string, allow: BlockList | null): boolean {
  if (!isPrivateAddress(address)) return true;
  if (!allow) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  return allow.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The host's addresses, every one of them public (or allowed); throws ValidationError otherwise. A
 * caller connects only to an address returned here (pinnedLookup), so a second DNS answer (rebinding)
 * cannot send the request elsewhere.
 */
export async function resolvePublic(hostname: string, allow: BlockList | null, what: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  const found = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : (await lookup(host, { all: true, verbatim: true }).catch(() => [])).map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
  if (!found.length) throw new ValidationError(`the ${what} host ${host.slice(0, 100)} does not resolve`);
  const refused = found.find((a) => !allowed(a.address, allow));
  if (refused) throw new ValidationError(`the ${what} resolves to a private, loopback, link-local or other non-public address (${refused.address}); an admin can allow a range with SECDESK_WEBHOOK_ALLOW_PRIVATE`);
  return found;
}

/** A DNS lookup for node:http(s) that answers only with an address resolvePublic already checked. */
export function pinnedLookup(address: { address: string; family: 4 | 6 }): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (err: null, all: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
}

export function listSourceFetcher(options: { allowPrivate: boolean; timeoutMs?: number }): ContactSourceFetcher {
  return async (href) => {
    const url = new URL(href);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
    if (!addresses.length) throw new ValidationError(`the source host ${host} does not resolve`);
    if (!options.allowPrivate && addresses.some(isPrivateAddress)) throw new ValidationError('the source is on a private or loopback address (an admin can allow it: SECDESK_LIST_SOURCE_ALLOW_PRIVATE)');
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 10 * 60_000), headers: { accept: 'application/x-ndjson, application/jsonl, text/plain' } });
    if (response.status !== 200 || !response.body) throw new ValidationError(`the source answered HTTP ${response.status}`);
    return Readable.fromWeb(response.body as never);
  };
}
