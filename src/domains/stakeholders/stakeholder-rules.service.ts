// The team's stakeholder rules (editable; the plan's four are seeded), checking a draft of them as
// it is edited, and the engagement preview for a draft set of facts (with the saved rules or a
// draft of them) before anyone declares, with the regulatory clocks those facts would start.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import type { Transactor } from '../ports.ts';
import { factCatalogue } from '../incidents/fact-catalogue.ts';
import { checkDraftFacts } from '../incidents/incident-facts.ts';
import type { PlanFacts } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import type { RegulatoryClockConfig } from '../regulatory/clock-definitions.ts';
import { previewClocks, type ClockPreview } from '../regulatory/clock-preview.ts';
import { preview, type Preview } from './preview.ts';
import { checkRules, conditionWords, validateRules, type RuleCheck } from './stakeholder-rules.ts';
import type { StakeholderRulesStore } from './stakeholders.ports.ts';
import type { RuleProblem, StakeholderRule } from './stakeholders.types.ts';

export type DraftIncident = { impact: number; likelihood: number; type: string; facts?: Partial<PlanFacts> };

export interface PreviewWithClocks extends Preview {
  /** The configured regulatory clocks these facts would start. */
  clocks: ClockPreview[];
}

export class StakeholderRulesService {
  readonly #store: Transactor<StakeholderRulesStore>;
  readonly #matrix: RiskMatrix;
  readonly #clocks: readonly RegulatoryClockConfig[];

  constructor(deps: { store: Transactor<StakeholderRulesStore>; riskMatrix: RiskMatrix; regulatoryClocks?: readonly RegulatoryClockConfig[] }) {
    this.#store = deps.store;
    this.#matrix = deps.riskMatrix;
    this.#clocks = deps.regulatoryClocks ?? [];
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

  /** What a save of these rules would refuse (errors, with a condition's line and column) and warn about, saving nothing. */
  check(ctx: ActionContext, rules: readonly StakeholderRule[]): RuleCheck & { conditions: (string | null)[] } {
    authorize(ctx.actor, 'stakeholders.manage');
    const catalogue = factCatalogue(this.#matrix);
    return { ...checkRules(rules, catalogue), conditions: conditionWords(rules, catalogue) };
  }

  async preview(ctx: ActionContext, draft: DraftIncident): Promise<PreviewWithClocks> {
    authorize(ctx.actor, 'incidents.read');
    return this.#preview(await this.#store.read.stakeholderRules.list(), draft);
  }

  /** The preview with a draft of the rules, as edited and not saved. */
  previewDraft(ctx: ActionContext, rules: readonly StakeholderRule[], draft: DraftIncident): PreviewWithClocks {
    authorize(ctx.actor, 'stakeholders.manage');
    return this.#preview(rules, draft);
  }

  #preview(rules: readonly StakeholderRule[], draft: DraftIncident): PreviewWithClocks {
    const facts = checkDraftFacts(draft, this.#matrix);
    return { ...preview(rules, facts, { matrix: this.#matrix }), clocks: previewClocks(this.#clocks, facts) };
  }
}
