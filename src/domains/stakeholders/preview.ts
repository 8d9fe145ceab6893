// The preview: for a draft set of facts, which stakeholder groups would be engaged, by whom, how
// often, through which channel and why, before anyone declares. Rules that do not check are
// reported, not thrown, so a half-edited rule set still previews.
import { factCatalogue } from '../incidents/fact-catalogue.ts';
import type { IncidentFacts } from '../incidents/incidents.types.ts';
import { commsThreshold, scoreRisk, type RiskMatrix, type RiskScore } from '../incidents/risk-matrix.ts';
import type { OnCallRole } from '../oncall/oncall-roles.ts';
import { describeTree } from './condition-describe.ts';
import { compileCondition, ConditionError, matchingClauses } from './condition.ts';
import { cadenceWords, channelWords, driWords } from './engagement-words.ts';
import type { Cadence, Channel, Contact, Dri, RuleProblem, StakeholderRule } from './stakeholders.types.ts';

export interface EngagementPreview {
  ruleId: string;
  group: string;
  contacts: Contact[];
  dri: Dri;
  /** Who engages them, in words (with the person on call when known). */
  by: string;
  cadence: Cadence;
  howOften: string;
  channel: Channel;
  through: string;
  /** The clauses of the condition that hold, in plain words. */
  because: string[];
}

export interface Preview {
  risk: RiskScore;
  /** The communications plan applies from the first level of the matrix that calls for it (High by default). */
  planApplies: boolean;
  engaged: EngagementPreview[];
  notEngaged: { ruleId: string; group: string; reason: string }[];
  problems: RuleProblem[];
}

export interface PreviewOptions {
  matrix: RiskMatrix;
  /** Who holds each on-call role now (null: nobody), to name the DRI. */
  onCall?: Partial<Record<OnCallRole, string | null>>;
}

export function preview(rules: readonly StakeholderRule[], facts: IncidentFacts, options: PreviewOptions): Preview {
  const { matrix } = options;
  const catalogue = factCatalogue(matrix);
  const risk = scoreRisk(facts.impact, facts.likelihood, matrix);
  const result: Preview = { risk, planApplies: risk.commsPlanApplies, engaged: [], notEngaged: [], problems: [] };
  const contactsOf = new Map(rules.map((r) => [r.group.toLowerCase(), r.contacts]));
  for (const rule of rules) {
    let condition;
    try {
      condition = compileCondition(rule.condition, catalogue);
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      result.problems.push({ ruleId: rule.id, field: 'condition', message: err.message, line: err.problem.line, column: err.problem.column });
      continue;
    }
    if (!risk.commsPlanApplies) {
      result.notEngaged.push({
        ruleId: rule.id,
        group: rule.group,
        reason: `the communications plan applies from ${commsThreshold(matrix)?.label ?? 'no level'} upward; this incident is ${risk.label}`,
      });
      continue;
    }
    const clauses = matchingClauses(condition, facts);
    if (clauses.length === 0) {
      result.notEngaged.push({ ruleId: rule.id, group: rule.group, reason: `not met: ${describeTree(condition.tree, catalogue)}` });
      continue;
    }
    const holder = rule.dri.kind === 'on_call_role' && options.onCall ? (options.onCall[rule.dri.role] ?? null) : undefined;
    const driContacts = rule.dri.kind === 'stakeholder_group' ? contactsOf.get(rule.dri.group.toLowerCase()) : undefined;
    result.engaged.push({
      ruleId: rule.id,
      group: rule.group,
      contacts: rule.contacts,
      dri: rule.dri,
      by: driWords(rule.dri, holder, driContacts),
      cadence: rule.cadence,
      howOften: cadenceWords(rule.cadence),
      channel: rule.channel,
      through: channelWords(rule.channel, rule.contacts),
      because: clauses.map((c) => describeTree(c, catalogue)),
    });
  }
  return result;
}
