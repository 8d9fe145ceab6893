// Status page subscriptions: the public subscribe form (form-urlencoded, no JavaScript) and JSON API,
// confirm and unsubscribe pages (a GET shows a button, the POST acts), public webhook registration,
// and the admins' view of subscribers and webhooks.
import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { DomainError, ValidationError } from '../../../domains/errors.ts';
import { SUBSCRIBER_KINDS, SUBSCRIBER_STATES } from '../../../domains/status-subscriptions/subscriptions.types.ts';
import { MAX_COMPONENTS } from '../../../domains/status-subscriptions/rules.ts';
import type { ActionContext } from '../../../domains/context.ts';
import { DateTime, IdParams, NullableDateTime, OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { page, sendPage } from '../status-subscription-pages.ts';

const FORM_LIMIT = 4096;
const Subscriber = Type.Object({
  id: Type.String(),
  kind: OneOf(SUBSCRIBER_KINDS),
  email: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  componentSlugs: Type.Array(Type.String()),
  state: OneOf(SUBSCRIBER_STATES),
  confirmedAt: NullableDateTime,
  consecutiveFailures: Type.Integer(),
  lastFailure: Type.Union([Type.String(), Type.Null()]),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});
const Components = Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_COMPONENTS }));
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const CHECK_INBOX =
  'If the address can receive updates, a message with a confirmation link is on its way. Open it and press the button to start receiving updates.';

function anonymous(request: FastifyRequest, label: string): ActionContext {
  return { actor: { kind: 'system', userId: null, label, roles: [] }, requestId: request.id, ip: request.ip };
}

/** The no-JavaScript pages answer errors as pages too, with the error's status. */
async function asPage(reply: FastifyReply, title: string, work: () => Promise<string[]>, okStatus = 200): Promise<FastifyReply> {
  try {
    return sendPage(reply, okStatus, page(title, await work()));
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const status = err.code === 'not_found' ? 404 : err.code === 'rate_limited' ? 429 : 400;
    if (status === 429) reply.header('retry-after', '3600');
    return sendPage(reply, status, page(status === 404 ? 'Link not valid' : 'Not done', [err.message]));
  }
}

function formFields(body: unknown): { email: string; components: string[] } {
  const params = body instanceof URLSearchParams ? body : new URLSearchParams();
  const emails = params.getAll('email');
  if (emails.length !== 1) throw new ValidationError('give one e-mail address');
  return { email: emails[0]!, components: params.getAll('component') };
}

