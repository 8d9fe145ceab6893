// Private status pages. Visitors: /status/p/:slug (HTML, its JSON and feeds, its incidents and
// history), signing in with the page's password or a link mailed to an allowed domain; a visitor
// from an allowed IP range (request.ip: the socket address, or X-Forwarded-For from a proxy listed in
// SECDESK_TRUSTED_PROXIES) needs neither. Every answer is `Cache-Control: private, no-store`: these
// pages never sit in a shared cache. Management: /api/statuspage/private-pages (status.publish).
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../app-port.ts';
import { statusBranding } from '../../../config/identity.ts';
import { AuthenticationError, NotFoundError, ValidationError } from '../../../domains/errors.ts';
import {
  CONTENT_TYPES,
  renderAtom,
  renderHistoryHtml,
  renderIncidentHtml,
  renderRss,
  renderStatusHtml,
  renderSummaryJson,
  statusPageCsp,
} from '../../../domains/statuspage/render/index.ts';
import { privateEvent, rebaseAbsolute, rebaseHtml } from '../../../domains/status-private/private-model.ts';
import { renderLinkSent, renderSignIn, renderUseLink } from '../../../domains/status-private/private-html.ts';
import type { PrivateVisitor } from '../../../domains/status-private/private-pages.types.ts';
import { COMPONENT_STATES, INCIDENT_UPDATE_STATUSES, type Branding } from '../../../domains/statuspage/statuspage.types.ts';
import { DateTime, NullableDateTime, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { STATUS_UPDATE_BODY_MAX } from '../../../domains/limits.ts';

export const PRIVATE_COOKIE = 'secdesk_status_page';
const strict = { additionalProperties: false } as const;
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
const SlugParams = Type.Object({ slug: Slug }, strict);
const tags = ['status page (private pages)'];

const Page = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  componentSlugs: Type.Array(Type.String()),
  hasPassword: Type.Boolean(),
  emailDomains: Type.Array(Type.String()),
  ipRanges: Type.Array(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const Incident = Type.Object({
  id: Uuid,
  pageId: Uuid,
  title: Type.String(),
  status: Type.String(),
  componentSlugs: Type.Array(Type.String()),
  componentState: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
  resolvedAt: NullableDateTime,
  updates: Type.Array(Type.Object({ id: Uuid, status: Type.String(), body: Type.String(), publishedAt: DateTime, publishedBy: Type.String() })),
});
const PageBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    componentSlugs: Type.Optional(Type.Array(Slug, { maxItems: 100, description: 'the public components shown (empty: all)' })),
    password: Type.Optional(
      Type.Union([Type.String({ minLength: 12, maxLength: 256 }), Type.Null()], { description: 'set (12+ characters), null to remove, absent to keep' }),
    ),
    emailDomains: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 100, description: 'addresses at these domains get a sign-in link by mail' }),
    ),
    ipRanges: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100, description: 'CIDR ranges that see the page without signing in' }),
    ),
  },
  strict,
);
const UpdateBody = Type.Object(
  {
    status: OneOf(INCIDENT_UPDATE_STATUSES),
    body: Type.String({ minLength: 1, maxLength: STATUS_UPDATE_BODY_MAX }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'for a new incident' })),
    componentSlugs: Type.Optional(Type.Array(Slug, { maxItems: 100 })),
    componentState: Type.Optional(OneOf(COMPONENT_STATES)),
  },
  strict,
);

const PRIVATE_HEADERS = { 'cache-control': 'private, no-store', vary: 'Cookie', 'x-robots-tag': 'noindex' };

