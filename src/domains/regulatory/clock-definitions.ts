// The configured regulatory clocks (SECDESK_REGULATORY_CLOCKS): each names a deadline, when it
// applies (a condition in the stakeholder rules' language, over the incident's facts), how long it
// runs and from when, its reminders and whose job it is. The shipped defaults are starting points
// a team's counsel should confirm, not legal advice.
import type { FactCatalogue } from '../incidents/fact-catalogue.ts';
import { isOnCallRole, ON_CALL_ROLES, type OnCallRole } from '../oncall/oncall-roles.ts';
import { compileCondition, ConditionError, type CompiledCondition } from '../stakeholders/condition.ts';

export const CLOCK_STARTS = ['awareness', 'declared'] as const;
export type ClockStart = (typeof CLOCK_STARTS)[number];

/** Wall-clock hours, or whole business days of the team calendar (to the end of the last one). */
export type ClockSpan = { hours: number } | { businessDays: number };

export interface RegulatoryClockDefinition {
  id: string;
  name: string;
  /** A condition over the incident's facts, e.g. `personal_data_exposed`. */
  when: string;
  span: ClockSpan;
  from: ClockStart;
  /** Hours before the deadline at which the owner is reminded (the deadline itself always is). */
  reminders: number[];
  owner: OnCallRole;
  note: string;
}

export interface RegulatoryClockConfig extends RegulatoryClockDefinition {
  condition: CompiledCondition;
}

export class RegulatoryClocksError extends Error {}

export const DEFAULT_REGULATORY_CLOCKS: readonly RegulatoryClockDefinition[] = [
  {
    id: 'gdpr_art33',
    name: 'GDPR Art. 33: notify the supervisory authority',
    when: 'personal_data_exposed',
    span: { hours: 72 },
    from: 'awareness',
    reminders: [48, 24, 4],
    owner: 'incident_manager',
    note: 'Within 72 hours of becoming aware of a personal data breach.',
  },
  {
    id: 'gdpr_art34',
    name: 'GDPR Art. 34: notify the data subjects',
    when: 'personal_data_exposed and impact >= high',
    span: { hours: 72 },
    from: 'awareness',
    reminders: [24, 4],
    owner: 'communications_manager',
    note: 'The law says "without undue delay" when the breach is likely to result in a high risk; 72 hours is a target, not a legal deadline.',
  },
  {
    id: 'us_state_breach',
    name: 'US state breach notice (shortest common deadline)',
    when: 'personal_data_exposed or financial_information_exposed',
    span: { hours: 30 * 24 },
    from: 'awareness',
    reminders: [7 * 24, 3 * 24, 24],
    owner: 'communications_manager',
    note: 'A configurable default: 30 days is the shortest deadline common among US state laws; check the states of the people affected.',
  },
  {
    id: 'sec_8k',
    name: 'SEC Form 8-K Item 1.05 (material cybersecurity incident)',
    when: 'regulatory_duty and financial_information_exposed',
    span: { businessDays: 4 },
    from: 'declared',
    reminders: [48, 24],
    owner: 'incident_manager',
    note: 'Four business days after the incident is determined to be material (counted here from its declaration).',
  },
];

