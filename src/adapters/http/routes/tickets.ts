// The security inbox: tickets and their messages.
import Type from 'typebox';
import { encodeExtended } from 'content-disposition';
import type { App } from '../app-port.ts';
import { MAIL_HTML_CSP, mailHtmlDocument } from '../../mail/sanitise-html.ts';
import { DISPOSITIONS, TICKET_STATUSES, TICKET_VIEWS } from '../../../domains/tickets/tickets.types.ts';
import { MAX_TAG_LENGTH, MAX_TAGS } from '../../../domains/tickets/tags.ts';
import { DateTime, IdParams, OneOf, NullableDateTime, Page, PageQuery, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { DispositionPlan, DispositionRequest, knownKind } from './disposition-schemas.ts';
import { TriageSuggestion } from './triage.ts';
import { MAIL_BODY_MAX } from '../../../domains/limits.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const Sla = Type.Object({
  state: OneOf(['none', 'running', 'at_risk', 'breached', 'paused', 'handled']),
  dueAt: NullableDateTime,
  businessMsLeft: Type.Union([Type.Number(), Type.Null()]),
  timeZone: Type.String({ description: "the team calendar's time zone" }),
  pause: Type.Union(
    [
      Type.Object({
        reason: OneOf(['weekend', 'holiday', 'closure', 'pending']),
        holiday: Type.Union([Type.String(), Type.Null()]),
        resumesAt: NullableDateTime,
        explanation: Type.String(),
      }),
      Type.Null(),
    ],
    { description: 'why business time is not counting now and when it resumes; null while it counts' },
  ),
});

const TicketSummary = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  subject: Type.String(),
  status: OneOf(TICKET_STATUSES),
  requester: Type.Object({ email: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  organisation: Type.Union([Type.String(), Type.Null()]),
  assignee: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  disposition: Type.Union([OneOf(DISPOSITIONS), Type.Null()]),
  tags: Type.Array(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  statusChangedAt: DateTime,
  slaDueAt: NullableDateTime,
  firstHandledAt: NullableDateTime,
  slaPausedSince: NullableDateTime,
  messageCount: Type.Integer(),
  sla: Sla,
});

const TicketQuery = Type.Object(
  {
    ...PageQuery,
    view: Type.Optional(OneOf(TICKET_VIEWS)),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(OneOf(TICKET_STATUSES)),
    disposition: Type.Optional(OneOf([...DISPOSITIONS, 'none'])),
    assignee: Type.Optional(Type.Union([Uuid, OneOf(['me', 'none'])])),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TAG_LENGTH })),
  },
  { additionalProperties: false },
);

const TicketPatch = Type.Object(
  {
    status: Type.Optional(OneOf(TICKET_STATUSES)),
    assigneeId: Type.Optional(Nullable(Uuid)),
    disposition: Type.Optional(Nullable(OneOf(DISPOSITIONS))),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: MAX_TAGS * 2 })),
    requesterName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    organisation: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

const HistoryEntry = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  actorLabel: Type.String(),
  action: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

