// User administration.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { DateTime, IdPageQuery, IdParams, NullableDateTime, Page } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  sso: Type.Boolean(),
  lastLoginAt: NullableDateTime,
  lockedUntil: NullableDateTime,
  createdAt: DateTime,
});
const Roles = Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 });
const strict = { additionalProperties: false } as const;

export function userRoutes(server: HttpApp, app: App): void {
  const users = app.services.users;

  server.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: { tags: ['users'], summary: 'List user accounts', querystring: Type.Object(IdPageQuery, strict), response: { 200: Page(User) } },
    },
    async (request) => users.list(contextOf(request), request.query.limit ?? 50, request.query.cursor ?? null),
  );

  server.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user account',
        body: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 254 }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            roles: Roles,
            password: Type.Optional(Type.String({ maxLength: 256 })),
          },
          strict,
        ),
        response: { 201: Type.Object({ user: User, initialPassword: Type.Optional(Type.String()) }) },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(contextOf(request), request.body)),
  );

  server.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: "Change a user's name, roles or disabled state",
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), roles: Type.Optional(Roles), disabled: Type.Optional(Type.Boolean()) },
          strict,
        ),
        response: { 200: User },
      },
    },
    async (request) => users.update(contextOf(request), request.params.id, request.body),
  );

  server.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['users'],
        summary: 'Give a user a temporary password (shown once)',
        params: IdParams,
        response: { 200: Type.Object({ temporaryPassword: Type.String() }) },
      },
    },
    async (request) => users.resetPassword(contextOf(request), request.params.id),
  );

  server.post(
    '/api/users/:id/reset-totp',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], summary: "Turn off a user's two-factor authentication", params: IdParams },
    },
    async (request, reply) => {
      await users.resetTotp(contextOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
