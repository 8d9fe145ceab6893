// The first-run checklist (Admin → Setup) and the relay's test mail.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const Fix = Type.Union([
  Type.Object({ page: Type.String(), label: Type.String() }),
  Type.Object({ setting: Type.String(), where: Type.String() }),
  Type.Null(),
]);
const Item = Type.Object({
  id: Type.String(), title: Type.String(), state: Type.Union([Type.Literal('done'), Type.Literal('warning'), Type.Literal('missing')]),
  detail: Type.String(), blocks: Type.Array(Type.String()), fix: Fix,
});

export function setupRoutes(server: HttpApp, app: App): void {
  const setup = app.services.setup;
  server.get('/api/setup/checklist', {
    config: { access: 'users.manage' },
    schema: { tags: ['setup'], summary: 'What each capability needs, its state (done, warning, missing), what it blocks and where to fix it', response: { 200: Type.Object({ items: Type.Array(Item), done: Type.Integer(), total: Type.Integer() }) } },
  }, async (request) => setup.checklist(contextOf(request)));

  server.post('/api/setup/test-mail', {
    config: { access: 'users.manage' },
    schema: { tags: ['setup'], summary: 'Send a test mail to yourself through the outgoing relay now, and see what it answered', response: { 200: Type.Object({ to: Type.String(), delivered: Type.Boolean(), detail: Type.String() }) } },
  }, async (request) => setup.sendTestMail(contextOf(request)));
}
