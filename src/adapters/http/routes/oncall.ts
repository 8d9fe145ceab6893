// On-call rotations of the plan's three roles: who is on call now, editing, overrides, iCalendar.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { ON_CALL_ROLES } from '../../../domains/oncall/oncall-roles.ts';
import { MAX_ICAL_BYTES } from '../../../domains/oncall/rotation-ical-import.ts';
import { ValidationError } from '../../../domains/errors.ts';
import { DateTime, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const RoleParams = Type.Object({ role: OneOf(ON_CALL_ROLES) }, { additionalProperties: false });
const Person = Type.Object({ id: Type.String(), name: Type.String() });
const HandOver = Type.Union([
  Type.Object({ kind: Type.Literal('daily'), time: Type.String({ pattern: '^\\d\\d:\\d\\d$' }) }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('weekly'), weekday: Type.Integer({ minimum: 1, maximum: 7 }), time: Type.String({ pattern: '^\\d\\d:\\d\\d$' }) },
    { additionalProperties: false },
  ),
]);
const Override = Type.Object({ person: Person, from: DateTime, to: DateTime, reason: Type.Optional(Type.String()) });
const Gap = Type.Object({ from: DateTime, to: DateTime, reason: Type.String() });
const Shift = Type.Object({ person: Person, from: DateTime, to: DateTime, source: OneOf(['rotation', 'override']) });
const RotationView = Type.Object({
  role: OneOf(ON_CALL_ROLES),
  label: Type.String(),
  rotation: Type.Object({
    name: Type.String(),
    timeZone: Type.String(),
    handOver: HandOver,
    startDate: Type.String(),
    participants: Type.Array(Person),
    overrides: Type.Array(Override),
  }),
  onCall: Type.Union([Shift, Type.Null()]),
  gaps: Type.Array(Gap),
});
const OverrideInput = Type.Object(
  {
    userId: Uuid,
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
const RotationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    timeZone: Type.String({ minLength: 1, maxLength: 100 }),
    handOver: HandOver,
    startDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    participants: Type.Array(Uuid, { maxItems: 200 }),
    overrides: Type.Array(OverrideInput, { maxItems: 1000 }),
  },
  { additionalProperties: false },
);

type OverrideBody = { userId: string; from: string; to: string; reason?: string };
const overrideOf = (o: OverrideBody) => ({ userId: o.userId, from: new Date(o.from), to: new Date(o.to), ...(o.reason ? { reason: o.reason } : {}) });

export async function oncallRoutes(server: HttpApp, app: App): Promise<void> {
  const oncall = app.services.oncall;

  server.get(
    '/api/oncall/now',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['oncall'],
        summary: 'Who is on call now for each role, with gaps in cover over the next two weeks',
        response: { 200: Type.Object({ items: Type.Array(RotationView) }) },
      },
    },
    async (request) => ({ items: await oncall.now(contextOf(request)) }),
  );

  server.get(
    '/api/oncall/people',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['oncall'], summary: 'People who can be put on call or handed a role', response: { 200: Type.Object({ items: Type.Array(Person) }) } },
    },
    async (request) => ({ items: await oncall.people(contextOf(request)) }),
  );

  server.get(
    '/api/oncall/rotations/:role',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['oncall'], summary: "One role's rotation, who is on call now and gaps", params: RoleParams, response: { 200: RotationView } },
    },
    async (request) => oncall.rotation(contextOf(request), request.params.role),
  );

  server.put(
    '/api/oncall/rotations/:role',
    {
      config: { access: 'oncall.manage' },
      schema: {
        tags: ['oncall'],
        summary: "Replace a role's rotation (participants in turn order, hand-over, time zone, overrides)",
        params: RoleParams,
        body: RotationBody,
        response: { 200: RotationView },
      },
    },
    async (request) => {
      const body = request.body;
      return oncall.save(contextOf(request), request.params.role, { ...body, overrides: body.overrides.map(overrideOf) });
    },
  );

  server.post(
    '/api/oncall/rotations/:role/overrides',
    {
      config: { access: 'oncall.manage' },
      schema: {
        tags: ['oncall'],
        summary: 'Put someone on call for a while instead of the rotation',
        params: RoleParams,
        body: OverrideInput,
        response: { 201: RotationView },
      },
    },
    async (request, reply) => reply.status(201).send(await oncall.addOverride(contextOf(request), request.params.role, overrideOf(request.body))),
  );

  server.get(
    '/api/oncall/rotations/:role/ical',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['oncall'], summary: "A role's rotation as iCalendar (RFC 5545)", params: RoleParams },
    },
    async (request, reply) => {
      const text = await oncall.exportIcal(contextOf(request), request.params.role);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="oncall-${request.params.role}.ics"`).send(text);
    },
  );

  await server.register(async (scope: HttpApp) => {
    scope.addContentTypeParser('text/calendar', { parseAs: 'string', bodyLimit: MAX_ICAL_BYTES }, (_request, body, done) => done(null, body));
    scope.put(
      '/api/oncall/rotations/:role/ical',
      {
        config: { access: 'oncall.manage' },
        bodyLimit: MAX_ICAL_BYTES,
        schema: {
          tags: ['oncall'],
          summary: "Replace a role's rotation from an iCalendar file exported by secdesk (text/calendar, at most 1 MiB)",
          params: RoleParams,
          response: { 200: RotationView },
        },
      },
      async (request) => {
        if (typeof request.body !== 'string') throw new ValidationError('send the calendar as text/calendar');
        return oncall.importIcal(contextOf(request), request.params.role, request.body);
      },
    );
  });
}
