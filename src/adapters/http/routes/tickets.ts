// The security inbox: tickets and their messages.
import Type from 'typebox';
import type { App } from '../../../app/app.ts';
import { DISPOSITIONS, TICKET_STATUSES } from '../../../domains/tickets/tickets.types.ts';
import { DateTime, IdParams, OneOf, NullableDateTime, Page, PageQuery } from '../schemas.ts';
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
});

export function ticketRoutes(server: HttpApp, app: App): void {
  const tickets = app.services.tickets;

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
