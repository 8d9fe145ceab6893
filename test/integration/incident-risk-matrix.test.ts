// Done when: a team's own risk matrix (SECDESK_RISK_MATRIX: renamed labels, `high` from a score of
// 6 instead of 10) scores declarations, sets the communications-plan flag, moves the stakeholder
// preview and engagements with it, is what GET /api/risk-matrix serves, and checks rule saves. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const MATRIX = {
  impactLabels: ['Trivial', 'Small', 'Notable', 'Big', 'Huge'],
  likelihoodLabels: ['Never', 'Seldom', 'Sometimes', 'Often', 'Always'],
  levels: [
    { level: 'low', label: 'Green', minScore: 1, commsPlan: false },
    { level: 'medium', label: 'Amber', minScore: 3, commsPlan: false },
    { level: 'high', label: 'Red', minScore: 6, commsPlan: true },
    { level: 'critical', label: 'Black', minScore: 15, commsPlan: true },
  ],
};

let database: TestDatabase;
let t: TestApp | null;
let manager: Client;
let admin: Client;

before(async () => {
  // On disk for PGlite, so that a second start sees the same data.
  database = await createTestDatabase(undefined, mkdtempSync(path.join(tmpdir(), 'secdesk-matrix-')));
  t = await startTestApp({ database, env: { SECDESK_RISK_MATRIX: JSON.stringify(MATRIX) } });
  await createUser(t!.app, 'admin@example.com', ['admin']);
  await createUser(t!.app, 'simoc@example.com', ['incident_manager']);
  admin = await signIn(t!.http, 'admin@example.com');
  manager = await signIn(t!.http, 'simoc@example.com');
});
after(async () => {
  await t?.close();
  await database?.drop();
});

test('GET /api/risk-matrix serves the configured matrix to anyone signed in, nobody else', async () => {
  const res = await manager.request('GET', '/api/risk-matrix');
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), MATRIX);
  assert.equal((await t!.http.inject({ method: 'GET', url: '/api/risk-matrix' })).statusCode, 401);
});

test('a declaration scores on the configured matrix: 2 × 3 is Red and the communications plan applies', async () => {
  const res = await manager.request('POST', '/api/incidents', {
    title: 'Exposed bucket',
    description: '',
    type: 'data_breach',
    impact: 2,
    likelihood: 3,
    facts: { dataBreach: true },
  });
  assert.equal(res.statusCode, 201, res.body);
  const incident = res.json();
  assert.deepEqual(incident.risk, { score: 6, level: 'high', label: 'Red' }, 'the shipped matrix would call 6 Medium');
  assert.equal(incident.commsPlanApplies, true);
  assert.match(incident.timeline.find((e: { kind: string }) => e.kind === 'declared').summary, /\(risk Red, 6; /);
  const groups = incident.engagements.map((e: { group: string }) => e.group);
  assert.ok(groups.includes('Sr. Director of Security'), '`impact >= high` holds from 6 on this matrix');
  const listed = (await manager.request('GET', '/api/incidents')).json().items.find((i: { id: string }) => i.id === incident.id);
  assert.equal(listed.risk.label, 'Red');

  const lowered = await manager.request('PATCH', `/api/incidents/${incident.id}`, { likelihood: 2 });
  assert.equal(lowered.statusCode, 200, lowered.body);
  assert.equal(lowered.json().commsPlanApplies, false);
  assert.ok(lowered.json().timeline.some((e: { summary: string }) => /^Severity changed: risk: Red \(6, .*\) → Amber \(4, /.test(e.summary)));
});

test('the stakeholder preview engages from the configured high threshold upward', async () => {
  const draft = (impact: number, likelihood: number) =>
    manager.request('POST', '/api/incidents/preview', { impact, likelihood, type: 'data_breach', facts: { dataBreach: true } });
  const amber = (await draft(2, 2)).json();
  assert.equal(amber.planApplies, false);
  assert.deepEqual(amber.engaged, []);
  assert.match(amber.notEngaged[0].reason, /^the communications plan applies from Red upward; this incident is Amber$/);
  const red = (await draft(3, 2)).json();
  assert.equal(red.planApplies, true);
  assert.deepEqual(red.risk, { score: 6, level: 'high', label: 'Red', commsPlanApplies: true });
  assert.ok(red.engaged.some((e: { ruleId: string; because: string[] }) => e.ruleId === 'sr-director-of-security' && e.because.some((b) => /Red/.test(b))));
});

test('rules are checked against the configured levels when saved', async () => {
  const rules = (await admin.request('GET', '/api/stakeholder-rules')).json().rules;
  const withLevel = (condition: string) => rules.map((r: { id: string }) => (r.id === 'legal' ? { ...r, condition } : r));
  const refused = await admin.request('PUT', '/api/stakeholder-rules', { rules: withLevel('impact >= severe') });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.message, /^stakeholder rule 'legal': .*severe/);
  assert.equal((await admin.request('PUT', '/api/stakeholder-rules', { rules: withLevel('impact >= critical') })).statusCode, 200);
});

test('a stored rule naming a level the matrix no longer has is reported at startup', async () => {
  await t!.close();
  t = null;
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const withoutCritical = { ...MATRIX, levels: MATRIX.levels.filter((l) => l.level !== 'critical') };
  t = await startTestApp({ database, env: { SECDESK_RISK_MATRIX: JSON.stringify(withoutCritical) }, app: { logger } });
  const warning = lines.map((l) => JSON.parse(l).msg as string).find((m) => m.startsWith("stakeholder rule 'legal'"));
  assert.ok(warning, lines.join('\n'));
  assert.match(warning, /does not check against the risk matrix \(SECDESK_RISK_MATRIX\): .*critical.*; it engages nobody until it is fixed$/);
});
