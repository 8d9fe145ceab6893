// Chat: the incident channel's state, each person's chat handle, and the Slack slash command
// (`/incident declare <title>`), which Slack signs: X-Slack-Signature = v0=HMAC-SHA256(signing
// secret, "v0:<X-Slack-Request-Timestamp>:<raw body>"), refused when older than five minutes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { AuthenticationError, NotFoundError, ValidationError } from '../../../domains/errors.ts';
import { IdParams, NullableDateTime, DateTime } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const MAX_SKEW_SECONDS = 300;
const MAX_COMMAND_BYTES = 16 * 1024;
const strict = { additionalProperties: false } as const;

const Channel = Type.Object({
  incidentId: Type.String(),
  platform: Type.String(),
  name: Type.String(),
  state: Type.Union([Type.Literal('creating'), Type.Literal('open'), Type.Literal('failed')]),
  channelId: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  retryAt: NullableDateTime,
  updatedAt: DateTime,
});
const ChatView = Type.Object({
  configured: Type.Boolean(),
  platform: Type.Optional(Type.String()),
  channel: Type.Optional(Type.Union([Channel, Type.Null()])),
  message: Type.String(),
});
const HandleBody = Type.Object({ handle: Type.Union([Type.String({ maxLength: 81 }), Type.Null()]) }, strict);

export function signSlackRequest(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function verifySlack(secret: string, timestamp: unknown, signature: unknown, body: string, now: Date): void {
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(timestamp))
    throw new AuthenticationError('missing X-Slack-Request-Timestamp or X-Slack-Signature');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
    throw new AuthenticationError('request timestamp too far from now; it may be replayed');
  const expected = Buffer.from(signSlackRequest(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AuthenticationError('bad signature');
}

export async function chatRoutes(server: HttpApp, app: App): Promise<void> {
  const chat = app.services.incidentChat;

  server.get(
    '/api/incidents/:id/chat',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: "The incident's chat channel: not configured, creating, open (with its link) or failed",
        params: IdParams,
        response: { 200: ChatView },
      },
    },
    async (request) => chat.view(contextOf(request), request.params.id),
  );

  server.get(
    '/api/me/chat-handle',
    {
      config: { access: 'session' },
      schema: {
        tags: ['account'],
        summary: "One's chat handle (Slack user id or Mattermost user name)",
        response: { 200: Type.Object({ handle: Type.Union([Type.String(), Type.Null()]), platform: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => ({ handle: await chat.myHandle(contextOf(request)), platform: chat.platformName }),
  );

  server.put(
    '/api/me/chat-handle',
    {
      config: { access: 'session' },
      schema: { tags: ['account'], summary: "Set or clear one's chat handle", body: HandleBody },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      await chat.setHandle(ctx, ctx.actor.userId ?? '', request.body.handle);
      return reply.status(204).send();
    },
  );

  server.get(
    '/api/users/chat-handles',
    {
      config: { access: 'users.read' },
      schema: {
        tags: ['users'],
        summary: "Everyone's chat handle (people without one are left out)",
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ userId: Type.String(), handle: Type.String() })) }) },
      },
    },
    async (request) => ({ items: await chat.handles(contextOf(request)) }),
  );

  server.put(
    '/api/users/:id/chat-handle',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['users'], summary: "Set or clear a person's chat handle", params: IdParams, body: HandleBody },
    },
    async (request, reply) => {
      await chat.setHandle(contextOf(request), request.params.id, request.body.handle);
      return reply.status(204).send();
    },
  );

  await server.register(async (scope: HttpApp) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_COMMAND_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      '/api/chat/slack/commands',
      {
        config: { access: 'public' },
        bodyLimit: MAX_COMMAND_BYTES,
        schema: {
          tags: ['incidents'],
          summary: 'Slack slash command /incident declare <title> (signed by Slack)',
          security: [],
          response: { 200: Type.Object({ response_type: Type.Literal('ephemeral'), text: Type.String() }) },
        },
      },
      async (request) => {
        const secret = app.config.SECDESK_SLACK_SIGNING_SECRET;
        if (!secret) throw new NotFoundError('Slack commands (set SECDESK_SLACK_SIGNING_SECRET)');
        const body = typeof request.body === 'string' ? request.body : '';
        verifySlack(secret, request.headers['x-slack-request-timestamp'], request.headers['x-slack-signature'], body, app.clock.now());
        const form = new URLSearchParams(body);
        const userId = form.get('user_id');
        if (!userId) throw new ValidationError('user_id is missing');
        const text = await app.services.chatCommands.run({
          platform: 'Slack',
          userHandle: userId,
          text: (form.get('text') ?? '').slice(0, 2000),
          requestId: request.id,
          ip: request.ip,
        });
        return { response_type: 'ephemeral' as const, text };
      },
    );
    // Mattermost sends the command's own token in the form; the caller is its user_name (the handle).
    scope.post(
      '/api/chat/mattermost/commands',
      {
        config: { access: 'public' },
        bodyLimit: MAX_COMMAND_BYTES,
        schema: {
          tags: ['incidents'],
          summary: 'Mattermost slash command /incident declare <title> (with the command token)',
          security: [],
          response: { 200: Type.Object({ response_type: Type.Literal('ephemeral'), text: Type.String() }) },
        },
      },
      async (request) => {
        const expected = app.config.SECDESK_MATTERMOST_COMMAND_TOKEN;
        if (!expected) throw new NotFoundError('Mattermost commands (set SECDESK_MATTERMOST_COMMAND_TOKEN)');
        const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
        const given = Buffer.from(form.get('token') ?? '');
        if (given.length !== Buffer.byteLength(expected) || !timingSafeEqual(given, Buffer.from(expected))) throw new AuthenticationError('bad command token');
        const userName = form.get('user_name');
        if (!userName) throw new ValidationError('user_name is missing');
        const text = await app.services.chatCommands.run({
          platform: 'Mattermost',
          userHandle: userName,
          text: (form.get('text') ?? '').slice(0, 2000),
          requestId: request.id,
          ip: request.ip,
        });
        return { response_type: 'ephemeral' as const, text };
      },
    );
  });
}
