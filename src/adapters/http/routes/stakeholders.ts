// Stakeholder rules: who to engage on an incident, when, by whom, how often and where.
import Type from 'typebox';
import type { App } from '../../../app/app.ts';
import type { StakeholderRule as Rule } from '../../../domains/stakeholders/stakeholders.types.ts';
import { contextOf, type HttpApp } from '../server.ts';
import { RuleProblem, StakeholderRule } from './incident-schemas.ts';

export function stakeholderRoutes(server: HttpApp, app: App): void {
  const rules = app.services.stakeholderRules;

  server.get('/api/stakeholder-rules', {
    config: { access: 'incidents.read' },
    schema: { tags: ['incidents'], summary: 'The stakeholder rules, in order', response: { 200: Type.Object({ rules: Type.Array(StakeholderRule) }) } },
  }, async (request) => ({ rules: await rules.list(contextOf(request)) }));

  server.put('/api/stakeholder-rules', {
    config: { access: 'stakeholders.manage' },
    schema: {
      tags: ['incidents'], summary: 'Replace the stakeholder rules (a condition that does not parse is refused with its position)',
      body: Type.Object({ rules: Type.Array(StakeholderRule, { maxItems: 100 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ rules: Type.Array(StakeholderRule), warnings: Type.Array(RuleProblem) }) },
    },
  }, async (request) => rules.save(contextOf(request), (request.body as { rules: Rule[] }).rules));
}
