// The blog's publish webhook: an approved blog post is POSTed as JSON, signed with HMAC-SHA256 over
// "<timestamp>.<body>" (header X-Secdesk-Signature: t=<unix seconds>,v1=<hex>), with the
// communication's id as Idempotency-Key so a retried delivery publishes once. The receiver may answer
// {"url": "..."}: the published URL. Sent through the outbound guard (adapters/net/outbound-guard.ts):
// non-public addresses are refused unless SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE is set, the connection
// goes to the checked address only, redirects are not followed.
import { createHmac } from 'node:crypto';
import type { BlogPublisher } from '../../domains/communications/communications.ports.ts';
import { PublishRefused } from '../../domains/communications/communications.ports.ts';
import { OutboundGuard, OutboundRefused, type Resolver } from '../net/outbound-guard.ts';

export function signBlogPost(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function blogWebhook(options: { url: string; secret: string; allowPrivate: boolean; timeoutMs?: number; resolve?: Resolver }): BlogPublisher {
  const guard = new OutboundGuard({
    what: 'blog webhook',
    allowPrivate: options.allowPrivate ? 'all' : 'none',
    allowSetting: 'SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE',
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  return {
    async publish(post) {
      const body = JSON.stringify({ event: 'blog_post.publish', ...post });
      const timestamp = Math.floor(Date.now() / 1000);
      let answer;
      try {
        answer = await guard.request(options.url, {
          method: 'POST',
          timeoutMs: options.timeoutMs ?? 30_000,
          body,
          headers: {
            'content-type': 'application/json',
            'x-secdesk-signature': signBlogPost(options.secret, timestamp, body),
            'idempotency-key': post.communicationId,
          },
        });
      } catch (err) {
        // A refused address stays refused; an unreachable blog is retried.
        if (err instanceof OutboundRefused) throw new PublishRefused(err.message);
        throw err;
      }
      const text = (await answer.body.text()).slice(0, 10_000);
      if (answer.status >= 200 && answer.status < 300) return { url: publishedUrl(text) };
      const message = `the blog webhook answered HTTP ${answer.status}`;
      // A refusal other than a timeout or rate limit will not change on retry.
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 408 && answer.status !== 429) throw new PublishRefused(message);
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
