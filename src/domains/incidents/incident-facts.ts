// An incident's facts: checking a change to them, reading the whole set from a record, and the
// before/after words the timeline shows for every change of severity, facts or status.
import { ValidationError } from '../errors.ts';
import { blankFacts } from './fact-catalogue.ts';
import {
  INCIDENT_STATUSES,
  USERS_IMPACTED,
  type IncidentChange,
  type IncidentFacts,
  type IncidentRecord,
  type IncidentStatus,
  type PlanFacts,
} from './incidents.types.ts';
import { scoreRisk, type RiskMatrix } from './risk-matrix.ts';

export const FLAG_FACTS = [
  'dataBreach',
  'personalDataExposed',
  'privateProjectsExposed',
  'financialInformationExposed',
  'rceExploited',
  'publiclyReported',
  'regulatoryDuty',
  'enterpriseCustomersImpacted',
  'impactDetermined',
] as const satisfies readonly (keyof PlanFacts)[];
type FlagFact = (typeof FLAG_FACTS)[number];

export const FACT_LABELS: Record<keyof PlanFacts, string> = {
  dataBreach: 'data breach',
  personalDataExposed: 'personal data exposed',
  privateProjectsExposed: 'private projects exposed',
  financialInformationExposed: 'financial information exposed',
  rceExploited: 'RCE with evidence of exploitation',
  publiclyReported: 'publicly reported',
  regulatoryDuty: 'regulatory duty to announce',
  enterpriseCustomersImpacted: 'enterprise (self-managed) customers impacted',
  impactDetermined: 'full impact determined',
  usersImpacted: 'users impacted',
};

export function blankPlanFacts(): PlanFacts {
  const { impact: _i, likelihood: _l, type: _t, ...rest } = blankFacts(1, 1);
  return rest;
}

/** Checks a partial set of facts (unknown names and wrong types are errors) and merges it. */
export function mergeFacts(current: PlanFacts, change: Partial<PlanFacts> | undefined): PlanFacts {
  if (!change) return current;
  const next: PlanFacts = { ...current };
  for (const [name, value] of Object.entries(change)) {
    if ((FLAG_FACTS as readonly string[]).includes(name)) {
      if (typeof value !== 'boolean') throw new ValidationError(`the fact '${name}' is yes or no (true/false)`);
      next[name as FlagFact] = value;
    } else if (name === 'usersImpacted') {
      if (!(USERS_IMPACTED as readonly unknown[]).includes(value)) throw new ValidationError(`users impacted is one of ${USERS_IMPACTED.join(', ')}`);
      next.usersImpacted = value as PlanFacts['usersImpacted'];
    } else {
      throw new ValidationError(`unknown fact '${name}'`, { known: [...FLAG_FACTS, 'usersImpacted'] });
    }
  }
  return next;
}

/** A stored facts column may predate a fact: anything missing reads as not established. */
export function storedFacts(raw: unknown): PlanFacts {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const facts = blankPlanFacts();
  for (const name of FLAG_FACTS) if (typeof value[name] === 'boolean') facts[name] = value[name];
  if ((USERS_IMPACTED as readonly unknown[]).includes(value.usersImpacted)) facts.usersImpacted = value.usersImpacted as PlanFacts['usersImpacted'];
  return facts;
}

export function factsOf(record: Pick<IncidentRecord, 'impact' | 'likelihood' | 'type' | 'facts'>): IncidentFacts {
  return { ...record.facts, impact: record.impact, likelihood: record.likelihood, type: record.type };
}

/** Checks a draft set of facts as a whole (for the preview). The type list is editable, so any type id is previewed. */
export function checkDraftFacts(draft: { impact: number; likelihood: number; type: string; facts?: Partial<PlanFacts> }, matrix: RiskMatrix): IncidentFacts {
  checkRisk(draft.impact, draft.likelihood, matrix);
  return { ...mergeFacts(blankPlanFacts(), draft.facts), impact: draft.impact, likelihood: draft.likelihood, type: draft.type };
}

export function checkRisk(impact: number, likelihood: number, matrix: RiskMatrix): void {
  try {
    scoreRisk(impact, likelihood, matrix);
  } catch (err) {
    throw new ValidationError((err as Error).message);
  }
}

/** The lifecycle only moves forward (declared → investigating → mitigated → resolved → closed); steps may be skipped. */
export function checkTransition(from: IncidentStatus, to: IncidentStatus): void {
  const rank = (s: IncidentStatus) => INCIDENT_STATUSES.indexOf(s);
  if (rank(to) <= rank(from)) throw new ValidationError(`an incident moves forward only: ${from} cannot become ${to}`, { lifecycle: INCIDENT_STATUSES });
}

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** One line per changed fact, "data breach: no → yes". */
export function factChanges(before: PlanFacts, after: PlanFacts): string[] {
  return (Object.keys(FACT_LABELS) as (keyof PlanFacts)[])
    .filter((k) => before[k] !== after[k])
    .map((k) => {
      const [b, a] = [before[k], after[k]];
      return `${FACT_LABELS[k]}: ${typeof b === 'boolean' ? yesNo(b) : b} → ${typeof a === 'boolean' ? yesNo(a as boolean) : a}`;
    });
}

/** The severity line, "risk: Medium (6) → High (12)", when impact or likelihood moved. */
export function riskChange(before: { impact: number; likelihood: number }, after: { impact: number; likelihood: number }, matrix: RiskMatrix): string | null {
  if (before.impact === after.impact && before.likelihood === after.likelihood) return null;
  const [b, a] = [scoreRisk(before.impact, before.likelihood, matrix), scoreRisk(after.impact, after.likelihood, matrix)];
  return `risk: ${b.label} (${b.score}, impact ${before.impact} × likelihood ${before.likelihood}) → ${a.label} (${a.score}, impact ${after.impact} × likelihood ${after.likelihood})`;
}

export function hasChange(change: IncidentChange): boolean {
  return Object.values(change).some((v) => v !== undefined);
}
