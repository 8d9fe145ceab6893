import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import { ValidationError } from '../errors.ts';
import { factCatalogue } from '../incidents/fact-catalogue.ts';
import { DEFAULT_STAKEHOLDER_RULES } from './default-rules.ts';
import { checkRules, validateRules } from './stakeholder-rules.ts';
import type { StakeholderRule } from './stakeholders.types.ts';

const catalogue = factCatalogue(DEFAULT_RISK_MATRIX);
const legal = DEFAULT_STAKEHOLDER_RULES.find((r) => r.id === 'legal')!;
const withLegal = (change: Partial<StakeholderRule>) => DEFAULT_STAKEHOLDER_RULES.map((r) => (r.id === 'legal' ? { ...r, ...change } : r));

test('the four default rules check, with a warning for each group without contacts', () => {
  const { errors, warnings } = checkRules(DEFAULT_STAKEHOLDER_RULES, catalogue);
  assert.deepEqual(errors, []);
  assert.deepEqual(
    warnings.map((w) => w.message),
    [
      "'Sr. Director of Security' has no contacts yet",
      "'Broader e-group' has no contacts yet",
      "'Sr. Director of Corporate Marketing and PR Manager' has no contacts yet",
      "'Legal' has no contacts yet",
    ],
  );
});

test('a condition that does not parse is refused at save, pointing at the position', () => {
  const rules = withLegal({ condition: 'enterprise_customers_impacted or dat_breach' });
  assert.throws(
    () => validateRules(rules, catalogue),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.equal(err.message, "stakeholder rule 'legal': unknown field 'dat_breach' at column 34; did you mean 'data_breach'?");
      const { errors } = err.details as { errors: { field: string; line: number; column: number }[] };
      assert.deepEqual(
        errors.map((e) => [e.field, e.line, e.column]),
        [['condition', 1, 34]],
      );
      return true;
    },
  );
});

test('bad rules are refused with one problem per mistake', () => {
  const bad: StakeholderRule = {
    id: 'Bad Id',
    group: ' ',
    contacts: [{ name: '', email: 'not-an-address' }],
    condition: 'impact >=',
    dri: { kind: 'stakeholder_group', group: 'Nobody' },
    cadence: { kind: 'every', minutes: 0 },
    channel: { kind: 'channel', target: 'e-group' },
  };
  const { errors } = checkRules([bad], catalogue);
  assert.deepEqual(
    errors.map((e) => e.field),
    ['id', 'group', 'contacts', 'contacts', 'condition', 'dri', 'cadence', 'channel'],
  );
  const more = checkRules([{ ...legal, cadence: { kind: 'every', minutes: 90.5 }, channel: { kind: 'email', target: 'legal at example' } }], catalogue);
  assert.deepEqual(
    more.errors.map((e) => e.message),
    [
      "the DRI 'Sr. Director of Security' is not a stakeholder group",
      'a cadence is a whole number of minutes from 1 to 1440',
      "'legal at example' is not an email address",
    ],
  );
});

test('ids and groups are unique, and a group is not its own DRI', () => {
  const twice = [...DEFAULT_STAKEHOLDER_RULES, { ...legal, group: 'legal' }];
  assert.deepEqual(
    checkRules(twice, catalogue).errors.map((e) => e.message),
    ["the id 'legal' is used twice", "the group 'legal' has two rules"],
  );
  const self = withLegal({ dri: { kind: 'stakeholder_group', group: 'Legal' } });
  assert.deepEqual(
    checkRules(self, catalogue).errors.map((e) => e.message),
    ['a group cannot be its own DRI'],
  );
  const role = withLegal({ dri: { kind: 'on_call_role', role: 'janitor' as never } });
  assert.deepEqual(
    checkRules(role, catalogue).errors.map((e) => e.message),
    ["unknown on-call role 'janitor'"],
  );
});

test('a direct message rule warns when no contact has a chat handle', () => {
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) => ({ ...r, contacts: [{ name: `${r.group} lead`, email: 'lead@example.com' }] }));
  assert.deepEqual(
    validateRules(rules, catalogue).map((w) => w.message),
    ["no contact of 'Sr. Director of Security' has a chat handle for direct messages"],
  );
});
