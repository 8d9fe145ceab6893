// Editing stakeholder rules in the UI, server side: a draft of the rules is checked as a save would
// check it (a condition's error with its line and column, a level the risk matrix lacks) and
// previewed against a sample incident without being saved; every preview lists the regulatory
// clocks the facts would start. Both endpoints are for those who may change the rules. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

type Rule = { id: string; group: string; condition: string; contacts: { name: string }[]; cadence: { kind: string; minutes?: number } };
type Problem = { ruleId: string; field: string; message: string; line?: number; column?: number };
type Clock = { id: string; name: string; deadline: string; owner: string; ownerLabel: string; because: string };

let t: TestApp;
let manager: Client;
let engineer: Client;
let viewer: Client;
let saved: Rule[];

before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'simoc@example.com', ['incident_manager']);
  await createUser(t.app, 'seoc@example.com', ['security_engineer']);
  await createUser(t.app, 'viewer@example.com', ['read_only']);
  manager = await signIn(t.http, 'simoc@example.com');
  engineer = await signIn(t.http, 'seoc@example.com');
  viewer = await signIn(t.http, 'viewer@example.com');
  saved = (await viewer.request('GET', '/api/stakeholder-rules')).json().rules;
});
after(async () => t?.close());

const withLegal = (change: Partial<Rule>) => saved.map((r) => (r.id === 'legal' ? { ...r, ...change } : r));
const BREACH = { impact: 4, likelihood: 4, type: 'data_breach', facts: { dataBreach: true } };

test(`the check finds a condition's error with its position, a level the risk matrix lacks, and the save's warnings; nothing is saved (${TEST_ENGINE})`, async () => {
  const res = await manager.request('POST', '/api/stakeholder-rules/check', { rules: withLegal({ condition: 'data_breach or\n  personal_data_exposd' }) });
  assert.equal(res.statusCode, 200, res.body);
  const answer = res.json() as { errors: Problem[]; warnings: Problem[]; conditions: (string | null)[] };
  assert.equal(answer.errors.length, 1);
  assert.deepEqual({ ...answer.errors[0], message: undefined }, { ruleId: 'legal', field: 'condition', message: undefined, line: 2, column: 3 });
  assert.match(answer.errors[0]!.message, /^unknown field 'personal_data_exposd' at line 2, column 3; did you mean 'personal_data_exposed'\?/);
  // The same words a refused save gives.
  const refused = await manager.request('PUT', '/api/stakeholder-rules', { rules: withLegal({ condition: 'data_breach or\n  personal_data_exposd' }) });
  assert.equal(refused.statusCode, 400);
  assert.deepEqual(refused.json().error.details.errors, answer.errors);
  // Each condition that checks, in plain words, in the rules' order.
  assert.deepEqual(answer.conditions, [
    'overall impact is High or higher',
    'there is a data breach or an RCE has evidence of exploitation',
    answer.conditions[2],
    null,
  ]);
  assert.ok(answer.warnings.some((w) => w.ruleId === 'e-group' && w.field === 'contacts'));

  const level = (await manager.request('POST', '/api/stakeholder-rules/check', { rules: withLegal({ condition: 'impact >= severe' }) })).json();
  assert.deepEqual(
    level.errors.map((e: Problem) => [e.ruleId, e.column]),
    [['legal', 11]],
  );
  assert.match(level.errors[0].message, /^unknown value 'severe' for 'impact' at column 11; expected one of low, medium, high, critical/);

  const fine = (await manager.request('POST', '/api/stakeholder-rules/check', { rules: saved })).json();
  assert.deepEqual(fine.errors, []);
  assert.deepEqual((await viewer.request('GET', '/api/stakeholder-rules')).json().rules, saved);
});

