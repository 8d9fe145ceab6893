// Subject-matter teams (admin) and the engagements the inbox opens with them.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { DateTime, IdParams, NullableDateTime, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const strict = { additionalProperties: false } as const;
const Url = Type.String({ pattern: '^https?://', maxLength: 500 });

const TrackerInput = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('gitlab'),
        baseUrl: Url,
        projectId: Type.String({ minLength: 1, maxLength: 200 }),
        token: Type.Optional(
          Type.String({ minLength: 1, maxLength: 500, description: 'stored, never shown again; leave out on a change to keep the stored one' }),
        ),
      },
      strict,
    ),
    Type.Object(
      {
        kind: Type.Literal('jira'),
        baseUrl: Url,
        projectKey: Type.String({ minLength: 1, maxLength: 20 }),
        email: Type.String({ minLength: 3, maxLength: 254 }),
        apiToken: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'stored, never shown again' })),
      },
      strict,
    ),
    Type.Null(),
  ],
  { description: "the team's GitLab or Jira project for engagement issues (null: none)" },
);

const TrackerView = Type.Union([
  Type.Object({ kind: Type.Literal('gitlab'), baseUrl: Type.String(), projectId: Type.String(), hasToken: Type.Boolean() }),
  Type.Object({ kind: Type.Literal('jira'), baseUrl: Type.String(), projectKey: Type.String(), email: Type.String(), hasToken: Type.Boolean() }),
  Type.Null(),
]);

const Team = Type.Object({
  id: Uuid,
  name: Type.String(),
  ownerId: Type.Union([Uuid, Type.Null()]),
  ownerEmail: Type.Union([Type.String(), Type.Null()]),
  notifyAddress: Type.Union([Type.String(), Type.Null()]),
  cadenceHours: Type.Integer(),
  tracker: TrackerView,
});

const teamFields = {
  ownerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  notifyAddress: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  cadenceHours: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 2160, description: 'how often the requester is owed an update, in hours (72 = every 3 days)' }),
  ),
  tracker: Type.Optional(TrackerInput),
};

const Engagement = Type.Object({
  id: Uuid,
  ticketId: Uuid,
  ticketNumber: Type.Integer(),
  ticketSubject: Type.String(),
  ticketStatus: Type.String(),
  teamId: Uuid,
  teamName: Type.String(),
  ownerId: Type.Union([Uuid, Type.Null()]),
  state: OneOf(['open', 'answered', 'closed']),
  question: Type.String(),
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredBy: Type.Union([Type.String(), Type.Null()]),
  answeredAt: NullableDateTime,
  nextUpdateDue: NullableDateTime,
  issue: Type.Object({
    state: OneOf(['none', 'pending', 'created', 'failed']),
    ref: Type.Union([Type.String(), Type.Null()]),
    url: Type.Union([Type.String(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  }),
  createdAt: DateTime,
  closedAt: NullableDateTime,
});

export function teamRoutes(server: HttpApp, app: App): void {
  const { teams, engagements } = app.services;

  server.get(
    '/api/teams',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['teams'],
        summary: 'Subject-matter teams a ticket can be engaged with (tracker tokens are never shown)',
        response: { 200: Type.Object({ items: Type.Array(Team) }) },
      },
    },
    async (request) => ({ items: await teams.list(contextOf(request)) }),
  );

  server.post(
    '/api/teams',
    {
      config: { access: 'teams.manage' },
      schema: {
        tags: ['teams'],
        summary: 'Add a team',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80 }), ...teamFields }, strict),
        response: { 201: Team },
      },
    },
    async (request, reply) => reply.status(201).send(await teams.create(contextOf(request), request.body)),
  );

  server.patch(
    '/api/teams/:id',
    {
      config: { access: 'teams.manage' },
      schema: {
        tags: ['teams'],
        summary: 'Change a team (a tracker without its token keeps the stored token)',
        params: IdParams,
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })), ...teamFields }, strict),
        response: { 200: Team },
      },
    },
    async (request) => teams.update(contextOf(request), request.params.id, request.body),
  );

  server.get(
    '/api/engagements',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['engagements'],
        summary: 'Engagements not yet closed, oldest first, with their team and issue',
        response: { 200: Type.Object({ items: Type.Array(Engagement) }) },
      },
    },
    async (request) => ({ items: await engagements.list(contextOf(request)) }),
  );

  server.get(
    '/api/engagements/:id',
    {
      config: { access: 'tickets.read' },
      schema: { tags: ['engagements'], summary: 'One engagement, with its ticket', params: IdParams, response: { 200: Engagement } },
    },
    async (request) => engagements.get(contextOf(request), request.params.id),
  );

  server.get(
    '/api/tickets/:id/engagements',
    {
      config: { access: 'tickets.read' },
      schema: {
        tags: ['engagements'],
        summary: "A ticket's engagements, newest first",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Engagement) }) },
      },
    },
    async (request) => ({ items: await engagements.forTicket(contextOf(request), request.params.id) }),
  );

  server.post(
    '/api/engagements/:id/answer',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['engagements'],
        summary: "Record the team's answer; the ticket offers it as the reply that solves it",
        params: IdParams,
        body: Type.Object({ answer: Type.String({ minLength: 1, maxLength: 100_000 }) }, strict),
        response: { 200: Engagement },
      },
    },
    async (request) => engagements.answer(contextOf(request), request.params.id, request.body.answer),
  );

  server.post(
    '/api/engagements/:id/issue/retry',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['engagements'],
        summary: "Queue the creation of the engagement's issue again (after its tracker settings were fixed)",
        params: IdParams,
        response: { 202: Engagement },
      },
    },
    async (request, reply) => reply.status(202).send(await engagements.retryIssue(contextOf(request), request.params.id)),
  );
}
