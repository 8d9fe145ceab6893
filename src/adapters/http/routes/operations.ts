// Admin views of the machinery: the audit log (list, verify, JSON Lines export) and job queues.
import { Readable } from 'node:stream';
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { DateTime, Page, PageQuery } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
});
const Checkpoint = Type.Object({
  seq: Type.Integer(),
  hash: Type.String(),
  entries: Type.Integer(),
  at: Type.String(),
  host: Type.String(),
  keyId: Type.String(),
  signature: Type.String(),
});
const Verification = Type.Object({
  entries: Type.Integer(),
  head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]),
  problem: Type.Union([
    Type.Object({ seq: Type.Integer(), problem: Type.String(), gone: Type.Optional(Type.Integer()), detail: Type.Optional(Type.String()) }),
    Type.Null(),
  ]),
  // The newest signed checkpoint kept outside the database, and the one this verify wrote.
  checkpoint: Type.Optional(Type.Union([Checkpoint, Type.Null()])),
  anchored: Type.Optional(Type.Union([Checkpoint, Type.Null()])),
  warnings: Type.Optional(Type.Array(Type.String())),
});
const Filter = Type.Object(
  {
    ...PageQuery,
    entityType: Type.Optional(Type.String({ maxLength: 100 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export function operationsRoutes(server: HttpApp, app: App): void {
  const operations = app.services.operations;

  server.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: Filter, response: { 200: Page(AuditEntry) } },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const page = await operations.auditLog(contextOf(request), filter, limit ?? 50, cursor ?? null);
      return { items: page.items.map(({ prevHash: _p, hash: _h, ...entry }) => entry), nextCursor: page.nextCursor };
    },
  );

  server.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: "Check the audit log's hash chain", response: { 200: Verification } },
    },
    async (request) => operations.verifyAuditLog(contextOf(request)),
  );

  server.get(
    '/api/audit/export',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: 'The whole audit log as JSON Lines, oldest first, with hashes' },
    },
    async (request, reply) => {
      const entries = operations.exportAuditLog(contextOf(request));
      const lines = Readable.from(
        (async function* () {
          for await (const entry of entries) yield `${JSON.stringify(entry)}\n`;
        })(),
      );
      return reply.type('application/x-ndjson').header('content-disposition', 'attachment; filename="secdesk-audit.jsonl"').send(lines);
    },
  );

  server.get(
    '/api/admin/jobs',
    {
      config: { access: 'jobs.read' },
      schema: {
        tags: ['jobs'],
        summary: 'Job queues and their counts',
        response: {
          200: Type.Object({
            queues: Type.Array(
              Type.Object({
                name: Type.String(),
                queued: Type.Integer(),
                deferred: Type.Integer(),
                active: Type.Integer(),
                failed: Type.Integer(),
                deadLetters: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ queues: await operations.queues(contextOf(request)) }),
  );

  server.get(
    '/api/admin/jobs/dead-letters',
    {
      config: { access: 'jobs.read' },
      schema: {
        tags: ['jobs'],
        summary: 'Jobs that failed every attempt',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                queue: Type.String(),
                originalQueue: Type.String(),
                createdAt: DateTime,
                data: Type.Unknown(),
                error: Type.String(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await operations.deadLetters(contextOf(request)) }),
  );

  server.post(
    '/api/admin/jobs/dead-letters/:queue/:id/retry',
    {
      config: { access: 'jobs.manage' },
      schema: {
        tags: ['jobs'],
        summary: 'Run a dead letter again on its original queue',
        params: Type.Object({ queue: Type.String({ maxLength: 200 }), id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 202: Type.Object({ id: Type.String() }) },
      },
    },
    async (request, reply) => reply.status(202).send(await operations.retryDeadLetter(contextOf(request), request.params.queue, request.params.id)),
  );
}
