// Managing the public status page: components, incident updates (published or drafts) and
// maintenance. The public face is in status-public.ts.
import Type, { type Static } from 'typebox';
import type { App } from '../app-port.ts';
import { renderMarkdown } from '../../../domains/statuspage/render/index.ts';
import { publicIncidentText } from '../../../domains/statuspage/public-text.ts';
import {
  COMPONENT_STATES,
  INCIDENT_UPDATE_STATUSES,
  MAINTENANCE_STATUSES,
  type PublishIncidentUpdateInput,
} from '../../../domains/statuspage/statuspage.types.ts';
import { DateTime, IdParams, NullableDateTime, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { STATUS_UPDATE_BODY_MAX } from '../../../domains/limits.ts';

const strict = { additionalProperties: false } as const;
const access = 'status.publish' as const;
const tags = ['status page'];
const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$', description: 'stable identifier: lower-case letters, digits, dashes' });
const State = OneOf(COMPONENT_STATES);
const Body = Type.String({
  minLength: 1,
  maxLength: STATUS_UPDATE_BODY_MAX,
  description: 'plain text with limited Markdown: paragraphs, "- " lists, **bold**, *emphasis*, `code`, [text](https://…)',
});
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Component = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  group: Nullable(Type.String()),
  position: Type.Integer(),
  state: State,
  createdAt: DateTime,
  updatedAt: DateTime,
});
const componentFields = {
  description: Type.Optional(Type.String({ maxLength: 500 })),
  group: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  state: Type.Optional(State),
};
const ComponentStates = Type.Array(Type.Object({ slug: Type.String(), state: State }));
const Update = Type.Object({
  id: Uuid,
  eventId: Uuid,
  status: Type.String(),
  body: Type.String(),
  componentStates: ComponentStates,
  publishedAt: NullableDateTime,
  publishedBy: Nullable(Type.String()),
  createdAt: DateTime,
  createdBy: Type.String(),
});
const Event = Type.Object({
  id: Uuid,
  kind: OneOf(['incident', 'maintenance']),
  incidentId: Type.Union([Uuid, Type.Null()]),
  title: Type.String(),
  status: Type.String(),
  componentSlugs: Type.Array(Type.String()),
  scheduledFor: NullableDateTime,
  scheduledUntil: NullableDateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
  resolvedAt: NullableDateTime,
  updates: Type.Array(Update),
});
const Published = Type.Object({ url: Type.String(), updateId: Uuid });
const IncidentUpdateBody = Type.Object(
  {
    status: OneOf(INCIDENT_UPDATE_STATUSES),
    body: Body,
    title: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          "the public title: required while the status page incident has none (the incident's internal title is never shown); given later, it renames it",
      }),
    ),
    componentSlugs: Type.Optional(Type.Array(Slug, { maxItems: 100, description: 'affected components (default: those the incident affected before)' })),
    componentState: Type.Optional(State),
  },
  strict,
);
const IncidentParams = Type.Object({ incidentId: Uuid }, strict);

/** The request's text becomes public text here: the title typed for the public, never the incident's own. */
function incidentUpdate(incidentId: string, body: Static<typeof IncidentUpdateBody>): PublishIncidentUpdateInput {
  const { title, body: text, ...rest } = body;
  return { ...rest, incidentId, text: publicIncidentText({ title, body: text }) };
}

export function statusPageRoutes(server: HttpApp, app: App): void {
  const { statusPage, statusComponents } = app.services;

  server.get(
    '/api/statuspage/components',
    {
      config: { access },
      schema: { tags, summary: "The status page's components, in page order", response: { 200: Type.Object({ items: Type.Array(Component) }) } },
    },
    async (request) => ({ items: await statusComponents.list(contextOf(request)) }),
  );

  server.post(
    '/api/statuspage/components',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Add a component',
        body: Type.Object({ slug: Slug, name: Type.String({ minLength: 1, maxLength: 100 }), ...componentFields }, strict),
        response: { 201: Component },
      },
    },
    async (request, reply) => reply.status(201).send(await statusComponents.create(contextOf(request), request.body)),
  );

  server.patch(
    '/api/statuspage/components/:slug',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Change a component (name, description, group, order, state: public at once)',
        params: Type.Object({ slug: Slug }, strict),
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), ...componentFields }, strict),
        response: { 200: Component },
      },
    },
    async (request) => statusComponents.update(contextOf(request), request.params.slug, request.body),
  );

  server.get(
    '/api/statuspage/events',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Status page incidents and maintenance with every update, drafts included, newest first',
        response: { 200: Type.Object({ items: Type.Array(Event) }) },
      },
    },
    async (request) => ({ items: await statusPage.list(contextOf(request)) }),
  );

  server.get(
    '/api/statuspage/events/:id',
    {
      config: { access },
      schema: { tags, summary: 'One status page incident or maintenance', params: IdParams, response: { 200: Event } },
    },
    async (request) => statusPage.get(contextOf(request), request.params.id),
  );

  server.post(
    '/api/statuspage/incidents/:incidentId/updates',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Publish an update about an incident (never a restricted one) on the public page; subscribers are notified',
        params: IncidentParams,
        body: IncidentUpdateBody,
        response: { 201: Published },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await statusPage.publishIncidentUpdate(contextOf(request), incidentUpdate(request.params.incidentId, request.body))),
  );

  server.post(
    '/api/statuspage/incidents/:incidentId/drafts',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Save an update about an incident as a draft (shown nowhere public)',
        params: IncidentParams,
        body: IncidentUpdateBody,
        response: { 201: Update },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await statusPage.draftIncidentUpdate(contextOf(request), incidentUpdate(request.params.incidentId, request.body))),
  );

  server.post(
    '/api/statuspage/updates/:id/publish',
    {
      config: { access },
      schema: { tags, summary: 'Publish a draft update', params: IdParams, response: { 200: Published } },
    },
    async (request) => statusPage.publishDraft(contextOf(request), request.params.id),
  );

  server.post(
    '/api/statuspage/maintenance',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Schedule maintenance: published at once with its first update (status scheduled)',
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 200 }),
            body: Body,
            scheduledFor: Type.String({ format: 'date-time' }),
            scheduledUntil: Type.String({ format: 'date-time' }),
            componentSlugs: Type.Array(Slug, { maxItems: 100 }),
          },
          strict,
        ),
        response: { 201: Published },
      },
    },
    async (request, reply) => {
      const { scheduledFor, scheduledUntil, ...rest } = request.body;
      return reply
        .status(201)
        .send(
          await statusPage.scheduleMaintenance(contextOf(request), { ...rest, scheduledFor: new Date(scheduledFor), scheduledUntil: new Date(scheduledUntil) }),
        );
    },
  );

  server.post(
    '/api/statuspage/maintenance/:id/updates',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Publish an update on a maintenance (in progress: its components show under maintenance; completed: operational)',
        params: IdParams,
        body: Type.Object({ status: OneOf(MAINTENANCE_STATUSES), body: Body, componentState: Type.Optional(State) }, strict),
        response: { 201: Published },
      },
    },
    async (request, reply) => reply.status(201).send(await statusPage.publishMaintenanceUpdate(contextOf(request), request.params.id, request.body)),
  );

  server.post(
    '/api/statuspage/preview',
    {
      config: { access },
      schema: {
        tags,
        summary: 'An update body as the public page will show it (escaped HTML)',
        body: Type.Object({ body: Body }, strict),
        response: { 200: Type.Object({ html: Type.String() }) },
      },
    },
    async (request) => ({ html: renderMarkdown(request.body.body) }),
  );
}
