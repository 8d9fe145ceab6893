// The first-run checklist on the defaults and after a team sets up (people with the plan's roles,
// rotations, the customer directory and a SOC 2 report, a relay): each item's state, what it blocks
// and where to fix it; the test mail through the real relay (a loopback SMTP sink) and its refusal
// naming SMTP_URL when none is configured; admins only. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

let bare: TestApp;
let team: TestApp;
let sink: SmtpSink;

before(async () => {
  sink = await startSmtpSink();
  bare = await startTestApp();
  team = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      SECDESK_PUBLIC_URL: 'https://secdesk.example.com',
      SECDESK_INBOX_ADDRESS: 'security@example.com',
      SECDESK_TEAM_NAME: 'Example Security',
      SECDESK_TIME_ZONE: 'Europe/Berlin',
      SECDESK_HOLIDAYS: 'DE',
    },
  });
});
after(async () => {
  await bare.close();
  await team.close();
  await sink.close();
});

type Item = { id: string; state: string; detail: string; blocks: string[]; fix: Record<string, string> | null };
const items = async (admin: Client) => {
  const res = await admin.request('GET', '/api/setup/checklist');
  assert.equal(res.statusCode, 200, res.body);
  return Object.fromEntries((res.json().items as Item[]).map((i) => [i.id, i]));
};

test(`on the defaults the checklist says what is missing, what it blocks and which setting fixes it (${TEST_ENGINE})`, async () => {
  await createUser(bare.app, 'admin@example.com', ['admin']);
  await createUser(bare.app, 'analyst@example.com', ['security_analyst']);
  const admin = await signIn(bare.http, 'admin@example.com');
  const i = await items(admin);
  assert.equal(i.public_url!.state, 'warning');
  assert.equal(i.public_url!.fix!.setting, 'SECDESK_PUBLIC_URL');
  assert.equal(i.relay!.state, 'missing');
  assert.equal(i.relay!.fix!.setting, 'SMTP_URL');
  assert.ok(i.relay!.blocks.includes('replies to requesters'));
  assert.equal(i.role_incident_manager!.state, 'missing');
  assert.equal(i.role_incident_manager!.fix!.page, '/admin/users');
  assert.equal(i.rotations!.state, 'missing');
  assert.equal(i.calendar!.state, 'warning');
  assert.match(i.calendar!.detail, /America\/New_York, public holidays of US/);
  assert.equal(i.stakeholders!.state, 'warning');
  assert.match(i.stakeholders!.detail, /Sr\. Director of Security/);
  assert.equal(i.policy_links!.state, 'warning');
  assert.match(i.policy_links!.detail, /Bug bounty programme \(https:\/\/hackerone\.com\/example\)/);

  const testMail = await admin.request('POST', '/api/setup/test-mail');
  assert.equal(testMail.statusCode, 400);
  assert.match(testMail.json().error.message, /no outgoing mail relay is configured: set the outgoing mail relay \(SMTP_URL\) in Admin → Setup/);
  const analyst = await signIn(bare.http, 'analyst@example.com');
  assert.equal((await analyst.request('GET', '/api/setup/checklist')).statusCode, 403);
  assert.equal((await analyst.request('POST', '/api/setup/test-mail')).statusCode, 403);
});

test(`a team that sets up sees its items done and receives the test mail through the relay (${TEST_ENGINE})`, async () => {
  const admin = await (async () => {
    await createUser(team.app, 'lead@example.com', ['admin']);
    return signIn(team.http, 'lead@example.com');
  })();
  const ids: Record<string, string> = {};
  for (const [email, roles] of [
    ['sam@example.com', ['security_engineer']],
    ['ira@example.com', ['incident_manager']],
    ['cora@example.com', ['communications_manager']],
    ['mo@example.com', ['marketing']],
    ['sue@example.com', ['support']],
  ] as const) {
    ids[email] = (await createUser(team.app, email, [...roles])).id;
  }
  for (const [role, email] of [
    ['security_engineer', 'sam@example.com'],
    ['incident_manager', 'ira@example.com'],
    ['communications_manager', 'cora@example.com'],
  ] as const) {
    const res = await admin.request('PUT', `/api/oncall/rotations/${role}`, {
      name: role,
      timeZone: 'Europe/Berlin',
      handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
      startDate: '2026-01-05',
      participants: [ids[email]],
      overrides: [],
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  const csv = 'name,account_id,email_domains,soc2,pentest,nda_on_file\nAcme Corp,ACME-1,acme.example,yes,yes,yes\n';
  assert.equal(
    (
      await team.http.inject({
        method: 'POST',
        url: '/api/customers/import',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'text/csv' },
        payload: csv,
      })
    ).statusCode,
    200,
  );
  assert.equal(
    (
      await team.http.inject({
        method: 'POST',
        url: '/api/compliance/reports/soc2?filename=soc2.pdf',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/pdf' },
        payload: Buffer.from('%PDF-1.7 report'),
      })
    ).statusCode,
    201,
  );

  const i = await items(admin);
  for (const id of [
    'public_url',
    'security_address',
    'relay',
    'calendar',
    'role_security_engineer',
    'role_incident_manager',
    'role_communications_manager',
    'role_marketing',
    'role_support',
    'rotations',
    'compliance',
  ]) {
    assert.equal(i[id]!.state, 'done', `${id}: ${i[id]!.detail}`);
  }
  assert.match(i.rotations!.detail, /Security Engineer On Call: sam/);
  assert.match(i.calendar!.detail, /Europe\/Berlin, public holidays of DE/);

  const sent = await admin.request('POST', '/api/setup/test-mail');
  assert.equal(sent.statusCode, 200, sent.body);
  assert.deepEqual(sent.json(), { to: 'lead@example.com', delivered: true, detail: 'the relay accepted the test mail' });
  const mail = await waitFor(() => sink.received.find((m) => m.subject === 'secdesk test mail'), 'the test mail at the relay');
  assert.equal((mail.to as { text: string }).text, 'lead@example.com');
  assert.match((mail.from as { text: string }).text, /"Example Security" <security@example\.com>/);
});
