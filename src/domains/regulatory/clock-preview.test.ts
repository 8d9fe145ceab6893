import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankFacts, factCatalogue } from '../incidents/fact-catalogue.ts';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import { parseRegulatoryClocks } from './clock-definitions.ts';
import { previewClocks } from './clock-preview.ts';

const clocks = parseRegulatoryClocks(undefined, factCatalogue(DEFAULT_RISK_MATRIX));

test('the preview names the clocks the facts start, with the deadline rule and the owner', () => {
  assert.deepEqual(previewClocks(clocks, blankFacts(2, 2)), []);
  const exposed = previewClocks(clocks, { ...blankFacts(2, 2), personalDataExposed: true });
  assert.deepEqual(
    exposed.map((c) => c.id),
    ['gdpr_art33', 'us_state_breach'],
  );
  assert.deepEqual(exposed[0], {
    id: 'gdpr_art33',
    name: 'GDPR Art. 33: notify the supervisory authority',
    deadline: '72 hours from awareness',
    owner: 'incident_manager',
    ownerLabel: 'Security Incident Manager On Call',
    because: 'personal data is exposed',
  });
  assert.equal(exposed[1]!.deadline, '30 days from awareness');
  const sec = previewClocks(clocks, { ...blankFacts(2, 2), regulatoryDuty: true, financialInformationExposed: true }).find((c) => c.id === 'sec_8k');
  assert.equal(sec?.deadline, '4 business days from declaration');
});
