// Input rules of status subscriptions: addresses (the fan-out's rules), component slugs, webhook URLs,
// the per-address subscribe limit, and the text of an update mail.
import { checkAddress } from '../fanout/addresses.ts';
import { RateLimitedError, ValidationError } from '../errors.ts';
import type { StatusSubscriptionsRepository } from './subscriptions.ports.ts';
import type { StatusNotification } from './subscriptions.types.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const MAX_COMPONENTS = 50;
const MAX_URL = 2000;

export function checkedEmail(raw: string): { email: string; key: string } {
  const checked = checkAddress(raw);
  if (!checked.ok) throw new ValidationError(`invalid e-mail address: ${checked.reason}`);
  return { email: checked.email, key: checked.key };
}

export function checkedSlugs(raw: readonly string[]): string[] {
  if (raw.length > MAX_COMPONENTS) throw new ValidationError(`at most ${MAX_COMPONENTS} components`);
  const slugs = [...new Set(raw.map((s) => s.trim()).filter(Boolean))];
  const bad = slugs.find((s) => !SLUG.test(s));
  if (bad !== undefined) throw new ValidationError(`invalid component ${JSON.stringify(bad.slice(0, 70))} (lower-case letters, digits and dashes)`);
  return slugs.sort();
}

export function checkedWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ValidationError('the webhook must be an http(s) URL');
  }
  if (raw.length > MAX_URL) throw new ValidationError(`a webhook URL has at most ${MAX_URL} characters`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('the webhook must be an http(s) URL');
  if (url.username || url.password) throw new ValidationError('the webhook URL must not carry credentials');
  if (/[\s\u0000-\u001f]/.test(raw)) throw new ValidationError('the webhook URL contains spaces or control characters');
  return url;
}

/** Counts a subscribe request for the address (in every process: the counter is in the database). */
export async function limitPerAddress(repo: StatusSubscriptionsRepository, key: string, now: Date, perHour: number): Promise<void> {
  const count = await repo.countSubscribeRequest(key, new Date(now.getTime() - 3600_000));
  if (count > perHour) throw new RateLimitedError('too many subscription requests for this address; try again later', 3600);
}

/** Update text is inserted as it is; "{{" is broken up so the fan-out never reads it as a placeholder. */
function literal(text: string): string {
  return text.replace(/\{\{/g, '{ {');
}

export function updateMail(n: StatusNotification, pageName: string): { subject: string; body: string } {
  const components = n.componentSlugs.length ? n.componentSlugs.join(', ') : 'all';
  const subject = `[${pageName}] ${n.kind === 'maintenance' ? 'Maintenance' : 'Incident'}: ${n.title}`.replace(/[\r\n]+/g, ' ').slice(0, 300);
  const body = [
    literal(n.title),
    `Status: ${literal(n.status)}`,
    `Components: ${literal(components)}`,
    `Published: ${n.publishedAt}`,
    '',
    literal(n.body),
    '',
    `Details: ${n.url}`,
    '',
    '--',
    `You receive this because you subscribed to updates of the ${literal(pageName)} status page.`,
    'Unsubscribe: {{unsubscribe_url}}',
    '',
  ].join('\n');
  return { subject: literal(subject), body };
}
