// Checking stakeholder rules before they are saved: errors refuse the save (a condition that does
// not parse names its position); warnings are shown but saved (a group with no contacts yet).
import { ValidationError } from '../errors.ts';
import type { FactCatalogue } from '../incidents/fact-catalogue.ts';
import { isOnCallRole } from '../oncall/oncall-roles.ts';
import { describe } from './condition-describe.ts';
import { compileCondition, ConditionError } from './condition.ts';
import type { RuleField, RuleProblem, StakeholderRule } from './stakeholders.types.ts';

export const MAX_CADENCE_MINUTES = 24 * 60;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CHAT_CHANNEL = /^#[a-z0-9][a-z0-9._-]{0,79}$/;
// Deliberately loose: one @, no spaces, a dot in the domain. Delivery is the real test.
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]+\.[^\s@<>]+$/;
const MAX_TEXT = 200;
const MAX_CONTACTS = 50;

export interface RuleCheck {
  errors: RuleProblem[];
  warnings: RuleProblem[];
}

const within = (text: string | undefined, max = MAX_TEXT) => text !== undefined && text.trim().length > 0 && text.length <= max;

function checkOne(rule: StakeholderRule, groups: ReadonlySet<string>, catalogue: FactCatalogue, out: RuleCheck): void {
  const error = (field: RuleField, message: string, at?: { line: number; column: number }) => out.errors.push({ ruleId: rule.id, field, message, ...at });
  if (!SLUG.test(rule.id)) error('id', 'an id is 1 to 63 lower-case letters, digits and hyphens');
  if (!within(rule.group)) error('group', `a group name of 1 to ${MAX_TEXT} characters is required`);
  if (rule.note !== undefined && rule.note.length > 1000) error('note', 'a note is at most 1000 characters');
  checkContacts(rule, error, out);
  try {
    compileCondition(rule.condition, catalogue);
  } catch (err) {
    if (!(err instanceof ConditionError)) throw err;
    error('condition', err.message, { line: err.problem.line, column: err.problem.column });
  }
  checkDri(rule, rule.dri, 'dri', groups, error);
  if (rule.backup) checkDri(rule, rule.backup, 'backup', groups, error);
  if (rule.cadence.kind === 'every' && !(Number.isInteger(rule.cadence.minutes) && rule.cadence.minutes >= 1 && rule.cadence.minutes <= MAX_CADENCE_MINUTES)) {
    error('cadence', `a cadence is a whole number of minutes from 1 to ${MAX_CADENCE_MINUTES}`);
  }
  if (rule.channel.kind === 'channel' && !CHAT_CHANNEL.test(rule.channel.target)) error('channel', "a channel is '#' and a lower-case name, e.g. #e-group");
  if (rule.channel.kind === 'email' && !EMAIL.test(rule.channel.target)) error('channel', `'${rule.channel.target}' is not an email address`);
}

function checkDri(
  rule: StakeholderRule,
  dri: StakeholderRule['dri'],
  field: 'dri' | 'backup',
  groups: ReadonlySet<string>,
  error: (field: RuleField, message: string) => void,
): void {
  const who = field === 'dri' ? 'DRI' : 'backup DRI';
  if (dri.kind === 'on_call_role' && !isOnCallRole(dri.role)) error(field, `unknown on-call role '${dri.role}'`);
  if (dri.kind === 'stakeholder_group') {
    if (dri.group.toLowerCase() === rule.group.toLowerCase()) error(field, `a group cannot be its own ${who}`);
    else if (!groups.has(dri.group.toLowerCase())) error(field, `the ${who} '${dri.group}' is not a stakeholder group`);
  }
}

function checkContacts(rule: StakeholderRule, error: (field: RuleField, message: string) => void, out: RuleCheck): void {
  if (rule.contacts.length > MAX_CONTACTS) error('contacts', `at most ${MAX_CONTACTS} contacts per group`);
  for (const contact of rule.contacts) {
    if (!within(contact.name)) error('contacts', 'every contact needs a name');
    if (contact.email !== undefined && !EMAIL.test(contact.email)) error('contacts', `'${contact.email}' is not an email address`);
    if (contact.handle !== undefined && !within(contact.handle, 100)) error('contacts', 'a chat handle is 1 to 100 characters');
  }
  if (rule.contacts.length === 0) out.warnings.push({ ruleId: rule.id, field: 'contacts', message: `'${rule.group}' has no contacts yet` });
  else if (rule.channel.kind === 'direct_message' && rule.contacts.every((c) => !c.handle)) {
    out.warnings.push({ ruleId: rule.id, field: 'channel', message: `no contact of '${rule.group}' has a chat handle for direct messages` });
  }
}

export function checkRules(rules: readonly StakeholderRule[], catalogue: FactCatalogue): RuleCheck {
  const out: RuleCheck = { errors: [], warnings: [] };
  const ids = new Set<string>();
  const groups = new Set<string>();
  for (const rule of rules) {
    if (ids.has(rule.id)) out.errors.push({ ruleId: rule.id, field: 'id', message: `the id '${rule.id}' is used twice` });
    if (groups.has(rule.group.toLowerCase())) out.errors.push({ ruleId: rule.id, field: 'group', message: `the group '${rule.group}' has two rules` });
    ids.add(rule.id);
    groups.add(rule.group.toLowerCase());
  }
  for (const rule of rules) checkOne(rule, groups, catalogue, out);
  return out;
}

/** Each rule's condition in plain words ("overall impact is High or higher"), in the rules' order; null where it does not check. */
export function conditionWords(rules: readonly StakeholderRule[], catalogue: FactCatalogue): (string | null)[] {
  return rules.map((rule) => {
    try {
      return describe(compileCondition(rule.condition, catalogue));
    } catch (err) {
      if (err instanceof ConditionError) return null;
      throw err;
    }
  });
}

/** For a save: throws a ValidationError listing every error (its message is the first); returns the warnings. */
export function validateRules(rules: readonly StakeholderRule[], catalogue: FactCatalogue): RuleProblem[] {
  const { errors, warnings } = checkRules(rules, catalogue);
  const first = errors[0];
  if (first) throw new ValidationError(`stakeholder rule '${first.ruleId}': ${first.message}`, { errors, warnings });
  return warnings;
}
