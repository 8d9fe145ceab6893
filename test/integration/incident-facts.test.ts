// Incident facts, changes, notes and corrections, the timeline export, stakeholder rules (stored,
// editable, condition errors with their position), the engagement preview and status updates.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

let t: TestApp;
let admin: Client;
let engineer: Client;
let viewer: Client;

const UPDATE = {
  currentRisk: 'Medium',
  usersImpacted: 'some',
  timelineOfEvents: 'Alert at 09:10',
  mitigationSteps: 'Key rotated',
  currentStatus: 'Investigating',
  nextSteps: 'Review logs',
};

before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'seoc@example.com', ['security_engineer']);
  await createUser(t.app, 'ro@example.com', ['read_only']);
  admin = await signIn(t.http, 'admin@example.com');
  engineer = await signIn(t.http, 'seoc@example.com');
  viewer = await signIn(t.http, 'ro@example.com');
});
after(async () => t?.close());

async function declare(body: object = {}) {
  const res = await engineer.request('POST', '/api/incidents', {
    title: 'Leaked key',
    description: '',
    type: 'vulnerability',
    impact: 2,
    likelihood: 3,
    ...body,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

test(`facts, severity and status changes are on the timeline with before and after (${TEST_ENGINE})`, async () => {
  const incident = await declare();
  assert.equal(incident.commsPlanApplies, false);
  assert.deepEqual(incident.engagements, [], 'below High the plan does not apply');
  const res = await engineer.request('PATCH', `/api/incidents/${incident.id}`, {
    impact: 4,
    likelihood: 4,
    status: 'investigating',
    facts: { rceExploited: true, usersImpacted: 'many' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const changed = res.json();
  const summaries = changed.timeline.map((e: { kind: string; summary: string }) => `${e.kind}: ${e.summary}`);
  assert.ok(
    summaries.some((s: string) => /^severity_changed: Severity changed: risk: Medium \(6.*\) → High \(16/.test(s)),
    summaries.join('\n'),
  );
  assert.ok(summaries.some((s: string) => s === 'facts_changed: Facts changed: RCE with evidence of exploitation: no → yes; users impacted: none → many'));
  assert.ok(summaries.some((s: string) => s === 'status_changed: Status changed: declared → investigating'));
  assert.deepEqual(changed.engagements.map((e: { group: string }) => e.group).sort(), ['Broader e-group', 'Sr. Director of Security']);
  // The lifecycle only moves forward; unknown facts and wrong types are refused.
  const back = await engineer.request('PATCH', `/api/incidents/${incident.id}`, { status: 'declared' });
  assert.equal(back.statusCode, 400);
  assert.match(back.json().error.message, /moves forward only/);
  assert.equal((await engineer.request('PATCH', `/api/incidents/${incident.id}`, { facts: { alienInvasion: true } })).statusCode, 400);
  assert.equal((await engineer.request('PATCH', `/api/incidents/${incident.id}`, { facts: { dataBreach: 'yes' } })).statusCode, 400);
  assert.equal((await engineer.request('PATCH', `/api/incidents/${incident.id}`, {})).statusCode, 400);
  assert.equal((await viewer.request('PATCH', `/api/incidents/${incident.id}`, { impact: 5 })).statusCode, 403);
  const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', incident.id).execute();
  assert.ok(audit.some((a) => a.action === 'incident.changed'));
});

test('notes carry their own event time; corrections add, never edit; the timeline exports', async () => {
  const incident = await declare();
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const note = await engineer.request('POST', `/api/incidents/${incident.id}/notes`, { at, text: 'First alert seen in the SIEM' });
  assert.equal(note.statusCode, 201, note.body);
  assert.equal(note.json().at, at);
  const correction = await engineer.request('POST', `/api/incidents/${incident.id}/notes`, {
    at: new Date().toISOString(),
    text: 'It was the WAF, not the SIEM',
    corrects: note.json().id,
  });
  assert.equal(correction.statusCode, 201);
  assert.match(correction.json().summary, /^Correction to "First alert seen in the SIEM": It was the WAF/);
  const timeline = (await engineer.request('GET', `/api/incidents/${incident.id}`)).json().timeline;
  assert.equal(timeline[0].summary, 'First alert seen in the SIEM', 'ordered by event time; the original is kept');
  assert.equal(
    (await engineer.request('POST', `/api/incidents/${incident.id}/notes`, { at: new Date(Date.now() + 86_400_000).toISOString(), text: 'x' })).statusCode,
    400,
  );
  assert.equal((await engineer.request('POST', `/api/incidents/${incident.id}/notes`, { at, text: 'x', corrects: incident.id })).statusCode, 404);

  const jsonl = await viewer.request('GET', `/api/incidents/${incident.id}/timeline/export?format=jsonl`);
  assert.equal(jsonl.statusCode, 200);
  assert.match(String(jsonl.headers['content-type']), /application\/jsonl/);
  const lines = jsonl.body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  // Nobody is on call in this test, so the Security Engineer On Call is recorded as unfilled at declaration.
  assert.deepEqual(
    lines.map((l) => l.kind),
    ['note', 'declared', 'role_unfilled', 'correction'],
  );
  const md = await viewer.request('GET', `/api/incidents/${incident.id}/timeline/export?format=markdown`);
  assert.match(md.body, /^# Incident #\d+: Leaked key/);
  assert.match(md.body, /\| note \| First alert seen in the SIEM \|/);
});

test('stakeholder rules: the four defaults are seeded and editable; a bad condition is refused with its position', async () => {
  const rules = (await viewer.request('GET', '/api/stakeholder-rules')).json().rules;
  assert.deepEqual(
    rules.map((r: { id: string }) => r.id),
    ['sr-director-of-security', 'e-group', 'corporate-marketing-and-pr', 'legal'],
  );
  const broken = rules.map((r: { id: string }) => (r.id === 'legal' ? { ...r, condition: 'data_breach or (personal_data_exposed' } : r));
  const refused = await admin.request('PUT', '/api/stakeholder-rules', { rules: broken });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.message, /^stakeholder rule 'legal': .* at column 38/);
  assert.deepEqual(refused.json().error.details.errors[0], {
    ruleId: 'legal',
    field: 'condition',
    message: refused.json().error.message.replace("stakeholder rule 'legal': ", ''),
    line: 1,
    column: 38,
  });
  const multiline = rules.map((r: { id: string }) => (r.id === 'legal' ? { ...r, condition: 'data_breach\nor severity >= high' } : r));
  assert.match((await admin.request('PUT', '/api/stakeholder-rules', { rules: multiline })).json().error.message, /line 2, column 4/);
  assert.equal((await engineer.request('PUT', '/api/stakeholder-rules', { rules })).statusCode, 403);

  // An edit: Legal hourly instead of continuous, with a contact; saved with the warnings of the others.
  const edited = rules.map((r: { id: string }) =>
    r.id === 'legal' ? { ...r, cadence: { kind: 'every', minutes: 90 }, contacts: [{ name: 'Lee Legal' }] } : r,
  );
  const saved = await admin.request('PUT', '/api/stakeholder-rules', { rules: edited });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.ok(saved.json().warnings.some((w: { ruleId: string; field: string }) => w.ruleId === 'e-group' && w.field === 'contacts'));
  const preview = (
    await viewer.request('POST', '/api/incidents/preview', { impact: 4, likelihood: 4, type: 'data_breach', facts: { personalDataExposed: true } })
  ).json();
  assert.equal(preview.engaged.find((e: { group: string }) => e.group === 'Legal').howOften, 'every 90 minutes');
  const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'stakeholder_rules.saved').execute();
  assert.equal(audit.length, 1);
  await admin.request('PUT', '/api/stakeholder-rules', { rules });
});

test('the preview shows, for draft facts, who would be engaged, by whom, how often and why', async () => {
  const low = (await viewer.request('POST', '/api/incidents/preview', { impact: 2, likelihood: 2, type: 'other' })).json();
  assert.equal(low.planApplies, false);
  assert.deepEqual(low.engaged, []);
  assert.match(low.notEngaged[0].reason, /applies from High upward; this incident is Low/);
  const res = await viewer.request('POST', '/api/incidents/preview', { impact: 4, likelihood: 4, type: 'data_breach', facts: { dataBreach: true } });
  assert.equal(res.statusCode, 200, res.body);
  const breach = res.json();
  assert.deepEqual(
    breach.engaged.map((e: { group: string }) => e.group),
    ['Sr. Director of Security', 'Broader e-group', 'Legal'],
  );
  const egroup = breach.engaged[1];
  assert.deepEqual(
    [egroup.by, egroup.howOften, egroup.through, egroup.because],
    ['Sr. Director of Security', 'every hour', 'the #e-group channel', ['there is a data breach']],
  );
  assert.equal((await viewer.request('POST', '/api/incidents/preview', { impact: 9, likelihood: 1, type: 'other' })).statusCode, 400);
  assert.equal((await viewer.request('POST', '/api/incidents/preview', { impact: 3, likelihood: 1, type: 'other', facts: { nope: true } })).statusCode, 400);
});

test('status updates: the missing field is named, history keeps diffs, the draft is prefilled', async () => {
  const incident = await declare({ impact: 4, likelihood: 3 });
  const missing = await engineer.request('POST', `/api/incidents/${incident.id}/updates`, { ...UPDATE, nextSteps: '   ' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.json().error.message, /next steps \(nextSteps\) is required/);
  const absent = await engineer.request('POST', `/api/incidents/${incident.id}/updates`, { ...UPDATE, mitigationSteps: undefined });
  assert.equal(absent.statusCode, 400);
  assert.match(absent.json().error.message, /mitigationSteps/);
  assert.equal((await engineer.request('POST', `/api/incidents/${incident.id}/updates`, { ...UPDATE, usersImpacted: 'lots' })).statusCode, 400);

  const first = await engineer.request('POST', `/api/incidents/${incident.id}/updates`, UPDATE);
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().number, 1);
  assert.equal(first.json().engagementIds.length, 1);
  await engineer.request('POST', `/api/incidents/${incident.id}/notes`, { at: new Date().toISOString(), text: 'Attacker IP blocked' });
  const draft = (await engineer.request('GET', `/api/incidents/${incident.id}/updates/draft`)).json();
  assert.equal(draft.noChangeSince, null);
  assert.match(draft.timelineOfEvents, /^Alert at 09:10\n.* Attacker IP blocked$/);
  assert.equal(draft.currentRisk, 'High (score 12)');
  const { noChangeSince: _n, ...fields } = draft;
  const second = (await engineer.request('POST', `/api/incidents/${incident.id}/updates`, { ...fields, currentStatus: 'Contained' })).json();
  assert.deepEqual(
    second.changes.map((c: { field: string }) => c.field),
    ['currentRisk', 'usersImpacted', 'timelineOfEvents', 'currentStatus'],
  );
  const history = (await viewer.request('GET', `/api/incidents/${incident.id}/updates`)).json().items;
  assert.deepEqual(
    history.map((u: { number: number }) => u.number),
    [1, 2],
  );
  assert.equal(history[0].changes.length, 6, 'the first update is all new');
  const again = (await engineer.request('GET', `/api/incidents/${incident.id}/updates/draft`)).json();
  assert.match(again.currentStatus, /^No change since .*\. Contained$/);
  const timeline = (await engineer.request('GET', `/api/incidents/${incident.id}`)).json().timeline;
  // No chat and no relay here: nobody was reached, and the timeline says so with the settings that would.
  const published = timeline.filter((e: { kind: string }) => e.kind === 'status_update')[0];
  assert.match(
    published.summary,
    /^Status update #1 published\. Delivered to nobody: it is on the incident page only\. Not delivered to Sr\. Director of Security \(no channel configured: no chat is configured \(SECDESK_SLACK_TOKEN or SECDESK_MATTERMOST_URL\)\)\.$/,
  );
});