const Message = Type.Object({
  id: Type.String(),
  direction: OneOf(['inbound', 'outbound', 'note']),
  from: Type.String(),
  to: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  bodyText: Type.String(),
  createdAt: DateTime,
  delivery: Type.Union([Type.Object({ status: OneOf(['queued', 'sent', 'failed']), error: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  hasHtml: Type.Boolean(),
  parseWarning: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(
    Type.Object({
      id: Type.String(),
      filename: Type.String(),
      contentType: Type.String({ description: 'as the sender declared it; never trusted' }),
      size: Type.Integer(),
      sha256: Type.String(),
      withheldReason: Type.Union([Type.String(), Type.Null()], { description: 'why the contents were not kept (a size or count cap)' }),
    }),
  ),
  template: Type.Union([Type.Object({ key: Type.String(), version: Type.Integer() }), Type.Null()], {
    description: 'the template (and its version) the mail was written from',
  }),
  attachedRawSha256: Type.Union([Type.String(), Type.Null()], { description: 'a forward: the original message attached (SHA-256 of its raw bytes)' }),
});

export function ticketRoutes(server: HttpApp, app: App): void {
  const tickets = app.services.tickets;
  messageContentRoutes(server, app);

  server.get(
    '/api/tickets',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary:
          'List tickets newest first: a view (unassigned, mine, sla_at_risk, breached), full-text search over subject, bodies and requester, and filters',
        querystring: TicketQuery,
        response: { 200: Page(TicketSummary) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return tickets.list(contextOf(request), filter, limit ?? 50, cursor ?? null);
    },
  );

  server.get(
    '/api/tickets/views',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'How many tickets each view holds, and tickets per disposition',
        response: { 200: Type.Object({ views: Type.Record(Type.String(), Type.Integer()), dispositions: Type.Record(Type.String(), Type.Integer()) }) },
      },
    },
    async (request) => tickets.counts(contextOf(request)),
  );

  server.get(
    '/api/tickets/assignees',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'Who tickets can be assigned to (enabled users holding tickets.write)',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })) }) },
      },
    },
    async (request) => ({ items: await tickets.agents(contextOf(request)) }),
  );

  server.get(
    '/api/tickets/:id',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'One ticket with its messages and its triage suggestion',
        params: IdParams,
        response: {
          200: Type.Intersect([
            TicketSummary,
            Type.Object({ messages: Type.Array(Message), suggestion: Type.Optional(Type.Union([TriageSuggestion, Type.Null()])) }),
          ]),
        },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return { ...(await tickets.get(ctx, request.params.id)), suggestion: await app.services.triage.view(ctx, request.params.id) };
    },
  );

  server.patch(
    '/api/tickets/:id',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['tickets'],
        summary: "Change status (by the lifecycle's transitions), assignee, disposition, tags, requester name or organisation",
        params: IdParams,
        body: TicketPatch,
        response: { 200: Type.Intersect([TicketSummary, Type.Object({ messages: Type.Array(Message) })]) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      await app.services.ticketChanges.update(ctx, request.params.id, request.body);
      return tickets.get(ctx, request.params.id);
    },
  );

  server.post(
    '/api/tickets/:id/notes',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['tickets'],
        summary: 'Add an internal note (never mailed, not in the search index)',
        params: IdParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (request, reply) => reply.status(201).send(await app.services.ticketChanges.addNote(contextOf(request), request.params.id, request.body.body)),
  );

  server.get(
    '/api/tickets/:id/history',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: "The ticket's history, oldest first, from the audit log",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(HistoryEntry) }) },
      },
    },
    async (request) => ({ items: await tickets.history(contextOf(request), request.params.id) }),
  );

  server.post(
    '/api/tickets/:id/replies',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['tickets'],
        summary: 'Reply to the requester by mail (plain text; sent by a durable job)',
        params: IdParams,
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: MAIL_BODY_MAX }), status: Type.Optional(OneOf(['open', 'pending', 'solved'])) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ messageId: Type.String() }) },
      },
    },
    async (request, reply) => reply.status(202).send(await app.services.replies.reply(contextOf(request), request.params.id, request.body)),
  );

  server.post(
    '/api/tickets/:id/disposition/preview',
    {
      config: { access: 'tickets.write' },
      preValidation: knownKind,
      schema: {
        tags: ['tickets'],
        summary: 'The mail a disposition would send, rendered for this ticket; nothing is sent or recorded',
        params: IdParams,
        body: DispositionRequest,
        response: { 200: DispositionPlan },
      },
    },
    async (request) => app.services.dispositions.preview(contextOf(request), request.params.id, request.body),
  );

  server.post(
    '/api/tickets/:id/disposition',
    {
      config: { access: 'tickets.write' },
      preValidation: knownKind,
      schema: {
        tags: ['tickets'],
        summary:
          'Handle the ticket by a disposition: record it, queue the mail (and for account support the forward with the original attached) and solve the ticket, all or nothing',
        params: IdParams,
        body: DispositionRequest,
        response: { 202: Type.Intersect([DispositionPlan, Type.Object({ messageIds: Type.Array(Type.String()), engagementId: Type.Optional(Uuid) })]) },
      },
    },
    async (request, reply) => reply.status(202).send(await app.services.dispositions.handle(contextOf(request), request.params.id, request.body)),
  );
}

/** Always a download: an ASCII-only fallback name and the exact name in RFC 8187 encoding. */
function attachmentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._ -]/g, '_')}"; filename*=${encodeExtended(filename)}`;
}

// A stranger's HTML and files: never rendered by the app itself, each with headers that stop the
// browser from running, sniffing or framing them anywhere else.
function messageContentRoutes(server: HttpApp, app: App): void {
  const content = app.services.messageContent;

  server.get(
    '/api/tickets/:id/messages/:messageId/html',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: "A message's HTML part, sanitised, as a document for a sandboxed frame (no scripts, no remote content)",
        params: Type.Object({ id: Uuid, messageId: Uuid }, { additionalProperties: false }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const raw = await content.rawHtml(contextOf(request), request.params.id, request.params.messageId);
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', MAIL_HTML_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('x-frame-options', 'SAMEORIGIN')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'private, no-store')
        .send(mailHtmlDocument(raw));
    },
  );

  server.get(
    '/api/tickets/:id/attachments/:attachmentId',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['tickets'],
        summary: 'Download an attachment (always as a file, never shown inline; audited)',
        params: Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false }),
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const file = await content.downloadAttachment(contextOf(request), request.params.id, request.params.attachmentId);
      return reply
        .type('application/octet-stream')
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('content-security-policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
        .header('x-content-type-options', 'nosniff')
        .header('x-secdesk-sha256', file.sha256)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
    },
  );
}
