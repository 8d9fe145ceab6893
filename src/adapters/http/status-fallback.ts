// The server `secdesk serve` starts when the database is unreachable at start-up: it serves the last
// published status page (persisted by the last publish) with its validators, answers /readyz with the
// database down, and 503 to everything else, until the full app can start.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SnapshotEntry } from '../status-export/persisted-snapshot.ts';

const PAGE_HEADERS = {
  'cache-control': 'public, max-age=10, stale-while-revalidate=30',
  'content-security-policy':
    "default-src 'none'; img-src 'self' https: data:; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function notModified(request: FastifyRequest, entry: SnapshotEntry): boolean {
  const tags = request.headers['if-none-match'];
  if (tags !== undefined) return tags.split(',').some((t) => t.trim() === entry.etag || t.trim() === '*');
  const since = request.headers['if-modified-since'];
  return since !== undefined && Date.parse(since) >= Date.parse(entry.lastModified);
}

function answer(entry: SnapshotEntry, request: FastifyRequest, reply: FastifyReply) {
  reply.headers({ ...PAGE_HEADERS, etag: entry.etag, 'last-modified': entry.lastModified, 'x-secdesk-status-source': 'last-published' });
  if (notModified(request, entry)) return reply.status(304).send();
  return reply.type(entry.contentType).send(Buffer.from(entry.body));
}

export function buildStatusFallback(entries: SnapshotEntry[]): FastifyInstance {
  const server = Fastify({ logger: false, return503OnClosing: true });
  const byUrl = new Map(entries.map((e) => [e.url, e]));
  server.get('/healthz', async () => ({ status: 'ok' }));
  server.get('/readyz', async (_request, reply) => reply.status(503).send({ status: 'unavailable', checks: { database: 'unavailable', jobs: 'unavailable' } }));
  server.setNotFoundHandler(async (request, reply) => {
    const entry = request.method === 'GET' || request.method === 'HEAD' ? (byUrl.get(request.url) ?? byUrl.get(request.url.split('?')[0]!)) : undefined;
    if (entry) return answer(entry, request, reply);
    return reply
      .status(503)
      .header('retry-after', '30')
      .send({ error: { code: 'unavailable', message: 'the database is unreachable: secdesk serves only its public status page until it is back' } });
  });
  return server;
}
