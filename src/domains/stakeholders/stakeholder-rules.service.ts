// The team's stakeholder rules (editable; the plan's four are seeded) and the engagement preview
// for a draft set of facts, before anyone declares.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import type { Transactor } from '../ports.ts';
import { factCatalogue } from '../incidents/fact-catalogue.ts';
import { checkDraftFacts } from '../incidents/incident-facts.ts';
import type { PlanFacts } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import { preview, type Preview } from './preview.ts';
import { checkRules, validateRules } from './stakeholder-rules.ts';
import type { StakeholderRulesStore } from './stakeholders.ports.ts';
import type { RuleProblem, StakeholderRule } from './stakeholders.types.ts';

export class StakeholderRulesService {
  readonly #store: Transactor<StakeholderRulesStore>;
  readonly #matrix: RiskMatrix;

  constructor(deps: { store: Transactor<StakeholderRulesStore>; riskMatrix: RiskMatrix }) {
    this.#store = deps.store;
    this.#matrix = deps.riskMatrix;
  }

  async list(ctx: ActionContext): Promise<StakeholderRule[]> {
    authorize(ctx.actor, 'incidents.read');
    return this.#store.read.stakeholderRules.list();
  }

  /** Replaces the rule set; a condition that does not parse is refused with its line and column. */
  async save(ctx: ActionContext, rules: StakeholderRule[]): Promise<{ rules: StakeholderRule[]; warnings: RuleProblem[] }> {
    authorize(ctx.actor, 'stakeholders.manage');
    const warnings = validateRules(rules, factCatalogue(this.#matrix));
    await this.#store.transaction(async (s) => {
      const before = await s.stakeholderRules.list();
      await s.stakeholderRules.replace(rules);
      await s.audit.append(ctx, { action: 'stakeholder_rules.saved', entityType: 'stakeholder_rules', before, after: rules });
    });
    return { rules: await this.#store.read.stakeholderRules.list(), warnings };
  }

  /** Stored rules that no longer check, e.g. naming a level the configured risk matrix does not have (reported at startup). */
  async storedProblems(): Promise<RuleProblem[]> {
    return checkRules(await this.#store.read.stakeholderRules.list(), factCatalogue(this.#matrix)).errors;
  }

  async preview(ctx: ActionContext, draft: { impact: number; likelihood: number; type: string; facts?: Partial<PlanFacts> }): Promise<Preview> {
    authorize(ctx.actor, 'incidents.read');
    return preview(await this.#store.read.stakeholderRules.list(), checkDraftFacts(draft, this.#matrix), { matrix: this.#matrix });
  }
}
