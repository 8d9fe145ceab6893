// Distribution lists and sends (the fan-out engine), and the public one-click unsubscribe (RFC 8058).
import { Readable } from 'node:stream';
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { ValidationError } from '../../../domains/errors.ts';
import { AUDIENCES, RECIPIENT_STATES, SEND_STATUSES, SUPPRESSION_REASONS } from '../../../domains/fanout/fanout.types.ts';
import { EXPORT_FORMATS } from '../../../domains/fanout/lists.service.ts';
import { DateTime, IdParams, NullableDateTime, OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { MAIL_BODY_MAX, SUBJECT_MAX } from '../../../domains/limits.ts';

const Audience = OneOf(AUDIENCES);
const NullableAudience = Type.Union([Audience, Type.Null()]);
const Reject = Type.Object({ line: Type.Integer(), value: Type.String(), reason: Type.String() });
const List = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source: Type.String(),
  memberCount: Type.Integer(),
  invalidCount: Type.Integer(),
  duplicateCount: Type.Integer(),
  columns: Type.Array(Type.String()),
  createdAt: DateTime,
});
const ListWithCounts = Type.Intersect([
  List,
  Type.Object({ counts: Type.Object({ users: Type.Integer(), customers: Type.Integer(), suppressed: Type.Integer() }) }),
]);
const Send = Type.Object({
  id: Type.String(),
  listId: Type.Union([Type.String(), Type.Null()]),
  audience: NullableAudience,
  from: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  contentHash: Type.String(),
  listMail: Type.Boolean(),
  isTest: Type.Boolean(),
  status: OneOf(SEND_STATUSES),
  pauseReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  startedAt: NullableDateTime,
  finishedAt: NullableDateTime,
});
const Progress = Type.Object({
  status: OneOf(SEND_STATUSES),
  pauseReason: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer(),
  pending: Type.Integer(),
  sending: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  suppressed: Type.Integer(),
  cancelled: Type.Integer(),
  unconfirmed: Type.Integer(),
  ambiguous: Type.Integer(),
  rate: Type.Number(),
});
const Ambiguous = Type.Object({ seq: Type.Integer(), email: Type.String(), messageId: Type.String(), committedAt: NullableDateTime });
const ImportQuery = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), audience: Type.Optional(Audience) }, { additionalProperties: false });
const ImportResult = Type.Object({ list: List, rejects: Type.Array(Reject) });

