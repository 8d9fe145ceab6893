import type { HttpApp } from '../http-app.ts';
import type { App } from '../app-port.ts';
import Type from 'typebox';

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) });

export function healthRoutes(server: HttpApp, app: App): void {
  server.get('/healthz', { config: { access: 'public' }, schema: { hide: true, response: { 200: Health } } }, async () => ({ status: 'ok' }));
  server.get('/readyz', { config: { access: 'public' }, schema: { hide: true, response: { 200: Health, 503: Health } } }, async (_request, reply) => {
    const checks = await app.readiness();
    const ok = Object.values(checks).every((v) => v === 'ok');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', checks });
  });
}
