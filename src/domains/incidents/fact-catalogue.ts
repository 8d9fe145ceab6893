// The incident facts a stakeholder rule's condition can reference: each field's name in the
// condition language, its type (a yes/no fact, or an enumeration, ordered or not) and how to read it
// from an incident's facts. The overall impact's levels come from the risk matrix, so a team that
// configures other levels gets them in conditions too.
import { INCIDENT_TYPES, USERS_IMPACTED, type IncidentFacts } from './incidents.types.ts';
import { scoreRisk, type RiskMatrix } from './risk-matrix.ts';

export interface EnumValue {
  value: string;
  label: string;
}

export type FactValue = boolean | string;

interface FieldBase {
  name: string;
  /** Plain words for the field, used when a condition is described. */
  label: string;
  read: (facts: IncidentFacts) => FactValue;
  /** Internal-only: never stated in public communications (the communications linter flags it). */
  internal?: boolean;
}
export interface BooleanField extends FieldBase {
  type: { kind: 'boolean' };
  /** The sentence when the fact holds, and when it does not. */
  yes: string;
  no: string;
}
export interface EnumField extends FieldBase {
  /** `ordered` enumerations (lowest first) support <, <=, >, >=. */
  type: { kind: 'enum'; values: readonly EnumValue[]; ordered: boolean };
}
export type FactField = BooleanField | EnumField;

export interface FactCatalogue {
  fields: readonly FactField[];
  field(name: string): FactField | undefined;
}

function flag(name: string, read: (f: IncidentFacts) => boolean, yes: string, no: string, internal = false): BooleanField {
  return { name, label: name.replaceAll('_', ' '), type: { kind: 'boolean' }, read, yes, no, ...(internal ? { internal } : {}) };
}

const humane = (value: string) => value.replaceAll('_', ' ');

export function factCatalogue(matrix: RiskMatrix): FactCatalogue {
  const fields: FactField[] = [
    {
      name: 'impact',
      label: 'overall impact',
      type: { kind: 'enum', ordered: true, values: matrix.levels.map((l) => ({ value: l.level, label: l.label })) },
      read: (f) => scoreRisk(f.impact, f.likelihood, matrix).level,
      internal: true,
    },
    {
      name: 'users_impacted',
      label: 'users impacted',
      type: { kind: 'enum', ordered: true, values: USERS_IMPACTED.map((v) => ({ value: v, label: v })) },
      read: (f) => f.usersImpacted,
    },
    {
      name: 'type',
      label: 'incident type',
      type: { kind: 'enum', ordered: false, values: INCIDENT_TYPES.map((v) => ({ value: v, label: humane(v) })) },
      read: (f) => f.type,
    },
    flag('data_breach', (f) => f.dataBreach, 'there is a data breach', 'there is no data breach'),
    flag('personal_data_exposed', (f) => f.personalDataExposed, 'personal data is exposed', 'no personal data is exposed'),
    flag('private_projects_exposed', (f) => f.privateProjectsExposed, 'private projects are exposed', 'no private projects are exposed'),
    flag('financial_information_exposed', (f) => f.financialInformationExposed, 'financial information is exposed', 'no financial information is exposed'),
    flag('rce_exploited', (f) => f.rceExploited, 'an RCE has evidence of exploitation', 'no RCE has evidence of exploitation', true),
    flag('publicly_reported', (f) => f.publiclyReported, 'the incident has been publicly reported', 'the incident has not been publicly reported'),
    flag('regulatory_duty', (f) => f.regulatoryDuty, 'there is a regulatory duty to announce', 'there is no regulatory duty to announce', true),
    flag(
      'enterprise_customers_impacted',
      (f) => f.enterpriseCustomersImpacted,
      'enterprise (self-managed) customers are impacted',
      'no enterprise (self-managed) customers are impacted',
    ),
    flag('impact_determined', (f) => f.impactDetermined, 'the full impact has been determined', 'the full impact has not been determined yet', true),
  ];
  const byName = new Map(fields.map((f) => [f.name, f]));
  return { fields, field: (name) => byName.get(name) };
}

/** Facts of an incident with nothing established yet: the starting point of a draft. */
export function blankFacts(impact: number, likelihood: number, type = 'other'): IncidentFacts {
  return {
    impact,
    likelihood,
    type,
    dataBreach: false,
    personalDataExposed: false,
    privateProjectsExposed: false,
    financialInformationExposed: false,
    rceExploited: false,
    publiclyReported: false,
    regulatoryDuty: false,
    enterpriseCustomersImpacted: false,
    usersImpacted: 'none',
    impactDetermined: false,
  };
}
