// Fetches a distribution-list source (JSON Lines over HTTP) as a stream. Server-side request
// forgery: the host's addresses are resolved first and loopback, private, link-local and other
// non-public ranges are refused unless SECDESK_LIST_SOURCE_ALLOW_PRIVATE is set; redirects are not followed.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';
import { ValidationError } from '../../domains/errors.ts';
import type { ContactSourceFetcher } from '../../domains/fanout/lists.service.ts';

const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPrivateAddress(mapped);
  return PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
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
