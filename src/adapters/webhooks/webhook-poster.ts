// Posts status webhooks through the outbound guard (adapters/net/outbound-guard.ts): the URL is
// checked at registration and again at each delivery, where the request connects only to the
// address just checked, so DNS rebinding between the check and the connection cannot reach an
// internal service. SECDESK_WEBHOOK_ALLOW_PRIVATE lists the private ranges allowed. Redirects are not followed.
import type { WebhookPoster } from '../../domains/status-subscriptions/subscriptions.ports.ts';
import { allowedRanges, OutboundGuard, type Resolver } from '../net/outbound-guard.ts';

export function webhookPoster(options: { allowPrivate: string; timeoutMs: number; resolve?: Resolver }): WebhookPoster {
  const guard = new OutboundGuard({
    what: 'webhook URL',
    allowPrivate: allowedRanges(options.allowPrivate),
    allowSetting: 'SECDESK_WEBHOOK_ALLOW_PRIVATE',
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  return {
    async check(url) {
      await guard.check(url);
    },
    async post(url, body, headers) {
      const answer = await guard.request(url, { method: 'POST', headers, body, timeoutMs: options.timeoutMs });
      await answer.body.dump().catch(() => {});
      if (answer.status < 200 || answer.status >= 300) throw new Error(`the webhook answered HTTP ${answer.status}`);
    },
  };
}
