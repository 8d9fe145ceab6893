// Regulatory clocks on an incident: the list with due, remaining and overdue; marking one met or
// not applicable; the time the team became aware (from which most clocks count).
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { DateTime, IdParams, NullableDateTime, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);

const RegulatoryClock = Type.Object({
  id: Type.String(),
  incidentId: Type.String(),
  clockId: Type.String({ description: 'the configured clock, e.g. gdpr_art33' }),
  name: Type.String(),
  note: Type.String(),
  because: Type.String({ description: 'the condition that started it, in words' }),
  from: OneOf(['awareness', 'declared'] as const),
  span: Type.String({ description: 'e.g. "72 hours", "4 business days"' }),
  owner: Type.String(),
  ownerLabel: Type.String(),
  startedAt: DateTime,
  dueAt: DateTime,
  state: OneOf(['running', 'met', 'not_applicable'] as const),
  remainingMs: Type.Union([Type.Number(), Type.Null()], { description: 'until the deadline, negative once passed; null once stopped' }),
  overdue: Type.Boolean(),
  metLate: Type.Boolean(),
  metAt: NullableDateTime,
  reference: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  closedBy: Nullable(Type.String()),
  closedAt: NullableDateTime,
});

const ClocksOfIncident = Type.Object({
  timeZone: Type.String(),
  now: DateTime,
  declaredAt: DateTime,
  awareAt: DateTime,
  awareAtSet: Type.Boolean(),
  clocks: Type.Array(RegulatoryClock),
});

const ClockParams = Type.Object({ id: Uuid, clockId: Uuid }, { additionalProperties: false });

export function regulatoryClockRoutes(server: HttpApp, app: App): void {
  const clocks = app.services.regulatoryClocks;

  server.get(
    '/api/incidents/:id/regulatory-clocks',
    {
      config: { access: 'incidents.read' },
      schema: {
        tags: ['incidents'],
        summary: "An incident's regulatory clocks: due time, time left, overdue, met or not applicable",
        params: IdParams,
        response: { 200: ClocksOfIncident },
      },
    },
    async (request) => clocks.list(contextOf(request), request.params.id),
  );

  server.post(
    '/api/incidents/:id/regulatory-clocks/:clockId/met',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Mark a regulatory clock met: when the notification was made, a reference and notes (stops its reminders)',
        params: ClockParams,
        body: Type.Object(
          {
            notifiedAt: Type.String({ format: 'date-time' }),
            reference: Type.Optional(Type.String({ maxLength: 200 })),
            notes: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: RegulatoryClock },
      },
    },
    async (request) => {
      const { id, clockId } = request.params;
      const body = request.body;
      return clocks.markMet(contextOf(request), id, clockId, { ...body, notifiedAt: new Date(body.notifiedAt) });
    },
  );

  server.post(
    '/api/incidents/:id/regulatory-clocks/:clockId/not-applicable',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Mark a regulatory clock not applicable, with the reason (stops its reminders)',
        params: ClockParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
        response: { 200: RegulatoryClock },
      },
    },
    async (request) => {
      const { id, clockId } = request.params;
      return clocks.markNotApplicable(contextOf(request), id, clockId, request.body);
    },
  );

  server.put(
    '/api/incidents/:id/aware-at',
    {
      config: { access: 'incidents.write' },
      schema: {
        tags: ['incidents'],
        summary: 'Set when the team became aware of the incident; running clocks counted from awareness move with it',
        params: IdParams,
        body: Type.Object({ awareAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false }),
        response: { 200: ClocksOfIncident },
      },
    },
    async (request) => clocks.setAwareAt(contextOf(request), request.params.id, new Date(request.body.awareAt)),
  );
}
