// Stakeholder rules: who to engage on an incident, when, by whom, how often and where.
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { contextOf, type HttpApp } from '../http-app.ts';
import { Preview, PreviewBody, RuleProblem, StakeholderRule } from './incident-schemas.ts';

const Rules = Type.Array(StakeholderRule, { maxItems: 100 });

export function stakeholderRoutes(server: HttpApp, app: App): void {
  const rules = app.services.stakeholderRules;

  server.get(
    '/api/stakeholder-rules',
    {
      config: { access: 'incidents.read' },
      schema: { tags: ['incidents'], summary: 'The stakeholder rules, in order', response: { 200: Type.Object({ rules: Type.Array(StakeholderRule) }) } },
    },
    async (request) => ({ rules: await rules.list(contextOf(request)) }),
  );

  server.put(
    '/api/stakeholder-rules',
    {
      config: { access: 'stakeholders.manage' },
      schema: {
        tags: ['incidents'],
        summary: 'Replace the stakeholder rules (a condition that does not parse is refused with its position)',
        body: Type.Object({ rules: Rules }, { additionalProperties: false }),
        response: { 200: Type.Object({ rules: Type.Array(StakeholderRule), warnings: Type.Array(RuleProblem) }) },
      },
    },
    async (request) => rules.save(contextOf(request), request.body.rules),
  );

  server.post(
    '/api/stakeholder-rules/check',
    {
      config: { access: 'stakeholders.manage' },
      schema: {
        tags: ['incidents'],
        summary: 'Check a draft of the stakeholder rules as a save would (conditions with their line and column), saving nothing',
        body: Type.Object({ rules: Rules }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            errors: Type.Array(RuleProblem),
            warnings: Type.Array(RuleProblem),
            conditions: Type.Array(Type.Union([Type.String(), Type.Null()]), {
              description: "each rule's condition in plain words, in order; null where it does not check",
            }),
          }),
        },
      },
    },
    async (request) => rules.check(contextOf(request), request.body.rules),
  );

  server.post(
    '/api/stakeholder-rules/preview',
    {
      config: { access: 'stakeholders.manage' },
      schema: {
        tags: ['incidents'],
        summary: 'The engagement preview of a draft incident with a draft of the stakeholder rules (not saved)',
        body: Type.Object({ rules: Rules, incident: PreviewBody }, { additionalProperties: false }),
        response: { 200: Preview },
      },
    },
    async (request) => {
      const body = request.body;
      return rules.previewDraft(contextOf(request), body.rules, body.incident);
    },
  );
}
