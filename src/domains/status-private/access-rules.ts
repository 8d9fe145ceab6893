// Who may see a private page: CIDR ranges checked against the client address, and e-mail domains
// compared exactly (lower-cased, ASCII form). Pure functions, validated input only.
import { BlockList, isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { ValidationError } from '../errors.ts';

const MAX_RANGES = 100;
const MAX_DOMAINS = 100;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (as /32 or /128). */
export function normaliseRange(text: string): string {
  const value = text.trim();
  const [address, prefixText, extra] = value.split('/');
  const family = isIP(address ?? '');
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (
    !family ||
    extra !== undefined ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > max ||
    (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))
  ) {
    throw new ValidationError(`${JSON.stringify(value.slice(0, 60))} is not an IP range (CIDR, e.g. 203.0.113.0/24 or 2001:db8::/32)`);
  }
  return `${address!.toLowerCase()}/${prefix}`;
}

export function normaliseRanges(list: readonly string[]): string[] {
  if (list.length > MAX_RANGES) throw new ValidationError(`at most ${MAX_RANGES} IP ranges`);
  return [...new Set(list.map(normaliseRange))];
}

export function normaliseDomains(list: readonly string[]): string[] {
  if (list.length > MAX_DOMAINS) throw new ValidationError(`at most ${MAX_DOMAINS} e-mail domains`);
  return [
    ...new Set(
      list.map((raw) => {
        const domain = domainToASCII(raw.trim().replace(/^@/, '').toLowerCase());
        if (!DOMAIN.test(domain)) throw new ValidationError(`${JSON.stringify(raw.slice(0, 60))} is not a mail domain`);
        return domain;
      }),
    ),
  ];
}

/** An IPv4 address a dual-stack socket reports as ::ffff:a.b.c.d, in its IPv4 form. */
function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

export function ipAllowed(ranges: readonly string[], ip: string): boolean {
  const address = plainAddress(ip);
  const family = isIP(address);
  if (!family || ranges.length === 0) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const [net, prefix] = range.split('/');
    const netFamily = isIP(net!) === 4 ? 'ipv4' : 'ipv6';
    list.addSubnet(net!, Number(prefix), netFamily);
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** True when the (already checked, ASCII-domain) address is at one of the domains. */
export function emailAllowed(domains: readonly string[], domain: string): boolean {
  return domains.includes(domain.toLowerCase());
}
