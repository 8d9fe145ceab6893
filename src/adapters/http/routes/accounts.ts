// Sign-in, the signed-in person's own account, and API tokens.
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { rolesCatalogue } from '../../../domains/accounts/users.service.ts';
import { AuthenticationError } from '../../../domains/errors.ts';
import type { SessionAnswer } from '../../../domains/accounts/accounts.service.ts';
import type { PublicLinks } from '../../../domains/mail/mail-identity.ts';
import { SESSION_COOKIE } from '../access.ts';
import { IdParams, NullableDateTime, DateTime } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const Me = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  permissions: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  sso: Type.Boolean(),
});
const SessionBody = Type.Object({ mfaRequired: Type.Boolean(), csrfToken: Type.String(), user: Type.Union([Me, Type.Null()]) });
const PasswordChangedBody = Type.Object({
  mfaRequired: Type.Boolean(),
  csrfToken: Type.String(),
  user: Type.Union([Me, Type.Null()]),
  sessionsEnded: Type.Integer(),
  apiTokensKept: Type.Integer(),
});
const Token = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: DateTime,
  lastUsedAt: NullableDateTime,
  expiresAt: NullableDateTime,
  revokedAt: NullableDateTime,
});
const Password = Type.String({ minLength: 1, maxLength: 256 });
const strict = { additionalProperties: false } as const;

/** Sets the session cookie for a new or rotated session and returns the session answer. */
export function startSessionCookie(reply: FastifyReply, answer: SessionAnswer, links: PublicLinks) {
  const secure = links.https;
  reply.setCookie(SESSION_COOKIE, answer.token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires: answer.expiresAt });
  return { mfaRequired: answer.mfaRequired, csrfToken: answer.csrfToken, user: answer.user };
}

export async function accountRoutes(server: HttpApp, app: App): Promise<void> {
  const accounts = app.services.accounts;
  const SIGN_IN_LIMIT = { max: app.config.SECDESK_SIGNIN_PER_MINUTE, timeWindow: '1 minute' };
  const from = (request: { ip: string; id: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    requestId: request.id,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });
  const startSession = (reply: FastifyReply, answer: SessionAnswer) => startSessionCookie(reply, answer, app.services.mailIdentity.links);
  const sessionToken = (request: { sessionToken: string | null; cookies: Record<string, string | undefined> }) => {
    const token = request.sessionToken ?? request.cookies[SESSION_COOKIE];
    if (!token) throw new AuthenticationError('not signed in');
    return token;
  };

  await server.register(rateLimit, { global: false });

  server.post(
    '/api/session',
    {
      config: { access: 'public', rateLimit: SIGN_IN_LIMIT },
      schema: {
        tags: ['session'],
        summary: 'Sign in with email and password',
        security: [],
        body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, strict),
        response: { 200: SessionBody },
      },
    },
    async (request, reply) => startSession(reply, await accounts.signIn(request.body.email, request.body.password, from(request))),
  );

  server.post(
    '/api/session/totp',
    {
      config: { access: 'signed-in-mfa-pending', rateLimit: SIGN_IN_LIMIT },
      schema: {
        tags: ['session'],
        summary: 'Give the second factor (TOTP code) to finish signing in',
        body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 6 }) }, strict),
        response: { 200: SessionBody },
      },
    },
    async (request, reply) => startSession(reply, await accounts.verifyTotp(sessionToken(request), request.body.code, from(request))),
  );

  server.get(
    '/api/session',
    {
      config: { access: 'signed-in-mfa-pending' },
      schema: { tags: ['session'], summary: 'The current session and its CSRF token', response: { 200: SessionBody } },
    },
    async (request) => accounts.sessionInfo(sessionToken(request)),
  );

  server.delete(
    '/api/session',
    {
      config: { access: 'signed-in-mfa-pending' },
      schema: { tags: ['session'], summary: 'Sign out' },
    },
    async (request, reply) => {
      await accounts.signOut(sessionToken(request), from(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  server.get(
    '/api/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'The signed-in person', response: { 200: Me } },
    },
    async (request) => accounts.me(contextOf(request)),
  );

  server.get(
    '/api/roles',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Roles and the permissions each holds',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ role: Type.String(), label: Type.String(), permissions: Type.Array(Type.String()) })) }),
        },
      },
    },
    async () => ({ items: rolesCatalogue() }),
  );

  server.post(
    '/api/me/password',
    {
      config: { access: 'session' },
      schema: {
        tags: ['account'],
        summary: "Change one's password: every other session ends, this one is re-issued (new cookie and CSRF token); API tokens are kept",
        body: Type.Object({ currentPassword: Password, newPassword: Password }, strict),
        response: { 200: PasswordChangedBody },
      },
    },
    async (request, reply) => {
      const changed = await accounts.changePassword(contextOf(request), sessionToken(request), request.body.currentPassword, request.body.newPassword);
      return { ...startSession(reply, changed.session), sessionsEnded: changed.sessionsEnded, apiTokensKept: changed.apiTokensKept };
    },
  );

  server.delete(
    '/api/me/sessions',
    {
      config: { access: 'session' },
      schema: {
        tags: ['account'],
        summary: "Sign out everywhere else: every other session of one's account ends, this one stays",
        response: { 200: Type.Object({ sessionsEnded: Type.Integer() }) },
      },
    },
    async (request) => accounts.endOtherSessions(contextOf(request), sessionToken(request)),
  );

  server.post(
    '/api/me/totp/setup',
    {
      config: { access: 'session' },
      schema: {
        tags: ['account'],
        summary: 'Start setting up two-factor authentication',
        response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrSvgDataUrl: Type.String() }) },
      },
    },
    async (request) => accounts.setUpTotp(contextOf(request)),
  );

  server.post(
    '/api/me/totp/enable',
    {
      config: { access: 'session' },
      schema: {
        tags: ['account'],
        summary: 'Turn two-factor authentication on with a first code',
        body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 6 }) }, strict),
      },
    },
    async (request, reply) => {
      await accounts.enableTotp(contextOf(request), request.body.code);
      return reply.status(204).send();
    },
  );

  server.post(
    '/api/me/totp/disable',
    {
      config: { access: 'session' },
      schema: { tags: ['account'], summary: 'Turn two-factor authentication off', body: Type.Object({ password: Password }, strict) },
    },
    async (request, reply) => {
      await accounts.disableTotp(contextOf(request), request.body.password);
      return reply.status(204).send();
    },
  );

  server.get(
    '/api/me/tokens',
    {
      config: { access: 'session' },
      schema: { tags: ['account'], summary: "One's personal API tokens", response: { 200: Type.Object({ items: Type.Array(Token) }) } },
    },
    async (request) => ({ items: await accounts.listTokens(contextOf(request)) }),
  );

  server.post(
    '/api/me/tokens',
    {
      config: { access: 'session' },
      schema: {
        tags: ['account'],
        summary: 'Create a personal API token (shown once)',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            scopes: Type.Array(Type.String(), { minItems: 1, maxItems: 50 }),
            expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
          },
          strict,
        ),
        response: { 201: Type.Object({ token: Type.String(), item: Token }) },
      },
    },
    async (request, reply) => reply.status(201).send(await accounts.createToken(contextOf(request), request.body)),
  );

  server.delete(
    '/api/me/tokens/:id',
    {
      config: { access: 'session' },
      schema: { tags: ['account'], summary: 'Revoke a personal API token', params: IdParams },
    },
    async (request, reply) => {
      await accounts.revokeToken(contextOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
