// The first-run checklist (Admin → Setup), the relay's test mail, and the settings changed in the app.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { EDITABLE_SETTINGS } from '../../../domains/settings/settings.types.ts';
import { DateTime } from '../schemas.ts';

const Fix = Type.Union([
  Type.Object({ page: Type.String(), label: Type.String() }),
  Type.Object({ setting: Type.String(), where: Type.String() }),
  Type.Null(),
]);
const Item = Type.Object({
  id: Type.String(),
  title: Type.String(),
  state: Type.Union([Type.Literal('done'), Type.Literal('warning'), Type.Literal('missing')]),
  detail: Type.String(),
  blocks: Type.Array(Type.String()),
  fix: Fix,
  settings: Type.Array(Type.String(), { description: 'the settings changed in the app next to this item (GET /api/settings)' }),
});
const Setting = Type.Object({
  key: Type.String(),
  label: Type.String(),
  value: Type.Union([Type.String(), Type.Null()], { description: "in force now; a secret redacted (the relay's password as ****); null: not set" }),
  source: Type.Union([Type.Literal('environment'), Type.Literal('database'), Type.Literal('default')], {
    description: 'environment: an environment variable (or the config file) sets it and wins; database: saved in the app',
  }),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
  updatedAt: Type.Union([DateTime, Type.Null()]),
});
const KeyParams = Type.Object(
  { key: Type.String({ minLength: 1, maxLength: 100, description: EDITABLE_SETTINGS.map((s) => s.key).join(', ') }) },
  { additionalProperties: false },
);

export function setupRoutes(server: HttpApp, app: App): void {
  const setup = app.services.setup;
  server.get(
    '/api/setup/checklist',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['setup'],
        summary: 'What each capability needs, its state (done, warning, missing), what it blocks and where to fix it',
        response: { 200: Type.Object({ items: Type.Array(Item), done: Type.Integer(), total: Type.Integer() }) },
      },
    },
    async (request) => setup.checklist(contextOf(request)),
  );

  server.post(
    '/api/setup/test-mail',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['setup'],
        summary: 'Send a test mail to yourself through the outgoing relay now, and see what it answered',
        response: { 200: Type.Object({ to: Type.String(), delivered: Type.Boolean(), detail: Type.String() }) },
      },
    },
    async (request) => setup.sendTestMail(contextOf(request)),
  );

  const settings = app.services.settings;
  server.get(
    '/api/settings',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['setup'],
        summary: 'The settings an admin may change in the app: each value in force (secrets redacted) and where it comes from',
        response: { 200: Type.Object({ items: Type.Array(Setting) }) },
      },
    },
    async (request) => ({ items: await settings.list(contextOf(request)) }),
  );

  server.put(
    '/api/settings/:key',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['setup'],
        summary: 'Save a setting in the app (checked like its environment variable; in force at once, audited). 409 when the environment sets it',
        params: KeyParams,
        body: Type.Object({ value: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      await settings.set(contextOf(request), request.params.key, request.body.value);
      return reply.status(204).send();
    },
  );

  server.delete(
    '/api/settings/:key',
    {
      config: { access: 'users.manage' },
      schema: { tags: ['setup'], summary: 'Clear a setting saved in the app: back to its default (audited)', params: KeyParams },
    },
    async (request, reply) => {
      await settings.clear(contextOf(request), request.params.key);
      return reply.status(204).send();
    },
  );
}
