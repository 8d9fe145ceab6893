import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_MATRIX } from '../incidents/risk-matrix.ts';
import { blankFacts } from '../incidents/fact-catalogue.ts';
import type { IncidentFacts } from '../incidents/incidents.types.ts';
import { DEFAULT_STAKEHOLDER_RULES } from './default-rules.ts';
import { preview } from './preview.ts';
import type { StakeholderRule } from './stakeholders.types.ts';

/** impact 4 × likelihood 3 = 12: High. */
const high = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({ ...blankFacts(4, 3), ...over });
const groups = (facts: IncidentFacts) => preview(DEFAULT_STAKEHOLDER_RULES, facts, { matrix: DEFAULT_RISK_MATRIX }).engaged.map((e) => e.ruleId);

test('which default groups are engaged, table-driven', () => {
  const cases: [string, IncidentFacts, string[]][] = [
    ['a high incident with nothing established', high(), ['sr-director-of-security']],
    ['a data breach', high({ dataBreach: true }), ['sr-director-of-security', 'e-group', 'legal']],
    ['an exploited RCE', high({ rceExploited: true }), ['sr-director-of-security', 'e-group']],
    ['publicly reported', high({ publiclyReported: true }), ['sr-director-of-security', 'corporate-marketing-and-pr']],
    ['a regulatory duty', high({ regulatoryDuty: true }), ['sr-director-of-security', 'corporate-marketing-and-pr']],
    ['full impact determined', high({ impactDetermined: true }), ['sr-director-of-security', 'corporate-marketing-and-pr']],
    ['enterprise customers impacted', high({ enterpriseCustomersImpacted: true }), ['sr-director-of-security', 'legal']],
    ['private projects exposed', high({ privateProjectsExposed: true }), ['sr-director-of-security', 'legal']],
    [
      'financial information exposed, critical',
      { ...high({ financialInformationExposed: true }), impact: 5, likelihood: 4 },
      ['sr-director-of-security', 'legal'],
    ],
  ];
  for (const [what, facts, expected] of cases) assert.deepEqual(groups(facts), expected, what);
});

test('below High the plan does not apply, and the preview says so', () => {
  const result = preview(DEFAULT_STAKEHOLDER_RULES, { ...high({ dataBreach: true }), impact: 3, likelihood: 3 }, { matrix: DEFAULT_RISK_MATRIX });
  assert.equal(result.planApplies, false);
  assert.equal(result.risk.label, 'Medium');
  assert.deepEqual(result.engaged, []);
  assert.equal(result.notEngaged.length, 4);
  assert.equal(result.notEngaged[0]!.reason, 'the communications plan applies from High upward; this incident is Medium');
});

test('the preview says by whom, how often, through which channel and why', () => {
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) => (r.id === 'sr-director-of-security' ? { ...r, contacts: [{ name: 'Jane Doe', handle: '@jane' }] } : r));
  const result = preview(rules, high({ dataBreach: true, publiclyReported: true, personalDataExposed: true }), {
    matrix: DEFAULT_RISK_MATRIX,
    onCall: { incident_manager: 'Dana Scully', communications_manager: null },
  });
  const byGroup = new Map(result.engaged.map((e) => [e.ruleId, e]));
  assert.deepEqual(
    [...byGroup.values()].map((e) => [e.group, e.by, e.howOften, e.through]),
    [
      ['Sr. Director of Security', 'Security Incident Manager On Call (Dana Scully)', 'every hour', 'direct message to Jane Doe'],
      ['Broader e-group', 'Sr. Director of Security (Jane Doe)', 'every hour', 'the #e-group channel'],
      [
        'Sr. Director of Corporate Marketing and PR Manager',
        'Communications Manager On Call (nobody on call)',
        'continuously, on every update',
        "the incident's channel",
      ],
      ['Legal', 'Sr. Director of Security (Jane Doe)', 'continuously, on every update', "the incident's channel"],
    ],
  );
  assert.deepEqual(byGroup.get('sr-director-of-security')!.because, ['overall impact is High or higher']);
  assert.deepEqual(byGroup.get('e-group')!.because, ['there is a data breach']);
  assert.deepEqual(byGroup.get('corporate-marketing-and-pr')!.because, ['the incident has been publicly reported']);
  assert.deepEqual(byGroup.get('legal')!.because, ['there is a data breach', 'personal data is exposed']);
});

test('groups not engaged say which condition was not met', () => {
  const result = preview(DEFAULT_STAKEHOLDER_RULES, high(), { matrix: DEFAULT_RISK_MATRIX });
  assert.deepEqual(
    result.notEngaged.map((n) => n.reason),
    [
      'not met: there is a data breach or an RCE has evidence of exploitation',
      'not met: the incident has been publicly reported, there is a regulatory duty to announce or the full impact has been determined',
      'not met: enterprise (self-managed) customers are impacted, there is a data breach, personal data is exposed, private projects are exposed or financial information is exposed',
    ],
  );
});

test('a draft rule that does not parse is reported and the others still preview', () => {
  const draft: StakeholderRule = {
    ...DEFAULT_STAKEHOLDER_RULES[1]!,
    id: 'draft',
    group: 'Draft',
    condition: 'data_breach or',
    cadence: { kind: 'every', minutes: 30 },
  };
  const result = preview([...DEFAULT_STAKEHOLDER_RULES, draft], high({ dataBreach: true }), { matrix: DEFAULT_RISK_MATRIX });
  assert.deepEqual(result.problems, [
    { ruleId: 'draft', field: 'condition', message: 'expected a field name at column 15; the condition ends there', line: 1, column: 15 },
  ]);
  assert.equal(result.engaged.length, 3);
});
