// The customer directory kept elsewhere (a CRM or billing system) and exported over HTTPS in the
// CSV format of customers-csv.ts: fetched with a bearer token, a time limit and a size cap.
import type { CustomerDirectorySource } from '../../domains/compliance/compliance.ports.ts';

const MAX_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export class DirectoryFetchError extends Error {}

export function httpCustomerDirectory(url: string, token: string | undefined): CustomerDirectorySource {
  return {
    async fetchCsv() {
      let res: Response;
      try {
        res = await fetch(url, { headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) }, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        throw new DirectoryFetchError(`the customer directory could not be reached (${(err as Error).name === 'TimeoutError' ? 'no answer within 30 s' : (err as Error).message})`);
      }
      if (!res.ok) throw new DirectoryFetchError(`the customer directory answered ${res.status} ${res.statusText}`);
      if (!/^text\/(csv|plain)\b/.test(res.headers.get('content-type') ?? '')) throw new DirectoryFetchError(`the customer directory answered ${res.headers.get('content-type') ?? 'without a type'}, not text/csv`);
      if (Number(res.headers.get('content-length') ?? 0) > MAX_BYTES) throw new DirectoryFetchError(`the customer directory is larger than ${MAX_BYTES} bytes`);
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of res.body ?? []) {
        size += chunk.byteLength;
        if (size > MAX_BYTES) throw new DirectoryFetchError(`the customer directory is larger than ${MAX_BYTES} bytes`);
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
