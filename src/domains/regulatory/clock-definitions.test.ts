import { test } from 'node:test';
import assert from 'node:assert/strict';
import { factCatalogue, blankFacts } from '../incidents/fact-catalogue.ts';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import { evaluate } from '../stakeholders/condition.ts';
import { parseRegulatoryClocks, RegulatoryClocksError } from './clock-definitions.ts';

const catalogue = factCatalogue(DEFAULT_RISK_MATRIX);

test('the shipped clocks check, and their conditions follow the facts', () => {
  const clocks = parseRegulatoryClocks(undefined, catalogue);
  assert.deepEqual(
    clocks.map((c) => c.id),
    ['gdpr_art33', 'gdpr_art34', 'us_state_breach', 'sec_8k'],
  );
  const holds = (facts: Partial<ReturnType<typeof blankFacts>>) =>
    clocks.filter((c) => evaluate(c.condition, { ...blankFacts(2, 2), ...facts })).map((c) => c.id);
  assert.deepEqual(holds({}), []);
  assert.deepEqual(holds({ personalDataExposed: true }), ['gdpr_art33', 'us_state_breach']);
  assert.deepEqual(holds({ personalDataExposed: true, impact: 4, likelihood: 4 }), ['gdpr_art33', 'gdpr_art34', 'us_state_breach']);
  assert.deepEqual(holds({ regulatoryDuty: true, financialInformationExposed: true }), ['us_state_breach', 'sec_8k']);
  assert.deepEqual(clocks.find((c) => c.id === 'sec_8k')!.span, { businessDays: 4 });
});

test('a configured list is checked with errors naming the clock and field', () => {
  const bad = (value: unknown, pattern: RegExp) =>
    assert.throws(
      () => parseRegulatoryClocks(JSON.stringify(value), catalogue),
      (err: Error) => err instanceof RegulatoryClocksError && pattern.test(err.message),
    );
  const ok = { id: 'nis2', name: 'NIS2 early warning', when: 'impact >= high', hours: 24, from: 'awareness', reminders: [12], owner: 'incident_manager' };
  assert.equal(parseRegulatoryClocks(JSON.stringify([ok]), catalogue)[0]!.name, 'NIS2 early warning');
  assert.deepEqual(parseRegulatoryClocks('[]', catalogue), []);
  bad({}, /JSON array/);
  bad([{ ...ok, when: 'personal_data_exposd' }], /clocks\[0\]\.when: unknown field 'personal_data_exposd'.*did you mean 'personal_data_exposed'/);
  bad([{ ...ok, hours: undefined }], /clocks\[0\] needs exactly one of hours or businessDays/);
  bad([{ ...ok, businessDays: 2 }], /exactly one of hours or businessDays/);
  bad([{ ...ok, owner: 'ceo' }], /clocks\[0\]\.owner must be one of/);
  bad([{ ...ok, from: 'discovery' }], /\.from must be one of awareness, declared/);
  bad([{ ...ok, reminders: [-1] }], /reminders/);
  bad([{ ...ok, colour: 'red' }], /unknown field 'colour'/);
  bad([ok, ok], /clocks\[1\]\.id 'nis2' is used twice/);
  assert.throws(() => parseRegulatoryClocks('{', catalogue), /is not JSON/);
});