export async function statusSubscriptionRoutes(server: HttpApp, app: App): Promise<void> {
  const { statusSubscriptions: subscriptions, statusWebhooks: webhooks } = app.services;
  const perIp = { max: app.config.SECDESK_STATUS_SUBSCRIBE_PER_IP_PER_MINUTE, timeWindow: '1 minute' };

  await server.register(async (scope: HttpApp) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) =>
      done(null, new URLSearchParams(body as string)),
    );
    // A person posted a form: a refusal before the handler (too large, too many requests) is a page too.
    scope.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
      const status = error.statusCode ?? 500;
      if (status < 400 || status >= 500) throw error;
      return sendPage(reply, status, page(status === 429 ? 'Too many requests' : 'Not done', [status === 413 ? 'The form was too large.' : error.message]));
    });
    scope.post(
      '/status/subscribe',
      {
        config: { access: 'public', rateLimit: perIp },
        schema: {
          tags: ['status'],
          summary: 'Subscribe to status updates by e-mail from the status page form (form-urlencoded: email, repeated component)',
          security: [],
        },
      },
      async (request, reply) =>
        asPage(
          reply,
          'Check your inbox',
          async () => {
            const fields = formFields(request.body);
            await subscriptions.subscribe(anonymous(request, 'status subscriber'), { email: fields.email, componentSlugs: fields.components });
            return [CHECK_INBOX];
          },
          202,
        ),
    );

    scope.post(
      '/status/subscriptions/confirm/:token',
      {
        config: { access: 'public' },
        schema: { tags: ['status'], summary: 'Confirm a status subscription (the button on the confirmation page)', security: [], params: TokenParams },
      },
      async (request, reply) =>
        asPage(reply, 'Subscription confirmed', async () => {
          const subscriber = await subscriptions.confirm(anonymous(request, 'status subscriber'), request.params.token);
          return [
            subscriber.kind === 'webhook'
              ? `The webhook ${subscriber.url ?? ''} will receive status updates.`
              : `${subscriber.email} will receive status updates.`,
          ];
        }),
    );

    // RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click"; nothing in the body is needed.
    scope.post(
      '/status/unsubscribe/:token',
      {
        config: { access: 'public' },
        schema: { tags: ['status'], summary: 'One-click unsubscribe (RFC 8058) from status updates', security: [], params: TokenParams },
      },
      async (request, reply) =>
        asPage(reply, 'Unsubscribed', async () => {
          await subscriptions.unsubscribe(anonymous(request, 'unsubscribe'), request.params.token);
          return ['You will not receive status updates any more.'];
        }),
    );
  });

  server.get(
    '/status/subscriptions/confirm/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['status'],
        summary: 'The page behind a confirmation link (its button confirms; a GET changes nothing)',
        security: [],
        params: TokenParams,
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      try {
        const subscriber = await subscriptions.checkConfirmToken(token);
        if (subscriber.state !== 'pending') return sendPage(reply, 200, page('Already confirmed', ['This subscription is already confirmed.']));
        const what =
          subscriber.kind === 'webhook' ? `status updates to the webhook ${subscriber.url ?? ''}` : `status updates by e-mail to ${subscriber.email}`;
        return sendPage(reply, 200, page('Confirm your subscription', [`Confirm ${what}?`], 'Confirm subscription'));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return sendPage(reply, err.code === 'not_found' ? 404 : 400, page('Link not valid', [err.message]));
      }
    },
  );

  // Link scanners fetch every URL in a message: the GET only asks.
  server.get(
    '/status/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['status'],
        summary: 'The unsubscribe page behind the link in status update mail (its button unsubscribes)',
        security: [],
        params: TokenParams,
      },
    },
    async (request, reply) => {
      try {
        await subscriptions.checkUnsubscribeToken(request.params.token);
        return sendPage(reply, 200, page('Unsubscribe', ['Stop receiving status updates?'], 'Unsubscribe'));
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return sendPage(reply, 404, page('Link not valid', [err.message]));
      }
    },
  );

  server.post(
    '/api/status/subscriptions',
    {
      config: { access: 'public', rateLimit: perIp },
      bodyLimit: FORM_LIMIT,
      schema: {
        tags: ['status'],
        summary: 'Subscribe to status updates by e-mail (a confirmation mail follows; the answer is the same for any address)',
        security: [],
        body: Type.Object({ email: Type.String({ maxLength: 300 }), components: Components }, { additionalProperties: false }),
        response: { 202: Type.Object({ message: Type.String() }) },
      },
    },
    async (request, reply) => {
      await subscriptions.subscribe(anonymous(request, 'status subscriber'), { email: request.body.email, componentSlugs: request.body.components ?? [] });
      return reply.status(202).send({ message: CHECK_INBOX });
    },
  );

  server.post(
    '/api/status/webhooks',
    {
      config: { access: 'public', rateLimit: perIp },
      bodyLimit: FORM_LIMIT,
      schema: {
        tags: ['status'],
        summary:
          'Register a webhook for status updates: deliveries start once the owner address confirms by mail; the signing secret is shown only in this answer',
        security: [],
        body: Type.Object(
          { url: Type.String({ maxLength: 2000 }), email: Type.String({ maxLength: 300 }), components: Components },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String(), secret: Type.String(), message: Type.String() }) },
      },
    },
    async (request, reply) => {
      const created = await webhooks.register(anonymous(request, 'status webhook owner'), {
        url: request.body.url,
        email: request.body.email,
        componentSlugs: request.body.components ?? [],
      });
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ ...created, message: 'Keep the secret: it is shown only now. Deliveries start once the owner address confirms by mail.' });
    },
  );

  server.get(
    '/api/status/subscribers',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['status'],
        summary: 'Status page subscribers of one kind (newest first, up to 1000) and counts by kind and state',
        querystring: Type.Object({ kind: OneOf(SUBSCRIBER_KINDS) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            items: Type.Array(Subscriber),
            counts: Type.Array(Type.Object({ kind: OneOf(SUBSCRIBER_KINDS), state: OneOf(SUBSCRIBER_STATES), count: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => ({ items: await subscriptions.list(contextOf(request), request.query.kind), counts: await subscriptions.counts(contextOf(request)) }),
  );

  server.delete(
    '/api/status/subscribers/:id',
    {
      config: { access: 'comms.send' },
      schema: { tags: ['status'], summary: 'Remove a status page subscriber or webhook', params: IdParams },
    },
    async (request, reply) => {
      await subscriptions.remove(contextOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  server.post(
    '/api/status/webhooks/:id/enable',
    {
      config: { access: 'comms.send' },
      schema: { tags: ['status'], summary: 'Re-enable a webhook disabled after repeated failures', params: IdParams, response: { 200: Subscriber } },
    },
    async (request) => webhooks.reenable(contextOf(request), request.params.id),
  );
}
