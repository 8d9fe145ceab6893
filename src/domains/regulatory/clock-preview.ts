// Which regulatory clocks a draft set of facts would start, before anyone declares: decided by the
// same condition check a declaration runs (clocksHolding), told in words for the preview.
import type { IncidentFacts } from '../incidents/incidents.types.ts';
import { ON_CALL_ROLE_LABELS, type OnCallRole } from '../oncall/oncall-roles.ts';
import { describeTree } from '../stakeholders/condition-describe.ts';
import { matchingClauses } from '../stakeholders/condition.ts';
import type { RegulatoryClockConfig } from './clock-definitions.ts';
import { clocksHolding } from './clock-steps.ts';
import { spanWords } from './deadline.ts';

export interface ClockPreview {
  id: string;
  name: string;
  /** "72 hours from awareness", "4 business days from declaration". */
  deadline: string;
  owner: OnCallRole;
  ownerLabel: string;
  /** The clauses of the clock's condition that hold, in plain words. */
  because: string;
}

export function previewClocks(definitions: readonly RegulatoryClockConfig[], facts: IncidentFacts): ClockPreview[] {
  return clocksHolding(definitions, facts).map((d) => ({
    id: d.id,
    name: d.name,
    deadline: `${spanWords(d.span)} from ${d.from === 'awareness' ? 'awareness' : 'declaration'}`,
    owner: d.owner,
    ownerLabel: ON_CALL_ROLE_LABELS[d.owner],
    because: matchingClauses(d.condition, facts)
      .map((c) => describeTree(c, d.condition.catalogue))
      .join('; '),
  }));
}
