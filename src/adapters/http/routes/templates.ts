// Mail templates (list, read with versions, save a version, preview) and handling a ticket by a
// disposition (preview, then send).
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { SUBJECT_MAX, TEMPLATE_BODY_MAX } from '../../../domains/limits.ts';
import { ValidationError } from '../../../domains/errors.ts';
import { DateTime, IdParams, OneOf, Uuid } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const KeyParams = Type.Object({ key: Type.String({ pattern: '^[a-z][a-z0-9.-]{0,79}$' }) }, { additionalProperties: false });

const Version = Type.Object({
  key: Type.String(), version: Type.Integer(), name: Type.String(), subject: Type.String(), body: Type.String(), createdAt: DateTime, createdBy: Type.String(),
});
const Template = Type.Object({
  key: Type.String(),
  purpose: Type.String(),
  variables: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
  current: Version,
});
const Rendered = Type.Object({
  subject: Type.String(),
  body: Type.String(),
  template: Type.Union([Type.Object({ key: Type.String(), version: Type.Integer(), name: Type.String() }), Type.Null()]),
});

const Edits = Type.Optional(Type.Object({
  subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX })),
  body: Type.Optional(Type.String({ maxLength: TEMPLATE_BODY_MAX })),
}, { additionalProperties: false, description: 'the requester mail as the analyst edited the preview (taken as written)' }));

/** One variant per disposition kind, told apart by `kind`; engage and compliance_request are added here when they exist. */
const DispositionRequest = Type.Union([
  Type.Object({
    kind: Type.Literal('reply'),
    templateKey: Type.Optional(Type.String({ pattern: '^reply\\.[a-z0-9][a-z0-9-]{0,60}$', description: 'a reply template (default reply.generic)' })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: TEMPLATE_BODY_MAX, description: 'free text instead of a template' })),
    status: Type.Optional(OneOf(['open', 'pending', 'solved'])),
    edits: Edits,
  }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('redirect:support'), edits: Edits }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('redirect:vulnerability'), edits: Edits }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('redirect:copyright'), edits: Edits }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('engage'), teamId: Uuid,
    question: Type.String({ minLength: 1, maxLength: 20_000, description: 'for the team (internal): what they should research' }), edits: Edits,
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('compliance_request'),
    reports: Type.Array(OneOf(['soc2', 'pentest']), { minItems: 1, maxItems: 2, description: 'the reports asked for' }),
    onBehalfOf: Type.Optional(Type.String({ format: 'uuid', description: 'for an employee\'s request: the customer it is for (SOC 2 only)' })),
    edits: Edits,
  }, { additionalProperties: false }),
], { description: 'kind: reply | redirect:support | redirect:vulnerability | redirect:copyright | engage | compliance_request' });

const KINDS = ['reply', 'redirect:support', 'redirect:vulnerability', 'redirect:copyright', 'engage', 'compliance_request'];

/** A union's schema error ("must match a schema in anyOf") does not say what is wrong with `kind`; this does, before validation. */
async function knownKind(request: { body: unknown }): Promise<void> {
  const kind = (request.body as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    throw new ValidationError(`kind must be one of ${KINDS.join(', ')}${typeof kind === 'string' ? ` (${kind.slice(0, 40)} is not available)` : ''}`);
  }
}

const Plan = Type.Object({
  disposition: Type.String(),
  status: Type.String(),
  mails: Type.Array(Type.Intersect([Rendered, Type.Object({ role: OneOf(['requester', 'support']), to: Type.String(), attachesOriginal: Type.Boolean() })])),
});

export function templateRoutes(server: HttpApp, app: App): void {
  const templates = app.services.templates;

  server.get('/api/templates', {
    config: { access: 'tickets.write' },
    schema: { tags: ['templates'], summary: 'Mail templates with their current version and placeholders', response: { 200: Type.Object({ items: Type.Array(Template) }) } },
  }, async (request) => ({ items: await templates.list(contextOf(request)) }));

  server.get('/api/templates/:key', {
    config: { access: 'tickets.write' },
    schema: { tags: ['templates'], summary: 'One template with every version, newest first', params: KeyParams, response: { 200: Type.Intersect([Template, Type.Object({ versions: Type.Array(Version) })]) } },
  }, async (request) => templates.get(contextOf(request), request.params.key));

  server.put('/api/templates/:key', {
    config: { access: 'templates.manage' },
    schema: {
      tags: ['templates'], summary: 'Save a new version of a template (placeholders checked against its catalogue); a new reply.<name> key adds a reply template', params: KeyParams,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), subject: Type.String({ minLength: 1, maxLength: SUBJECT_MAX }), body: Type.String({ minLength: 1, maxLength: TEMPLATE_BODY_MAX }) }, { additionalProperties: false }),
      response: { 200: Version },
    },
  }, async (request) => templates.save(contextOf(request), request.params.key, request.body));

  server.post('/api/templates/:key/preview', {
    config: { access: 'tickets.write' },
    schema: {
      tags: ['templates'], summary: 'Render a template, or unsaved text for it, with a ticket\'s values (example values without a ticket)', params: KeyParams,
      body: Type.Object({ ticketId: Type.Optional(Uuid), subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX })), body: Type.Optional(Type.String({ maxLength: TEMPLATE_BODY_MAX })) }, { additionalProperties: false }),
      response: { 200: Rendered },
    },
  }, async (request) => {
    const ctx = contextOf(request);
    const ticket = request.body.ticketId ? await app.services.tickets.get(ctx, request.body.ticketId) : null;
    return templates.preview(ctx, request.params.key, { subject: request.body.subject, body: request.body.body, ticket });
  });

  server.post('/api/tickets/:id/disposition/preview', {
    config: { access: 'tickets.write' },
    preValidation: knownKind,
    schema: { tags: ['tickets'], summary: 'The mail a disposition would send, rendered for this ticket; nothing is sent or recorded', params: IdParams, body: DispositionRequest, response: { 200: Plan } },
  }, async (request) => app.services.dispositions.preview(contextOf(request), request.params.id, request.body));

  server.post('/api/tickets/:id/disposition', {
    config: { access: 'tickets.write' },
    preValidation: knownKind,
    schema: {
      tags: ['tickets'], summary: 'Handle the ticket by a disposition: record it, queue the mail (and for account support the forward with the original attached) and solve the ticket, all or nothing',
      params: IdParams, body: DispositionRequest, response: { 202: Type.Intersect([Plan, Type.Object({ messageIds: Type.Array(Type.String()), engagementId: Type.Optional(Uuid) })]) },
    },
  }, async (request, reply) => reply.status(202).send(await app.services.dispositions.handle(contextOf(request), request.params.id, request.body)));
}