export async function fanoutRoutes(server: HttpApp, app: App): Promise<void> {
  const { lists, sends } = app.services;

  await server.register(async (scope: HttpApp) => {
    // The CSV arrives as a stream and is parsed as it comes: any size, never held in memory whole.
    scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    scope.post(
      '/api/distribution-lists',
      {
        config: { access: 'comms.send' },
        schema: {
          tags: ['communications'],
          summary: 'Import a distribution list from a CSV body (text/csv, header row with an email column); broken rows are reported by line',
          querystring: ImportQuery,
          response: { 201: ImportResult },
        },
      },
      async (request, reply) => {
        if (!(request.body instanceof Readable)) throw new ValidationError('send the list as text/csv');
        const query = request.query;
        const result = await lists.importCsv(contextOf(request), { name: query.name, csv: request.body, audience: query.audience ?? null });
        return reply.status(201).send(result);
      },
    );
  });

  server.post(
    '/api/distribution-lists/from-source',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Import a distribution list from an HTTP(S) endpoint returning JSON Lines',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), url: Type.String({ maxLength: 2000 }), audience: Type.Optional(Audience) },
          { additionalProperties: false },
        ),
        response: { 201: ImportResult },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await lists.importFromSource(contextOf(request), { name: request.body.name, url: request.body.url, audience: request.body.audience ?? null })),
  );

  server.post(
    '/api/distribution-lists/from-query',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Import a distribution list from a configured SQL source (a fixed query against a read replica, run read-only)',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), source: Type.String({ minLength: 1, maxLength: 64 }), audience: Type.Optional(Audience) },
          { additionalProperties: false },
        ),
        response: { 201: ImportResult },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await lists.importFromQuery(contextOf(request), { name: request.body.name, source: request.body.source, audience: request.body.audience ?? null }),
        ),
  );

  server.get(
    '/api/distribution-lists/sources',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'The configured SQL list sources (names only)',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ name: Type.String() })) }) },
      },
    },
    async (request) => ({ items: lists.sourceNames(contextOf(request)).map((name) => ({ name })) }),
  );

  server.get(
    '/api/distribution-lists',
    {
      config: { access: 'comms.send' },
      schema: { tags: ['communications'], summary: 'Distribution lists, newest first', response: { 200: Type.Object({ items: Type.Array(List) }) } },
    },
    async (request) => ({ items: await lists.lists(contextOf(request)) }),
  );

  server.get(
    '/api/distribution-lists/:id',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'One distribution list with members per audience and how many are suppressed',
        params: IdParams,
        response: { 200: ListWithCounts },
      },
    },
    async (request) => lists.get(contextOf(request), request.params.id),
  );

  server.get(
    '/api/distribution-lists/:id/rejects',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'The rows an import dropped, by line, with reasons',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Reject) }) },
      },
    },
    async (request) => ({ items: await lists.rejects(contextOf(request), request.params.id) }),
  );

  server.get(
    '/api/distribution-lists/:id/export',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Export as Mailchimp- or Marketo-importable CSV (suppressed addresses left out)',
        params: IdParams,
        querystring: Type.Object({ format: OneOf(EXPORT_FORMATS), audience: Type.Optional(Audience) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const lines = await lists.export(contextOf(request), request.params.id, request.query.format, request.query.audience ?? null);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="list-${request.params.id}-${request.query.format}.csv"`)
        .send(Readable.from(lines));
    },
  );

  server.post(
    '/api/suppressions',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Suppress an address from every later send',
        body: Type.Object(
          { email: Type.String({ maxLength: 300 }), reason: OneOf(SUPPRESSION_REASONS), detail: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await lists.suppress(contextOf(request), { email: request.body.email, reason: request.body.reason, detail: request.body.detail ?? '' });
      return reply.status(204).send();
    },
  );

  server.post(
    '/api/sends',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Create a send (a draft): one message per list member of the audience',
        body: Type.Object(
          {
            listId: Type.String({ format: 'uuid' }),
            audience: Type.Optional(NullableAudience),
            from: Type.String({ maxLength: 300 }),
            subject: Type.String({ maxLength: SUBJECT_MAX }),
            body: Type.String({ maxLength: MAIL_BODY_MAX }),
            listMail: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Send },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await sends.create(contextOf(request), { ...request.body, audience: request.body.audience ?? null, listMail: request.body.listMail ?? false })),
  );

  server.get(
    '/api/sends/:id',
    {
      config: { access: 'comms.send' },
      schema: { tags: ['communications'], summary: 'One send', params: IdParams, response: { 200: Send } },
    },
    async (request) => sends.get(contextOf(request), request.params.id),
  );

  server.post(
    '/api/sends/:id/test',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Send this content to the reviewers first (required before the real send)',
        params: IdParams,
        body: Type.Object({ reviewers: Type.Array(Type.String({ maxLength: 300 }), { minItems: 1, maxItems: 20 }) }, { additionalProperties: false }),
        response: { 201: Send },
      },
    },
    async (request, reply) => reply.status(201).send(await sends.testSend(contextOf(request), request.params.id, request.body.reviewers)),
  );

  for (const action of ['start', 'pause', 'resume', 'cancel'] as const) {
    server.post(
      `/api/sends/:id/${action}`,
      {
        config: { access: 'comms.send' },
        schema: { tags: ['communications'], summary: `${action[0]!.toUpperCase()}${action.slice(1)} a send`, params: IdParams, response: { 200: Send } },
      },
      async (request) => sends[action](contextOf(request), request.params.id),
    );
  }

  server.get(
    '/api/sends/:id/progress',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Sent, failed and pending counts and the current rate (messages/second)',
        params: IdParams,
        response: { 200: Progress },
      },
    },
    async (request) => sends.progress(contextOf(request), request.params.id),
  );

  server.get(
    '/api/sends/:id/failures',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Recipients that failed or bounced, with the reason',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                seq: Type.Integer(),
                email: Type.String(),
                attempts: Type.Integer(),
                error: Type.Union([Type.String(), Type.Null()]),
                state: OneOf(RECIPIENT_STATES),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await sends.failures(contextOf(request), request.params.id) }),
  );

  server.get(
    '/api/sends/:id/ambiguous',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Recipients whose delivery is unknown after a crash (the relay may or may not have their message), with the Message-ID',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Ambiguous) }) },
      },
    },
    async (request) => ({ items: await sends.ambiguous(contextOf(request), request.params.id) }),
  );

  server.post(
    '/api/sends/:id/ambiguous/resend',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Send the ambiguous recipients their message again, with the same Message-ID (audited; some may get a second copy)',
        params: IdParams,
        response: { 200: Type.Object({ send: Send, resent: Type.Array(Ambiguous) }) },
      },
    },
    async (request) => sends.resendAmbiguous(contextOf(request), request.params.id),
  );

  server.post(
    '/api/sends/bounces',
    {
      config: { access: 'comms.send' },
      schema: {
        tags: ['communications'],
        summary: 'Record a later bounce or complaint for a sent message (the address is suppressed)',
        body: Type.Object(
          {
            messageId: Type.String({ minLength: 3, maxLength: 300 }),
            kind: OneOf(['bounce', 'complaint']),
            detail: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      await sends.recordBounce(contextOf(request), { messageId: request.body.messageId, kind: request.body.kind, detail: request.body.detail ?? '' });
      return reply.status(204).send();
    },
  );

  await server.register(async (scope: HttpApp) => {
    // RFC 8058: the mailbox provider POSTs "List-Unsubscribe=One-Click" as a form; nothing in it is needed.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/unsubscribe/:token',
      {
        config: { access: 'public' },
        schema: {
          tags: ['communications'],
          summary: 'One-click unsubscribe (RFC 8058) from list mail',
          security: [],
          params: Type.Object({ token: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        await sends.unsubscribe(
          { actor: { kind: 'system', userId: null, label: 'unsubscribe', roles: [] }, requestId: request.id, ip: request.ip },
          request.params.token,
        );
        return reply.status(200).header('content-type', 'text/plain; charset=utf-8').send('You are unsubscribed.\n');
      },
    );
  });

  // A person who follows {{unsubscribe_url}} from the body gets a page with a button: a GET never unsubscribes
  // (link scanners fetch every URL in a message).
  server.get(
    '/api/unsubscribe/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['communications'],
        summary: 'The unsubscribe page behind the link in list mail (the button POSTs)',
        security: [],
        params: Type.Object({ token: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      await sends.checkUnsubscribeToken(token);
      const page = `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body><form method="post"><p>Stop these messages?</p><button type="submit">Unsubscribe</button></form></body></html>`;
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
    },
  );
}
