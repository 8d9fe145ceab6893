// The security inbox: tickets and their messages.
import Type from 'typebox';
import { encodeExtended } from 'content-disposition';
import type { App } from '../../../app/app.ts';
import { MAIL_HTML_CSP, mailHtmlDocument } from '../../mail/sanitise-html.ts';
import { DISPOSITIONS, TICKET_STATUSES } from '../../../domains/tickets/tickets.types.ts';
import { DateTime, IdParams, OneOf, NullableDateTime, Page, PageQuery, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../server.ts';


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
  slaDueAt: NullableDateTime,
  messageCount: Type.Integer(),
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
  attachments: Type.Array(Type.Object({
    id: Type.String(),
    filename: Type.String(),
    contentType: Type.String({ description: 'as the sender declared it; never trusted' }),
    size: Type.Integer(),
    sha256: Type.String(),
    withheldReason: Type.Union([Type.String(), Type.Null()], { description: 'why the contents were not kept (a size or count cap)' }),
  })),
});

export function ticketRoutes(server: HttpApp, app: App): void {
  const tickets = app.services.tickets;
  messageContentRoutes(server, app);

  server.get('/api/tickets', {
    config: { access: 'tickets.read' },
    schema: {
      tags: ['tickets'], summary: 'List tickets, newest first; q searches subject, bodies and requester',
      querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200 })), status: Type.Optional(OneOf(TICKET_STATUSES)) }, { additionalProperties: false }),
      response: { 200: Page(TicketSummary) },
    },
  }, async (request) => {
    const { q, status, limit, cursor } = request.query;
    return tickets.list(contextOf(request), { q, status }, limit ?? 50, cursor ?? null);
  });

  server.get('/api/tickets/:id', {
    config: { access: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'One ticket with its messages', params: IdParams, response: { 200: Type.Intersect([TicketSummary, Type.Object({ messages: Type.Array(Message) })]) } },
  }, async (request) => tickets.get(contextOf(request), request.params.id));

  server.post('/api/tickets/:id/replies', {
    config: { access: 'tickets.write' },
    schema: {
      tags: ['tickets'], summary: 'Reply to the requester by mail (plain text; sent by a durable job)', params: IdParams,
      body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 200_000 }), status: Type.Optional(OneOf(['open', 'pending', 'solved'])) }, { additionalProperties: false }),
      response: { 202: Type.Object({ messageId: Type.String() }) },
    },
  }, async (request, reply) => reply.status(202).send(await app.services.replies.reply(contextOf(request), request.params.id, request.body)));
}

/** Always a download: an ASCII-only fallback name and the exact name in RFC 8187 encoding. */
function attachmentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._ -]/g, '_')}"; filename*=${encodeExtended(filename)}`;
}

// A stranger's HTML and files: never rendered by the app itself, each with headers that stop the
// browser from running, sniffing or framing them anywhere else.
function messageContentRoutes(server: HttpApp, app: App): void {
  const content = app.services.messageContent;

  server.get('/api/tickets/:id/messages/:messageId/html', {
    config: { access: 'tickets.read' },
    schema: {
      tags: ['tickets'], summary: 'A message\'s HTML part, sanitised, as a document for a sandboxed frame (no scripts, no remote content)',
      params: Type.Object({ id: Uuid, messageId: Uuid }, { additionalProperties: false }),
      produces: ['text/html'],
    },
  }, async (request, reply) => {
    const raw = await content.rawHtml(contextOf(request), request.params.id, request.params.messageId);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', MAIL_HTML_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'SAMEORIGIN')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'private, no-store')
      .send(mailHtmlDocument(raw));
  });

  server.get('/api/tickets/:id/attachments/:attachmentId', {
    config: { access: 'tickets.read' },
    schema: {
      tags: ['tickets'], summary: 'Download an attachment (always as a file, never shown inline; audited)',
      params: Type.Object({ id: Uuid, attachmentId: Uuid }, { additionalProperties: false }),
      produces: ['application/octet-stream'],
    },
  }, async (request, reply) => {
    const file = await content.downloadAttachment(contextOf(request), request.params.id, request.params.attachmentId);
    return reply
      .type('application/octet-stream')
      .header('content-disposition', attachmentDisposition(file.filename))
      .header('content-security-policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
      .header('x-content-type-options', 'nosniff')
      .header('x-secdesk-sha256', file.sha256)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
  });
}
