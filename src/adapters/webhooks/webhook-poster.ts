// Posts status webhooks. Server-side request forgery: the URL's host is resolved and every address
// checked with the list sources' guard (list-source.ts) at registration and again at each delivery;
// the request then connects to the checked address only (pinned lookup), so DNS rebinding between
// the check and the connection cannot reach an internal service. Redirects are not followed.
import http from 'node:http';
import https from 'node:https';
import type { BlockList } from 'node:net';
import { pinnedLookup, resolvePublic } from '../mail/list-source.ts';
import type { WebhookPoster } from '../../domains/status-subscriptions/subscriptions.ports.ts';

export function webhookPoster(options: { allow: BlockList | null; timeoutMs: number }): WebhookPoster {
  return {
    async check(url) {
      await resolvePublic(new URL(url).hostname, options.allow, 'webhook URL');
    },
    async post(href, body, headers) {
      const url = new URL(href);
      const [address] = await resolvePublic(url.hostname, options.allow, 'webhook URL');
      const client = url.protocol === 'https:' ? https : http;
      await new Promise<void>((resolve, reject) => {
        const request = client.request(url, {
          method: 'POST', lookup: pinnedLookup(address!), timeout: options.timeoutMs, agent: false,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        }, (response) => {
          response.resume();
          const status = response.statusCode ?? 0;
          response.on('end', () => (status >= 200 && status < 300 ? resolve() : reject(new Error(`the webhook answered HTTP ${status}`))));
          response.on('error', reject);
        });
        request.on('timeout', () => request.destroy(new Error(`the webhook did not answer within ${options.timeoutMs} ms`)));
        request.on('error', (err) => reject(new Error(`the webhook could not be reached: ${err.message}`)));
        request.end(body);
      });
    },
  };
}
