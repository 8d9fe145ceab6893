import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX } from './risk-matrix.ts';
import { blankFacts, factCatalogue } from './fact-catalogue.ts';

test('the catalogue names every fact that drives the plan, with its type', () => {
  const catalogue = factCatalogue(DEFAULT_RISK_MATRIX);
  const summary = catalogue.fields.map((f) =>
    f.type.kind === 'boolean' ? f.name : `${f.name}:${f.type.ordered ? '<' : '|'}${f.type.values.map((v) => v.value).join(',')}`,
  );
  assert.deepEqual(summary, [
    'impact:<low,medium,high,critical',
    'users_impacted:<none,some,many,all',
    'type:|data_breach,rce,account_takeover,abuse,policy_violation,vulnerability,other',
    'data_breach',
    'personal_data_exposed',
    'private_projects_exposed',
    'financial_information_exposed',
    'rce_exploited',
    'publicly_reported',
    'regulatory_duty',
    'enterprise_customers_impacted',
    'impact_determined',
  ]);
});

test('fields read the incident facts; impact is the risk matrix level', () => {
  const catalogue = factCatalogue(DEFAULT_RISK_MATRIX);
  const facts = { ...blankFacts(5, 4, 'rce'), rceExploited: true, usersImpacted: 'many' as const };
  const read = (name: string) => catalogue.field(name)!.read(facts);
  assert.deepEqual(['impact', 'users_impacted', 'type', 'rce_exploited', 'data_breach'].map(read), ['critical', 'many', 'rce', true, false]);
  assert.equal(catalogue.field('nope'), undefined);
});
