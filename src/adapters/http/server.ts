// The one HTTP server: JSON API under /api (described by OpenAPI at /api/openapi.json, rendered
// at /api/docs), health probes, and the web app's built files. Routes stay thin: they validate,
// call a domain service with the request's ActionContext, and shape the answer.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import apiReference from '@scalar/fastify-api-reference';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from './app-port.ts';
import { trustedProxiesOf } from '../../config/config.ts';
import { DOCS_PREFIX, installAccessControl } from './access.ts';
import type { HttpApp } from './http-app.ts';
import { answerFrameworkError, documentErrorResponses, ErrorBody, installErrorHandling } from './errors.ts';
import { installTextGuard } from './text-guard.ts';
import { registerRoutes } from './routes/index.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

export async function buildHttpServer(app: App): Promise<HttpApp> {
  const { config } = app;
  const server = Fastify({
    loggerInstance: app.logger as FastifyBaseLogger,
    bodyLimit: config.SECDESK_BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    // X-Forwarded-For is believed only from the configured proxies; otherwise request.ip is the socket address.
    trustProxy: trustedProxiesOf(config).length ? trustedProxiesOf(config) : false,
    // Unknown fields are an error, never silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  await server.register(cookie);
  await server.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Only the app's own sandboxed mail view (GET .../messages/:id/html, which allows 'self' as its framer).
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await server.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'secdesk API', version: '1', description: 'The security inbox and security incident communications.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'secdesk_session' },
          bearer: { type: 'http', scheme: 'bearer', description: 'personal API token' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  server.addSchema(ErrorBody);
  installErrorHandling(server);
  installTextGuard(server);
  server.addHook('onRoute', documentErrorResponses);
  server.decorate('routeAccess', installAccessControl(server, app.services.accounts));

  await registerRoutes(server, app);
  server.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => server.swagger());
  await server.register(async (docs) => {
    // The docs page loads its renderer script and styles inline; it gets a CSP of its own.
    docs.addHook('onSend', async (_request, reply) => {
      reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'",
      );
    });
    await docs.register(apiReference, { routePrefix: DOCS_PREFIX, configuration: { url: '/api/openapi.json' } });
  });
  await serveWebApp(server);
  return server;
}

async function serveWebApp(server: HttpApp): Promise<void> {
  const hasBuild = existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasBuild) await server.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  server.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && hasBuild) return reply.type('text/html').sendFile('index.html');
    if (wantsPage) return reply.type('text/plain').status(503).send('The web app is not built. Run: npm run build');
    return reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } });
  });
}
