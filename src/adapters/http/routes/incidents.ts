// Security incidents.
import Type from 'typebox';
import type { App } from '../../../app/app.ts';
import { INCIDENT_STATUSES, INCIDENT_TYPES } from '../../../domains/incidents/incidents.types.ts';
import { DateTime, IdParams, OneOf, Page, PageQuery } from '../schemas.ts';
import { contextOf, type HttpApp } from '../server.ts';

const Level = Type.Integer({ minimum: 1, maximum: 5 });

const IncidentSummary = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  type: Type.String(),
  status: OneOf(INCIDENT_STATUSES),
  impact: Type.Integer(),
  likelihood: Type.Integer(),
  risk: Type.Object({ score: Type.Integer(), level: Type.String(), label: Type.String() }),
  commsPlanApplies: Type.Boolean(),
  visibility: OneOf(['normal', 'restricted']),
  declaredAt: DateTime,
  updatedAt: DateTime,
});
const Incident = Type.Intersect([
  IncidentSummary,
  Type.Object({
    description: Type.String(),
    timeline: Type.Array(Type.Object({ id: Type.String(), at: DateTime, kind: Type.String(), summary: Type.String(), actorLabel: Type.String() })),
  }),
]);

export function incidentRoutes(server: HttpApp, app: App): void {
  const incidents = app.services.incidents;

  server.get('/api/incidents', {
    config: { access: 'incidents.read' },
    schema: {
      tags: ['incidents'], summary: 'List incidents, newest first',
      querystring: Type.Object({ ...PageQuery, status: Type.Optional(OneOf(INCIDENT_STATUSES)) }, { additionalProperties: false }),
      response: { 200: Page(IncidentSummary) },
    },
  }, async (request) => incidents.list(contextOf(request), request.query.status, request.query.limit ?? 50, request.query.cursor ?? null));

  server.get('/api/incidents/:id', {
    config: { access: 'incidents.read' },
    schema: { tags: ['incidents'], summary: 'One incident with its timeline', params: IdParams, response: { 200: Incident } },
  }, async (request) => incidents.get(contextOf(request), request.params.id));

  server.post('/api/incidents', {
    config: { access: 'incidents.write' },
    schema: {
      tags: ['incidents'], summary: 'Declare an incident',
      body: Type.Object({
        title: Type.String({ minLength: 1, maxLength: 200 }),
        description: Type.String({ maxLength: 20_000 }),
        type: OneOf(INCIDENT_TYPES),
        impact: Level,
        likelihood: Level,
        visibility: Type.Optional(OneOf(['normal', 'restricted'])),
      }, { additionalProperties: false }),
      response: { 201: Incident },
    },
  }, async (request, reply) => {
    const body = request.body as { title: string; description: string; type: string; impact: number; likelihood: number; visibility?: 'normal' | 'restricted' };
    return reply.status(201).send(await incidents.declare(contextOf(request), body));
  });
}
