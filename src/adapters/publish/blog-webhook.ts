// The blog's publish webhook: an approved blog post is POSTed as JSON, signed with HMAC-SHA256 over
// "<timestamp>.<body>" (header X-Secdesk-Signature: t=<unix seconds>,v1=<hex>), with the
// communication's id as Idempotency-Key so a retried delivery publishes once. The receiver may answer
// {"url": "..."}: the published URL. Server-side request forgery: the host is resolved first and
// private or loopback addresses are refused unless allowed; redirects are not followed.
import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { BlogPublisher } from '../../domains/communications/communications.ports.ts';
import { PublishRefused } from '../../domains/communications/communications.ports.ts';
import { isPrivateAddress } from '../mail/list-source.ts';

export function signBlogPost(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function blogWebhook(options: { url: string; secret: string; allowPrivate: boolean; timeoutMs?: number }): BlogPublisher {
  return {
    async publish(post) {
      const url = new URL(options.url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
      if (!addresses.length) throw new Error(`the blog webhook host ${host} does not resolve`);
      if (!options.allowPrivate && addresses.some(isPrivateAddress)) throw new PublishRefused('the blog webhook is on a private or loopback address (allow it with SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE)');
      const body = JSON.stringify({ event: 'blog_post.publish', ...post });
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(url, {
        method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), body,
        headers: { 'content-type': 'application/json', 'x-secdesk-signature': signBlogPost(options.secret, timestamp, body), 'idempotency-key': post.communicationId },
      });
      const text = (await response.text()).slice(0, 10_000);
      if (response.status >= 200 && response.status < 300) return { url: publishedUrl(text) };
      const message = `the blog webhook answered HTTP ${response.status}`;
      // A refusal other than a timeout or rate limit will not change on retry.
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PublishRefused(message);
      throw new Error(message);
    },
  };
}

function publishedUrl(text: string): string | null {
  try {
    const value = (JSON.parse(text) as { url?: unknown }).url;
    if (typeof value !== 'string') return null;
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
