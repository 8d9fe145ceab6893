// Mail templates: list, read with versions, save a version, preview.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { SUBJECT_MAX, TEMPLATE_BODY_MAX } from '../../../domains/limits.ts';
import { DateTime, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const KeyParams = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9.-]{0,79}$' }) }, { additionalProperties: false });

const Version = Type.Object({
  key: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  createdAt: DateTime,
  createdBy: Type.String(),
});
const Template = Type.Object({
  key: Type.String(),
  purpose: Type.String(),
  variables: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
  current: Version,
});
export const Rendered = Type.Object({
  subject: Type.String(),
  body: Type.String(),
  template: Type.Union([Type.Object({ key: Type.String(), version: Type.Integer(), name: Type.String() }), Type.Null()]),
});

export function templateRoutes(server: HttpApp, app: App): void {
  const templates = app.services.templates;

  server.get(
    '/api/templates',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['templates'],
        summary: 'Mail templates with their current version and placeholders',
        response: { 200: Type.Object({ items: Type.Array(Template) }) },
      },
    },
    async (request) => ({ items: await templates.list(contextOf(request)) }),
  );

  server.get(
    '/api/templates/:key',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['templates'],
        summary: 'One template with every version, newest first',
        params: KeyParams,
        response: { 200: Type.Intersect([Template, Type.Object({ versions: Type.Array(Version) })]) },
      },
    },
    async (request) => templates.get(contextOf(request), request.params.key),
  );

  server.put(
    '/api/templates/:key',
    {
      config: { access: 'templates.manage' },
      schema: {
        tags: ['templates'],
        summary: 'Save a new version of a template (placeholders checked against its catalogue); a new reply.<name> key adds a reply template',
        params: KeyParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 120 }),
            subject: Type.String({ minLength: 1, maxLength: SUBJECT_MAX }),
            body: Type.String({ minLength: 1, maxLength: TEMPLATE_BODY_MAX }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Version },
      },
    },
    async (request) => templates.save(contextOf(request), request.params.key, request.body),
  );

  server.post(
    '/api/templates/:key/preview',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['templates'],
        summary: "Render a template, or unsaved text for it, with a ticket's values (example values without a ticket)",
        params: KeyParams,
        body: Type.Object(
          {
            ticketId: Type.Optional(Uuid),
            subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX })),
            body: Type.Optional(Type.String({ maxLength: TEMPLATE_BODY_MAX })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Rendered },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const ticket = request.body.ticketId ? await app.services.tickets.get(ctx, request.body.ticketId) : null;
      return templates.preview(ctx, request.params.key, { subject: request.body.subject, body: request.body.body, ticket });
    },
  );
}