test(`the preview of unsaved rules engages by the draft, reports a rule that does not check, and leaves the saved rules alone (${TEST_ENGINE})`, async () => {
  const before = (await manager.request('POST', '/api/incidents/preview', BREACH)).json();
  assert.deepEqual(
    before.engaged.map((e: { group: string }) => e.group),
    ['Sr. Director of Security', 'Broader e-group', 'Legal'],
  );

  const draft = saved.map((r) =>
    r.id === 'legal'
      ? { ...r, condition: 'personal_data_exposed', cadence: { kind: 'every', minutes: 30 } }
      : r.id === 'e-group'
        ? { ...r, condition: 'rce_exploited or' }
        : r,
  );
  draft.push({ ...saved[0]!, id: 'board', group: 'Board', condition: 'type = data_breach', contacts: [{ name: 'Chair' }] });
  const res = await manager.request('POST', '/api/stakeholder-rules/preview', {
    rules: draft,
    incident: { ...BREACH, facts: { dataBreach: true, personalDataExposed: true } },
  });
  assert.equal(res.statusCode, 200, res.body);
  const preview = res.json();
  assert.deepEqual(
    preview.engaged.map((e: { group: string }) => e.group),
    ['Sr. Director of Security', 'Legal', 'Board'],
  );
  assert.equal(preview.engaged[1].howOften, 'every 30 minutes');
  assert.deepEqual(preview.engaged[2].because, ['incident type is data breach']);
  assert.deepEqual(
    preview.problems.map((p: Problem) => [p.ruleId, p.field, p.line, p.column]),
    [['e-group', 'condition', 1, 17]],
  );

  const after = (await manager.request('POST', '/api/incidents/preview', BREACH)).json();
  assert.deepEqual(after.engaged, before.engaged);
  assert.deepEqual((await viewer.request('GET', '/api/stakeholder-rules')).json().rules, saved);
});

test(`every preview lists the regulatory clocks the facts would start (${TEST_ENGINE})`, async () => {
  const exposed = { impact: 2, likelihood: 2, type: 'data_breach', facts: { personalDataExposed: true } };
  const low = (await viewer.request('POST', '/api/incidents/preview', exposed)).json();
  // Below the communications plan nobody is engaged, but the clocks start all the same.
  assert.equal(low.planApplies, false);
  assert.deepEqual(
    low.clocks.map((c: Clock) => c.id),
    ['gdpr_art33', 'us_state_breach'],
  );
  assert.deepEqual(low.clocks[0], {
    id: 'gdpr_art33',
    name: 'GDPR Art. 33: notify the supervisory authority',
    deadline: '72 hours from awareness',
    owner: 'incident_manager',
    ownerLabel: 'Security Incident Manager On Call',
    because: 'personal data is exposed',
  });
  assert.equal(low.clocks[1].name, 'US state breach notice (shortest common deadline)');
  assert.equal(low.clocks[1].deadline, '30 days from awareness');
  // Why: the clauses of the clock's condition that hold (not the whole `personal_data_exposed or financial_information_exposed`).
  assert.equal(low.clocks[1].because, 'personal data is exposed');

  const high = (await manager.request('POST', '/api/stakeholder-rules/preview', { rules: saved, incident: { ...exposed, impact: 4, likelihood: 4 } })).json();
  assert.deepEqual(
    high.clocks.map((c: Clock) => c.id),
    ['gdpr_art33', 'gdpr_art34', 'us_state_breach'],
  );
  assert.deepEqual((await viewer.request('POST', '/api/incidents/preview', BREACH)).json().clocks, []);

  // The clocks a declaration starts are the ones the preview listed.
  const declared = await manager.request('POST', '/api/incidents', { title: 'Export leaked', description: '', ...exposed });
  assert.equal(declared.statusCode, 201, declared.body);
  const running = (await manager.request('GET', `/api/incidents/${declared.json().id}/regulatory-clocks`)).json();
  assert.deepEqual(
    running.clocks.map((c: { clockId?: string; definition?: string; name: string }) => c.name).sort(),
    low.clocks.map((c: Clock) => c.name).sort(),
  );
});

test(`checking and previewing a draft of the rules needs stakeholders.manage; bad bodies get a 400 (${TEST_ENGINE})`, async () => {
  for (const who of [engineer, viewer]) {
    assert.equal((await who.request('POST', '/api/stakeholder-rules/check', { rules: saved })).statusCode, 403);
    assert.equal((await who.request('POST', '/api/stakeholder-rules/preview', { rules: saved, incident: BREACH })).statusCode, 403);
  }
  assert.equal((await engineer.request('POST', '/api/incidents/preview', BREACH)).statusCode, 200);
  assert.equal((await manager.request('POST', '/api/stakeholder-rules/preview', { rules: saved })).statusCode, 400);
  assert.equal((await manager.request('POST', '/api/stakeholder-rules/preview', { rules: saved, incident: { ...BREACH, impact: 9 } })).statusCode, 400);
  assert.equal(
    (await manager.request('POST', '/api/stakeholder-rules/check', { rules: [{ ...saved[0], cadence: { kind: 'every', minutes: 0 } }] })).statusCode,
    400,
  );
  assert.equal((await manager.request('POST', '/api/stakeholder-rules/check', {})).statusCode, 400);
});