const CLOCK_ID = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_HOURS = 24 * 366;
const FIELDS = ['id', 'name', 'when', 'hours', 'businessDays', 'from', 'reminders', 'owner', 'note'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (message: string): never => {
  throw new RegulatoryClocksError(message);
};

function span(value: Record<string, unknown>, where: string): ClockSpan {
  const { hours, businessDays } = value;
  if ((hours === undefined) === (businessDays === undefined)) fail(`${where} needs exactly one of hours or businessDays`);
  if (hours !== undefined) {
    if (typeof hours !== 'number' || !(hours > 0) || hours > MAX_HOURS) fail(`${where}.hours must be a number of hours above 0 and at most ${MAX_HOURS}`);
    return { hours: hours as number };
  }
  if (!Number.isInteger(businessDays) || (businessDays as number) < 1 || (businessDays as number) > 250)
    fail(`${where}.businessDays must be a whole number from 1 to 250`);
  return { businessDays: businessDays as number };
}

function text(value: unknown, where: string, max: number, optional = false): string {
  if (optional && value === undefined) return '';
  if (typeof value !== 'string' || !value.trim() || value.length > max) fail(`${where} must be text of 1 to ${max} characters`);
  return (value as string).trim();
}

function definition(value: unknown, index: number, catalogue: FactCatalogue): RegulatoryClockConfig {
  const where = `clocks[${index}]`;
  if (!isObject(value)) return fail(`${where} must be an object {id, name, when, hours | businessDays, from, reminders, owner}`);
  const extra = Object.keys(value).find((k) => !FIELDS.includes(k));
  if (extra) fail(`${where} has an unknown field '${extra}' (allowed: ${FIELDS.join(', ')})`);
  if (typeof value.id !== 'string' || !CLOCK_ID.test(value.id)) fail(`${where}.id must be an id of lowercase letters, digits and _ (e.g. gdpr_art33)`);
  if (!(CLOCK_STARTS as readonly unknown[]).includes(value.from)) fail(`${where}.from must be one of ${CLOCK_STARTS.join(', ')}`);
  if (typeof value.owner !== 'string' || !isOnCallRole(value.owner)) fail(`${where}.owner must be one of ${ON_CALL_ROLES.join(', ')}`);
  const reminders = value.reminders ?? [];
  if (!Array.isArray(reminders) || reminders.length > 10 || reminders.some((h) => typeof h !== 'number' || !(h > 0) || h > MAX_HOURS)) {
    fail(`${where}.reminders must list up to 10 numbers of hours before the deadline (each above 0)`);
  }
  const when = text(value.when, `${where}.when`, 1000);
  let condition: CompiledCondition;
  try {
    condition = compileCondition(when, catalogue);
  } catch (err) {
    if (err instanceof ConditionError) return fail(`${where}.when: ${err.message}`);
    throw err;
  }
  const clock: RegulatoryClockDefinition = {
    id: value.id as string,
    name: text(value.name, `${where}.name`, 120),
    when,
    span: span(value, where),
    from: value.from as ClockStart,
    reminders: [...new Set(reminders as number[])].sort((a, b) => b - a),
    owner: value.owner as OnCallRole,
    note: text(value.note, `${where}.note`, 500, true),
  };
  return { ...clock, condition };
}

/** The shape of a definition in the configuration's JSON (hours/businessDays at the top level). */
export function definitionJson(d: RegulatoryClockDefinition): Record<string, unknown> {
  const { span: s, ...rest } = d;
  return { ...rest, ...s };
}

/** Checks a configured list; throws RegulatoryClocksError naming the first problem. */
export function checkRegulatoryClocks(value: unknown, catalogue: FactCatalogue): RegulatoryClockConfig[] {
  if (!Array.isArray(value) || value.length > 30) fail('must be a JSON array of up to 30 clocks');
  const clocks = (value as unknown[]).map((v, i) => definition(v, i, catalogue));
  const seen = new Set<string>();
  clocks.forEach((c, i) => {
    if (seen.has(c.id)) fail(`clocks[${i}].id '${c.id}' is used twice`);
    seen.add(c.id);
  });
  return clocks;
}

/** The JSON text of SECDESK_REGULATORY_CLOCKS, or the shipped defaults when it is unset. */
export function parseRegulatoryClocks(textValue: string | undefined, catalogue: FactCatalogue): RegulatoryClockConfig[] {
  if (textValue === undefined) return checkRegulatoryClocks(DEFAULT_REGULATORY_CLOCKS.map(definitionJson), catalogue);
  let parsed: unknown;
  try {
    parsed = JSON.parse(textValue);
  } catch {
    return fail('is not JSON');
  }
  return checkRegulatoryClocks(parsed, catalogue);
}
