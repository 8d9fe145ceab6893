// Requesting a review is a state of a communication, not a comment: the channel's reviewers (those
// holding its reviewer roles who may approve the version and see the incident) are notified in the
// app and by mail with an absolute link, the requester sees who was asked, a second request for the
// same version is refused, an edit supersedes the request, and an approval ends it. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
const people = {} as Record<'im' | 'eng' | 'admin' | 'eng2' | 'cm', Client>;

before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ env: { SMTP_URL: sink.url, SECDESK_INBOX_ADDRESS: 'security@secdesk.example', SECDESK_PUBLIC_URL: 'https://secdesk.example' } });
  const roles = { im: ['incident_manager'], eng: ['security_engineer'], admin: ['admin'], eng2: ['security_engineer'], cm: ['communications_manager'] };
  for (const [name, held] of Object.entries(roles) as [keyof typeof people, string[]][]) {
    await createUser(t.app, `${name}@corp.example`, held);
    people[name] = await signIn(t.http, `${name}@corp.example`);
  }
});
after(async () => {
  await t.close();
  await sink.close();
});

async function ok(client: Client, method: string, url: string, payload?: unknown, status = 200) {
  const res = await client.request(method, url, payload);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json();
}

async function draftCustomerEmail(extra: Record<string, unknown> = {}) {
  const incident = await ok(
    people.im,
    'POST',
    '/api/incidents',
    { title: 'Exposed backups', description: 'Internal notes', type: 'data_breach', impact: 5, likelihood: 5, facts: { impactDetermined: true }, ...extra },
    201,
  );
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(people.im, 'PUT', `${base}/plan/scope`, {
    scope: 'Customers with backups in the bucket',
    frequencyMinutes: 240,
    publicTitle: 'Unauthorised access to backups',
  });
  await ok(people.im, 'PUT', `${base}/plan/medium`, { channels: ['customer_email'] });
  const email = await ok(people.im, 'POST', base, { channel: 'customer_email' }, 201);
  return { incident, base, email };
}

test(`a review request notifies the channel's reviewers and is a state of the version (${TEST_ENGINE})`, async () => {
  const { incident, base, email } = await draftCustomerEmail();
  assert.equal(email.status, 'draft');
  assert.equal(email.reviewRequest, null);

  const requested = await ok(people.im, 'POST', `${base}/${email.id}/review-request`);
  assert.equal(requested.status, 'in_review');
  assert.equal(requested.reviewRequest.version, 1);
  assert.equal(requested.reviewRequest.requestedBy, 'im@corp.example');
  // The customer email's reviewers by the plan's table: administrators and security engineers.
  assert.deepEqual(requested.reviewRequest.reviewers.map((r: { name: string }) => r.name).sort(), ['admin', 'eng', 'eng2']);

  // Each reviewer has it in the app and by mail, with an absolute link to the communication.
  for (const who of ['eng', 'eng2', 'admin'] as const) {
    const items = (await ok(people[who], 'GET', '/api/me/notifications')).items as { kind: string; title: string; body: string }[];
    const note = items.find((n) => n.kind === 'review_request');
    assert.ok(note, `${who} is notified`);
    assert.match(note.title, new RegExp(`Review requested: Incident response customer email of incident #${incident.number}, version 1`));
    assert.match(note.body, new RegExp(`https://secdesk\\.example/communications/${incident.id}\\?c=${email.id}`));
  }
  assert.equal(
    ((await ok(people.cm, 'GET', '/api/me/notifications')).items as { kind: string }[]).filter((n) => n.kind === 'review_request').length,
    0,
    'not a reviewer of this channel',
  );
  const mail = await waitFor(
    () => sink.received.find((m) => (m.to as { text: string }).text === 'eng@corp.example' && /Review requested/.test(m.subject ?? '')),
    'the review request mail',
  );
  assert.match(mail.text ?? '', new RegExp(`https://secdesk\\.example/communications/${incident.id}\\?c=${email.id}`));

  const again = await people.im.request('POST', `${base}/${email.id}/review-request`);
  assert.equal(again.statusCode, 409);
  assert.match(again.json().error.message, /a review of version 1 was requested already \(of admin, eng, eng2\)/);

  // An edit makes a new version that has not been sent for review; asking again notifies once more.
  const edited = await ok(people.im, 'POST', `${base}/${email.id}/versions`, { subject: email.subject, body: `${email.versions[0].body}\nMore detail.` }, 201);
  assert.equal(edited.status, 'draft');
  assert.equal(edited.reviewRequest.version, 1);
  assert.equal((await ok(people.im, 'POST', `${base}/${email.id}/review-request`)).status, 'in_review');

  const approved = await ok(people.eng, 'POST', `${base}/${email.id}/approve`, { version: 2 });
  assert.equal(approved.status, 'approved');
  const late = await people.im.request('POST', `${base}/${email.id}/review-request`);
  assert.equal(late.statusCode, 409);

  const audit = await t.app.database.db
    .selectFrom('audit_log')
    .select(['action'])
    .where('entity_id', '=', email.id)
    .where('action', '=', 'communication.review_requested')
    .execute();
  assert.equal(audit.length, 2);
  const timeline = (await ok(people.im, 'GET', `/api/incidents/${incident.id}`)).timeline as { summary: string }[];
  assert.ok(timeline.some((e) => /Review requested: customer_email version 1, of admin, eng, eng2/.test(e.summary)));
});

test(`only the channel's drafters may ask, and a restricted incident's review goes only to those who see it (${TEST_ENGINE})`, async () => {
  const { base, email } = await draftCustomerEmail({ visibility: 'restricted' });
  const refused = await people.eng.request('POST', `${base}/${email.id}/review-request`);
  assert.equal(refused.statusCode, 404, 'eng does not see the restricted incident');
  const requested = await ok(people.im, 'POST', `${base}/${email.id}/review-request`);
  assert.deepEqual(
    requested.reviewRequest.reviewers.map((r: { name: string }) => r.name),
    ['admin'],
    'only the admin sees the restricted incident among its reviewers',
  );
});
