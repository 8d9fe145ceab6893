// The public status page (no sign-in): served from the in-memory snapshot (status-snapshot.ts)
// with a strong ETag and Last-Modified; a matching If-None-Match / If-Modified-Since gets a 304.
// Cache-Control lets browsers and CDNs reuse a response for 10 s and then serve it stale for up
// to 30 s more while they revalidate in the background: a spike of refreshes costs the server
// mostly 304s, and a publish still reaches readers within seconds.
import { statusBranding } from '../../../config/identity.ts';
import Type from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app-port.ts';
import {
  CONTENT_TYPES,
  notModified,
  rendered,
  renderHistoryHtml,
  renderIncidentHtml,
  renderNotFoundHtml,
  statusPageCsp,
  type Rendered,
} from '../../../domains/statuspage/render/index.ts';
import type { HttpApp } from '../http-app.ts';
import { StatusSnapshots } from '../status-snapshot.ts';

export const STATUS_CACHE_CONTROL = 'public, max-age=10, stale-while-revalidate=30';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(request: FastifyRequest, reply: FastifyReply, r: Rendered, extra: Record<string, string> = {}) {
  reply.headers({ etag: r.etag, 'last-modified': r.lastModified, 'cache-control': STATUS_CACHE_CONTROL, ...extra });
  const inm = request.headers['if-none-match'];
  if (notModified(r, inm, request.headers['if-modified-since'])) return reply.status(304).send();
  return reply.type(r.contentType).send(r.body);
}

export function statusPublicRoutes(server: HttpApp, app: App): StatusSnapshots {
  const branding = statusBranding(app.config, app.services.mailIdentity.links);
  const snapshots = new StatusSnapshots({
    source: app.services.statusPage,
    branding,
    logger: app.logger,
    pollMs: app.database.engine === 'postgres' ? 500 : null,
  });
  const unsubscribe = app.services.statusPageChanges.on(() => snapshots.invalidate());
  snapshots.start();
  server.addHook('onClose', async () => {
    unsubscribe();
    snapshots.stop();
  });
  const csp = statusPageCsp(branding.brandColor, branding.logoUrl);
  const html = { 'content-security-policy': csp };
  // Machine-readable responses are public data meant to be embedded and fetched from anywhere.
  const open = { 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' };
  const tags = ['status page (public)'];

  server.get('/status', { config: { access: 'public' }, schema: { tags, summary: 'The public status page (HTML, no script)' } }, async (request, reply) =>
    send(request, reply, (await snapshots.current()).snap.html, html),
  );
  server.get(
    '/status.json',
    { config: { access: 'public' }, schema: { tags, summary: 'The status page in the Atlassian Statuspage v2 summary.json shape' } },
    async (request, reply) => send(request, reply, (await snapshots.current()).snap.json, open),
  );
  server.get(
    '/status/feed.atom',
    { config: { access: 'public' }, schema: { tags, summary: 'Published status updates as an Atom 1.0 feed' } },
    async (request, reply) => send(request, reply, (await snapshots.current()).snap.atom, open),
  );
  server.get(
    '/status/feed.rss',
    { config: { access: 'public' }, schema: { tags, summary: 'Published status updates as an RSS 2.0 feed' } },
    async (request, reply) => send(request, reply, (await snapshots.current()).snap.rss, open),
  );
  server.get(
    '/status/badge.svg',
    { config: { access: 'public' }, schema: { tags, summary: 'An embeddable SVG badge of the overall state' } },
    async (request, reply) =>
      send(request, reply, (await snapshots.current()).snap.badge, { ...open, 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" }),
  );

  server.get(
    '/status/incidents/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One published incident or maintenance with its updates (HTML)', params: Type.Object({ id: Type.String({ maxLength: 100 }) }) },
    },
    async (request, reply) => {
      const id = request.params.id;
      const page = UUID.test(id)
        ? await snapshots.page(`incident:${id.toLowerCase()}`, async (model) => {
            const ev = await app.services.statusPage.publicEvent(id);
            return ev ? rendered(renderIncidentHtml(ev, model.components, branding), CONTENT_TYPES.html, model.changedAt) : null;
          })
        : null;
      if (!page) return reply.status(404).headers(html).type(CONTENT_TYPES.html).send(renderNotFoundHtml(branding));
      return send(request, reply, page, html);
    },
  );

  server.get(
    '/status/history',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Past incidents and maintenance, one month a page (HTML)',
        querystring: Type.Object(
          {
            month: Type.Optional(
              Type.String({ pattern: '^(19|2\\d)\\d\\d-(0[1-9]|1[0-2])$', description: 'YYYY-MM (1900-01 to 2999-12); this month when absent' }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const month = request.query.month ?? app.clock.now().toISOString().slice(0, 7);
      const page = await snapshots.page(`history:${month}`, async (model) =>
        rendered(renderHistoryHtml(await app.services.statusPage.publicHistory(month), branding), CONTENT_TYPES.html, model.changedAt),
      );
      return send(request, reply, page!, html);
    },
  );
  return snapshots;
}
