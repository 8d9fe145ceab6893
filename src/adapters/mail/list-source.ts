// Fetches a distribution-list source (JSON Lines over HTTP) as a stream, through the outbound guard
// (adapters/net/outbound-guard.ts): non-public addresses are refused unless
// SECDESK_LIST_SOURCE_ALLOW_PRIVATE is set, the connection goes to the checked address only, and
// redirects are not followed.
import type { Readable } from 'node:stream';
import { ValidationError } from '../../domains/errors.ts';
import type { ContactSourceFetcher } from '../../domains/fanout/lists.service.ts';
import { OutboundGuard, type Resolver } from '../net/outbound-guard.ts';

export function listSourceFetcher(options: { allowPrivate: boolean; timeoutMs?: number; resolve?: Resolver }): ContactSourceFetcher {
  const guard = new OutboundGuard({
    what: 'list source',
    allowPrivate: options.allowPrivate ? 'all' : 'none',
    allowSetting: 'SECDESK_LIST_SOURCE_ALLOW_PRIVATE',
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  return async (href) => {
    const answer = await guard.request(href, {
      timeoutMs: options.timeoutMs ?? 10 * 60_000,
      headers: { accept: 'application/x-ndjson, application/jsonl, text/plain' },
    });
    if (answer.status !== 200) {
      await answer.body.dump().catch(() => {});
      throw new ValidationError(`the source answered HTTP ${answer.status}`);
    }
    return answer.body as Readable;
  };
}
