// Security incidents: declaring, changing, the timeline, engagements and status updates.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { INCIDENT_STATUSES } from '../../../domains/incidents/incidents.types.ts';
import { IdParams, OneOf, Page, PageQuery, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import {
  DeclareClassification,
  FactsInput,
  Incident,
  IncidentSummary,
  IncidentTypeId,
  Level,
  Preview,
  PreviewBody,
  RiskMatrix,
  StatusUpdate,
  StatusUpdateFields,
  TimelineEvent,
} from './incident-schemas.ts';

const DeclareBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 20_000 }),
    ...DeclareClassification,
  },
  { additionalProperties: false },
);

const ChangeBody = Type.Object(
  {
    impact: Type.Optional(Level),
    likelihood: Type.Optional(Level),
    type: Type.Optional(IncidentTypeId),
    status: Type.Optional(OneOf(INCIDENT_STATUSES)),
    facts: Type.Optional(FactsInput),
  },
  { additionalProperties: false },
);

export function incidentRoutes(server: HttpApp, app: App): void {
  const incidents = app.services.incidents;
  const updates = app.services.incidentUpdates;

  server.get(
    '/api/incidents',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: 'List incidents, newest first',
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(OneOf(INCIDENT_STATUSES)) }, { additionalProperties: false }),
        response: { 200: Page(IncidentSummary) },
      },
    },
    async (request) => incidents.list(contextOf(request), request.query.status, request.query.limit ?? 50, request.query.cursor ?? null),
  );

  server.get(
    '/api/incidents/:id',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['incidents'], summary: 'One incident with its facts, engagements and timeline', params: IdParams, response: { 200: Incident } },
    },
    async (request) => incidents.get(contextOf(request), request.params.id),
  );

  server.post(
    '/api/incidents',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Declare an incident (stakeholder groups whose rule holds are engaged)',
        body: DeclareBody,
        response: { 201: Incident },
      },
    },
    async (request, reply) => {
      const body = request.body;
      return reply.status(201).send(await incidents.declare(contextOf(request), body));
    },
  );

  server.get(
    '/api/risk-matrix',
    {
      config: { access: 'signed-in', tokenScope: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: 'The risk matrix: impact and likelihood labels, the levels their product falls into and from which level the communications plan applies',
        response: { 200: RiskMatrix },
      },
    },
    async () => {
      const { impactLabels, likelihoodLabels, levels } = app.services.riskMatrix;
      return { impactLabels: [...impactLabels], likelihoodLabels: [...likelihoodLabels], levels: levels.map((l) => ({ ...l })) };
    },
  );

  server.post(
    '/api/incidents/preview',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: 'Which stakeholder groups a draft set of facts would engage, by whom, how often and where',
        body: PreviewBody,
        response: { 200: Preview },
      },
    },
    async (request) => app.services.stakeholderRules.preview(contextOf(request), request.body),
  );

  server.patch(
    '/api/incidents/:id',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Change facts, impact, likelihood, type or status (each change on the timeline)',
        params: IdParams,
        body: ChangeBody,
        response: { 200: Incident },
      },
    },
    async (request) => incidents.change(contextOf(request), request.params.id, request.body),
  );

  server.post(
    '/api/incidents/:id/notes',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Add a note with its own event time, or a correction of an earlier entry',
        params: IdParams,
        body: Type.Object(
          { at: Type.String({ format: 'date-time' }), text: Type.String({ minLength: 1, maxLength: 5000 }), corrects: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 201: TimelineEvent },
      },
    },
    async (request, reply) => {
      const body = request.body;
      return reply.status(201).send(
        await incidents.addNote(contextOf(request), request.params.id, {
          at: new Date(body.at),
          text: body.text,
          ...(body.corrects ? { corrects: body.corrects } : {}),
        }),
      );
    },
  );

  server.get(
    '/api/incidents/:id/timeline/export',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: 'The timeline as JSON Lines or Markdown',
        params: IdParams,
        querystring: Type.Object({ format: Type.Optional(OneOf(['jsonl', 'markdown'])) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'jsonl';
      const text = await incidents.exportTimeline(contextOf(request), request.params.id, format);
      const [type, ext] = format === 'jsonl' ? ['application/jsonl', 'jsonl'] : ['text/markdown', 'md'];
      return reply.type(`${type}; charset=utf-8`).header('content-disposition', `attachment; filename="incident-timeline.${ext}"`).send(text);
    },
  );

  server.get(
    '/api/incidents/:id/updates',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: 'Status updates, oldest first, each with what changed',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(StatusUpdate) }) },
      },
    },
    async (request) => ({ items: await updates.history(contextOf(request), request.params.id) }),
  );

  server.get(
    '/api/incidents/:id/updates/draft',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: 'The next status update, prefilled from the last one and the timeline',
        params: IdParams,
        response: { 200: Type.Object({ ...StatusUpdateFields.properties, noChangeSince: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request) => {
      const draft = await updates.draft(contextOf(request), request.params.id);
      return { ...draft, noChangeSince: draft.noChangeSince?.toISOString() ?? null };
    },
  );

  server.post(
    '/api/incidents/:id/updates',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Publish a status update (resets the cadence of the groups it reached)',
        params: IdParams,
        body: Type.Object(
          { ...StatusUpdateFields.properties, engagementIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })) },
          { additionalProperties: false },
        ),
        response: { 201: StatusUpdate },
      },
    },
    async (request, reply) => {
      const { engagementIds, ...fields } = request.body;
      return reply.status(201).send(await updates.publish(contextOf(request), request.params.id, { fields, ...(engagementIds ? { engagementIds } : {}) }));
    },
  );

  server.post(
    '/api/incidents/:id/engagements/:engagementId/snooze',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Snooze the next update to an engaged group (30, 60 or 120 minutes, with a reason)',
        params: Type.Object({ id: Uuid, engagementId: Uuid }, { additionalProperties: false }),
        body: Type.Object(
          { minutes: Type.Union([Type.Literal(30), Type.Literal(60), Type.Literal(120)]), reason: Type.String({ minLength: 1, maxLength: 500 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { id, engagementId } = request.params;
      await updates.snooze(contextOf(request), id, engagementId, request.body);
      return reply.status(204).send();
    },
  );
}
