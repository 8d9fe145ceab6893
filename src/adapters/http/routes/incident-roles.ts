// An incident's role holders and responders, declaring from a ticket, the incident types list and
// the post-incident review.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { ON_CALL_ROLES } from '../../../domains/oncall/oncall-roles.ts';
import { IdParams, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { DeclareClassification, Incident, IncidentTypeId } from './incident-schemas.ts';

const RoleParams = Type.Object({ id: Uuid, role: OneOf(ON_CALL_ROLES) }, { additionalProperties: false });
const IncidentType = Type.Object({ id: IncidentTypeId, label: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
const FromTicketBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    ...DeclareClassification,
  },
  { additionalProperties: false },
);

export function incidentRoleRoutes(server: HttpApp, app: App): void {
  const roles = app.services.incidentRoles;

  server.post(
    '/api/incidents/:id/roles/:role/handover',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Hand a role over to a named person (on the timeline and the audit log; they are paged)',
        params: RoleParams,
        body: Type.Object({ to: Uuid, note: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { id, role } = request.params;
      await roles.handOver(contextOf(request), id, role, request.body);
      return reply.status(204).send();
    },
  );

  server.post(
    '/api/incidents/:id/roles/:role/engage',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Engage a role now: fill it from its rotation and page the person on call',
        params: RoleParams,
        response: { 200: Type.Object({ userId: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const { id, role } = request.params;
      return roles.engage(contextOf(request), id, role);
    },
  );

  server.post(
    '/api/incidents/:id/responders',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Name a responder (who sees the incident when it is restricted)',
        params: IdParams,
        body: Type.Object({ userId: Uuid }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await roles.addResponder(contextOf(request), request.params.id, request.body.userId);
      return reply.status(204).send();
    },
  );

  server.delete(
    '/api/incidents/:id/responders/:userId',
    {
      config: { access: 'incidents.write' },
      schema: { tags: ['incidents'], summary: 'Remove a named responder', params: Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      await roles.removeResponder(contextOf(request), id, userId);
      return reply.status(204).send();
    },
  );

  server.get(
    '/api/incidents/:id/review.md',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['incidents'], summary: 'The post-incident review document, generated from the incident, as Markdown', params: IdParams },
    },
    async (request, reply) => {
      const text = await app.services.incidents.review(contextOf(request), request.params.id);
      return reply.type('text/markdown; charset=utf-8').header('content-disposition', 'attachment; filename="post-incident-review.md"').send(text);
    },
  );

  server.post(
    '/api/tickets/:id/incident',
    {
      config: { access: 'incidents.write', alsoRequires: 'tickets.read' },
      schema: {
        tags: ['incidents'],
        summary: 'Declare an incident from a ticket (its subject and requester as context; linked both ways)',
        params: IdParams,
        body: FromTicketBody,
        response: { 201: Incident },
      },
    },
    async (request, reply) => {
      const body = request.body;
      return reply.status(201).send(await app.services.incidentTickets.declareFromTicket(contextOf(request), request.params.id, body));
    },
  );

  server.get(
    '/api/tickets/:id/incidents',
    {
      config: { access: 'incidents.read', alsoRequires: 'tickets.read' },
      schema: {
        tags: ['incidents'],
        summary: 'The incidents declared from a ticket that you may see',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), number: Type.Integer(), title: Type.String(), status: Type.String() })) }),
        },
      },
    },
    async (request) => ({ items: await app.services.incidentTickets.ofTicket(contextOf(request), request.params.id) }),
  );

  server.get(
    '/api/incident-types',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['incidents'], summary: 'The incident types, in order', response: { 200: Type.Object({ items: Type.Array(IncidentType) }) } },
    },
    async (request) => ({ items: await app.services.incidentTypes.list(contextOf(request)) }),
  );

  server.put(
    '/api/incident-types',
    {
      config: { access: 'incident_types.manage' },
      schema: {
        tags: ['incidents'],
        summary: 'Replace the list of incident types (a type in use cannot be removed)',
        body: Type.Object({ items: Type.Array(IncidentType, { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(IncidentType) }) },
      },
    },
    async (request) => ({ items: await app.services.incidentTypes.replace(contextOf(request), request.body.items) }),
  );
}
