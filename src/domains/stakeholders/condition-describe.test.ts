import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import { factCatalogue } from '../incidents/fact-catalogue.ts';
import { compileCondition } from './condition.ts';
import { describe } from './condition-describe.ts';

const catalogue = factCatalogue(DEFAULT_RISK_MATRIX);

test('conditions read as plain words', () => {
  const cases: [string, string][] = [
    ['impact >= high', 'overall impact is High or higher'],
    ['impact <= medium', 'overall impact is Medium or lower'],
    ['impact > medium', 'overall impact is higher than Medium'],
    ['impact != low', 'overall impact is not Low'],
    ['data_breach', 'there is a data breach'],
    ['not data_breach', 'there is no data breach'],
    ['data_breach = false', 'there is no data breach'],
    ['data_breach or rce_exploited', 'there is a data breach or an RCE has evidence of exploitation'],
    [
      'publicly_reported or regulatory_duty or impact_determined',
      'the incident has been publicly reported, there is a regulatory duty to announce or the full impact has been determined',
    ],
    [
      'impact >= high and (data_breach or rce_exploited)',
      'overall impact is High or higher and either there is a data breach or an RCE has evidence of exploitation',
    ],
    [
      'publicly_reported or impact >= high and users_impacted >= many',
      'the incident has been publicly reported or (overall impact is High or higher and users impacted is many or higher)',
    ],
    ['impact in (high, critical)', 'overall impact is High or Critical'],
    ['type not in (abuse)', 'incident type is not abuse'],
    ['type not in (abuse, policy_violation, other)', 'incident type is neither abuse, policy violation nor other'],
    ['not (data_breach and rce_exploited)', 'it is not the case that (there is a data breach and an RCE has evidence of exploitation)'],
  ];
  for (const [source, words] of cases) assert.equal(describe(compileCondition(source, catalogue)), words, source);
});
