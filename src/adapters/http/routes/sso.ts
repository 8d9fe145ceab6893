// Single sign-on: leave for the identity provider, come back signed in.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { CALLBACK_PATH, OidcSignIn, type PendingLogin } from '../../sso/oidc.ts';
import type { HttpApp } from '../http-app.ts';
import { startSessionCookie } from './accounts.ts';

const PENDING_COOKIE = 'secdesk_sso';

function readPending(value: string | undefined): PendingLogin | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString()) as PendingLogin;
    return typeof parsed.state === 'string' && typeof parsed.nonce === 'string' && typeof parsed.verifier === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function ssoRoutes(server: HttpApp, app: App): void {
  const oidc = new OidcSignIn(app.config);
  const secure = app.services.mailIdentity.links.https;
  // Lax, not Strict: the provider sends the browser back with a cross-site top-level navigation.
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/api/auth/oidc', maxAge: 600 };

  server.get(
    '/api/auth/oidc',
    {
      config: { access: 'public' },
      schema: { tags: ['session'], summary: 'Whether single sign-on is configured', security: [], response: { 200: Type.Object({ enabled: Type.Boolean() }) } },
    },
    async () => ({ enabled: oidc.enabled }),
  );

  server.get(
    '/api/auth/oidc/login',
    {
      config: { access: 'public' },
      schema: { tags: ['session'], summary: 'Start single sign-on (redirects to the identity provider)', security: [] },
    },
    async (_request, reply) => {
      if (!oidc.enabled) return reply.redirect('/signin?error=' + encodeURIComponent('single sign-on is not configured'));
      const { url, pending } = await oidc.start();
      reply.setCookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), cookieOptions);
      return reply.redirect(url);
    },
  );

  server.get(
    CALLBACK_PATH,
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Where the identity provider sends the browser back',
        security: [],
        querystring: Type.Object({}, { additionalProperties: true }),
      },
    },
    async (request, reply) => {
      reply.clearCookie(PENDING_COOKIE, { path: cookieOptions.path });
      const pending = readPending(request.cookies[PENDING_COOKIE]);
      try {
        if (!oidc.enabled || !pending) throw new Error('the sign-in took too long or was started elsewhere; try again');
        const callbackUrl = new URL(request.url, app.config.SECDESK_PUBLIC_URL);
        const identity = await oidc.finish(callbackUrl, pending);
        const answer = await app.services.accounts.signInWithSso(identity, { ip: request.ip, requestId: request.id, userAgent: request.headers['user-agent'] });
        startSessionCookie(reply, answer, app.services.mailIdentity.links);
        return reply.redirect('/');
      } catch (err) {
        request.log.info({ reason: (err as Error).message }, 'single sign-on refused');
        return reply.redirect('/signin?error=' + encodeURIComponent((err as Error).message));
      }
    },
  );
}
