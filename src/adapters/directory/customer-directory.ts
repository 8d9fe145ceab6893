// The customer directory kept elsewhere (a CRM or billing system) and exported over HTTPS in the
// CSV format of customers-csv.ts: fetched with a bearer token, a time limit and a size cap, through
// the outbound guard (non-public addresses only with SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE).
import type { CustomerDirectorySource } from '../../domains/compliance/compliance.ports.ts';
import { OutboundGuard, type OutboundAnswer, type Resolver } from '../net/outbound-guard.ts';

const MAX_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export class DirectoryFetchError extends Error {}

export function httpCustomerDirectory(url: string, token: string | undefined, options: { allowPrivate: boolean; resolve?: Resolver }): CustomerDirectorySource {
  const guard = new OutboundGuard({
    what: 'customer directory',
    allowPrivate: options.allowPrivate ? 'all' : 'none',
    allowSetting: 'SECDESK_CUSTOMER_DIRECTORY_ALLOW_PRIVATE',
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  return {
    async fetchCsv() {
      let res: OutboundAnswer;
      try {
        res = await guard.request(url, { headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, timeoutMs: TIMEOUT_MS });
      } catch (err) {
        throw new DirectoryFetchError((err as Error).message);
      }
      const type = String(res.headers['content-type'] ?? '');
      const refusal =
        res.status < 200 || res.status >= 300
          ? `the customer directory answered ${res.status}`
          : !/^text\/(csv|plain)\b/.test(type)
            ? `the customer directory answered ${type || 'without a type'}, not text/csv`
            : Number(res.headers['content-length'] ?? 0) > MAX_BYTES
              ? `the customer directory is larger than ${MAX_BYTES} bytes`
              : null;
      if (refusal) {
        await res.body.dump().catch(() => {});
        throw new DirectoryFetchError(refusal);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.byteLength;
        if (size > MAX_BYTES) throw new DirectoryFetchError(`the customer directory is larger than ${MAX_BYTES} bytes`);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