export async function statusPrivateRoutes(server: HttpApp, app: App): Promise<void> {
  const pages = app.services.privateVisitors;
  const manage = app.services.privatePages;
  const branding = statusBranding(app.config, app.services.mailIdentity.links);
  const csp = statusPageCsp(branding.brandColor, branding.logoUrl);
  // Read per sign-in: the public URL (https or not) may change in Admin → Setup.
  const secure = () => app.services.mailIdentity.links.https;
  const limit = { max: app.config.SECDESK_SIGNIN_PER_MINUTE, timeWindow: '1 minute' };
  const base = (slug: string) => `/status/p/${slug}`;
  const visitor = (request: FastifyRequest): PrivateVisitor => ({ ip: request.ip, sessionToken: request.cookies[PRIVATE_COOKIE] ?? null });
  const pageBranding = (name: string): Branding => ({ ...branding, name: `${branding.name} · ${name}` });

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .status(status)
      .headers({ ...PRIVATE_HEADERS, 'content-security-policy': csp })
      .type(CONTENT_TYPES.html)
      .send(body);
  const signInPage = async (reply: FastifyReply, slug: string, status: number, message?: string) => {
    const { page, access } = await pages.access(slug, { ip: '', sessionToken: null });
    const methods = access.granted ? { password: false, email: false } : access.methods;
    return html(reply, status, renderSignIn(branding, { base: base(slug), pageName: page.name, ...methods, message }));
  };
  const startSession = (reply: FastifyReply, slug: string, token: string) => {
    reply.setCookie(PRIVATE_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(),
      path: base(slug),
      maxAge: app.config.SECDESK_SESSION_HOURS * 3600,
    });
    return reply.status(303).headers(PRIVATE_HEADERS).header('location', base(slug)).send();
  };
  /** Runs `show` for a visitor with access; anyone else gets the sign-in page (401). */
  const guarded = async (request: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, show: () => Promise<unknown>) => {
    try {
      return await show();
    } catch (err) {
      if (err instanceof AuthenticationError) return signInPage(reply, request.params.slug, 401);
      throw err;
    }
  };
  const modelOf = async (request: FastifyRequest<{ Params: { slug: string } }>) => pages.view(request.params.slug, visitor(request));

  server.get(
    '/status/p/:slug',
    { config: { access: 'public' }, schema: { tags, summary: 'A private status page (HTML), or its sign-in page (401)', params: SlugParams } },
    async (request, reply) =>
      guarded(request, reply, async () => {
        const { page, model } = await modelOf(request);
        const body = rebaseHtml(renderStatusHtml(model, pageBranding(page.name)), base(page.slug));
        const signOut = `<form method="post" action="${base(page.slug)}/sign-out"><button type="submit">Sign out</button></form>\n</main>`;
        return html(reply, 200, request.cookies[PRIVATE_COOKIE] ? body.replace('</main>', signOut) : body);
      }),
  );

  const machine = (path: string, summary: string, render: (model: Awaited<ReturnType<typeof modelOf>>['model'], b: Branding) => string, type: string) =>
    server.get(`/status/p/:slug/${path}`, { config: { access: 'public' }, schema: { tags, summary, params: SlugParams } }, async (request, reply) =>
      guarded(request, reply, async () => {
        const { page, model } = await modelOf(request);
        const b = pageBranding(page.name);
        return reply
          .headers(PRIVATE_HEADERS)
          .type(type)
          .send(rebaseAbsolute(render(model, b), b.baseUrl, base(page.slug)));
      }),
    );
  machine('status.json', 'A private status page in the Statuspage summary.json shape', renderSummaryJson, CONTENT_TYPES.json);
  machine('feed.atom', 'A private status page as an Atom feed', renderAtom, CONTENT_TYPES.atom);
  machine('feed.rss', 'A private status page as an RSS feed', renderRss, CONTENT_TYPES.rss);

  server.get(
    '/status/p/:slug/incidents/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One incident on a private page (HTML)', params: Type.Object({ slug: Slug, id: Type.String({ maxLength: 100 }) }, strict) },
    },
    async (request, reply) =>
      guarded(request, reply, async () => {
        const { page, model } = await modelOf(request);
        const own = await pages.viewIncident(page.slug, visitor(request), request.params.id);
        const ev = own ? privateEvent(own) : [...model.incidents, ...model.maintenances, ...model.recent].find((x) => x.id === request.params.id);
        if (!ev) throw new NotFoundError('incident');
        return html(reply, 200, rebaseHtml(renderIncidentHtml(ev, model.components, pageBranding(page.name)), base(page.slug)));
      }),
  );

  server.get(
    '/status/p/:slug/history',
    { config: { access: 'public' }, schema: { tags, summary: 'Past incidents on a private page (the last 14 days; HTML)', params: SlugParams } },
    async (request, reply) =>
      guarded(request, reply, async () => {
        const { page, model } = await modelOf(request);
        const history = { month: app.clock.now().toISOString().slice(0, 7), events: model.recent, previous: null, next: null };
        return html(reply, 200, rebaseHtml(renderHistoryHtml(history, pageBranding(page.name)), base(page.slug)));
      }),
  );

  await server.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.post(
      '/status/p/:slug/sign-in',
      {
        config: { access: 'public', rateLimit: limit },
        schema: {
          tags,
          summary: 'Sign in to a private page with its password (form); sets a cookie scoped to the page',
          params: SlugParams,
          body: Type.Object({ password: Type.String({ maxLength: 256 }) }, strict),
        },
      },
      async (request, reply) => {
        try {
          return startSession(reply, request.params.slug, await pages.signInWithPassword(request.params.slug, request.body.password, request.ip));
        } catch (err) {
          if (err instanceof AuthenticationError) return signInPage(reply, request.params.slug, 401, 'Wrong password.');
          throw err;
        }
      },
    );

    scope.post(
      '/status/p/:slug/email',
      {
        config: { access: 'public', rateLimit: limit },
        schema: {
          tags,
          summary: 'Ask for a sign-in link by mail (form); the answer is the same whether or not the address may see the page',
          params: SlugParams,
          body: Type.Object({ email: Type.String({ maxLength: 254 }) }, strict),
        },
      },
      async (request, reply) => {
        try {
          await pages.requestLink(request.params.slug, request.body.email, request.ip);
        } catch (err) {
          if (err instanceof ValidationError) return signInPage(reply, request.params.slug, 400, 'That is not an email address we can send to.');
          throw err;
        }
        const { page } = await pages.access(request.params.slug, { ip: '', sessionToken: null });
        return html(reply, 200, renderLinkSent(branding, base(page.slug), page.name));
      },
    );

    scope.post(
      '/status/p/:slug/sign-out',
      {
        config: { access: 'public' },
        schema: { tags, summary: "End this browser's session on a private page", params: SlugParams },
      },
      async (request, reply) => {
        const token = request.cookies[PRIVATE_COOKIE];
        if (token) await pages.signOut(token);
        reply.clearCookie(PRIVATE_COOKIE, { path: base(request.params.slug) });
        return reply.status(303).headers(PRIVATE_HEADERS).header('location', base(request.params.slug)).send();
      },
    );

    const TokenParams = Type.Object({ slug: Slug, token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) }, strict);
    scope.get(
      '/status/p/:slug/sign-in/:token',
      {
        config: { access: 'public', rateLimit: limit },
        schema: { tags, summary: 'The page behind a mailed sign-in link: a button that uses it (a GET changes nothing)', params: TokenParams },
      },
      async (request, reply) => {
        const { page } = await pages.access(request.params.slug, { ip: '', sessionToken: null });
        return html(reply, 200, renderUseLink(branding, `${base(page.slug)}/sign-in/${request.params.token}`, page.name));
      },
    );

    scope.post(
      '/status/p/:slug/sign-in/:token',
      {
        config: { access: 'public', rateLimit: limit },
        schema: { tags, summary: 'Use a mailed sign-in link (once); sets a cookie scoped to the page', params: TokenParams },
      },
      async (request, reply) => {
        try {
          return startSession(reply, request.params.slug, await pages.signInWithLink(request.params.slug, request.params.token, request.ip));
        } catch (err) {
          if (err instanceof AuthenticationError) return signInPage(reply, request.params.slug, 401, err.message);
          throw err;
        }
      },
    );
  });

  // Management.
  const access = 'status.publish' as const;
  const admin = ['status page'];
  server.get(
    '/api/statuspage/private-pages',
    { config: { access }, schema: { tags: admin, summary: 'Private status pages', response: { 200: Type.Object({ items: Type.Array(Page) }) } } },
    async (request) => ({ items: await manage.list(contextOf(request)) }),
  );
  server.post(
    '/api/statuspage/private-pages',
    {
      config: { access },
      schema: {
        tags: admin,
        summary: 'Create a private status page (at least one of password, emailDomains, ipRanges)',
        body: Type.Object({ slug: Slug, ...PageBody.properties }, strict),
        response: { 201: Page },
      },
    },
    async (request, reply) => reply.status(201).send(await manage.create(contextOf(request), request.body)),
  );
  server.get(
    '/api/statuspage/private-pages/:slug',
    {
      config: { access },
      schema: {
        tags: admin,
        summary: 'A private status page with its incidents',
        params: SlugParams,
        response: { 200: Type.Object({ ...Page.properties, incidents: Type.Array(Incident) }) },
      },
    },
    async (request) => manage.get(contextOf(request), request.params.slug),
  );
  server.put(
    '/api/statuspage/private-pages/:slug',
    { config: { access }, schema: { tags: admin, summary: 'Change a private status page', params: SlugParams, body: PageBody, response: { 200: Page } } },
    async (request) => manage.update(contextOf(request), request.params.slug, { slug: request.params.slug, ...request.body }),
  );
  server.delete(
    '/api/statuspage/private-pages/:slug',
    { config: { access }, schema: { tags: admin, summary: 'Delete a private status page and its incidents', params: SlugParams } },
    async (request, reply) => {
      await manage.remove(contextOf(request), request.params.slug);
      return reply.status(204).send();
    },
  );
  server.post(
    '/api/statuspage/private-pages/:slug/incidents',
    {
      config: { access },
      schema: {
        tags: admin,
        summary: 'Publish a new incident on a private page (never on the public page)',
        params: SlugParams,
        body: UpdateBody,
        response: { 201: Incident },
      },
    },
    async (request, reply) => reply.status(201).send(await manage.publishUpdate(contextOf(request), request.params.slug, null, request.body)),
  );
  server.post(
    '/api/statuspage/private-pages/:slug/incidents/:id/updates',
    {
      config: { access },
      schema: {
        tags: admin,
        summary: 'Publish an update of a private incident',
        params: Type.Object({ slug: Slug, id: Uuid }, strict),
        body: UpdateBody,
        response: { 201: Incident },
      },
    },
    async (request, reply) => reply.status(201).send(await manage.publishUpdate(contextOf(request), request.params.slug, request.params.id, request.body)),
  );
}
