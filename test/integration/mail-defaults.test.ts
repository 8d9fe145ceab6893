// secdesk's mail on the defaults, on one machine: only SMTP_URL is set (a local SMTP sink as the relay),
// so the security address is security@localhost and there is no SECDESK_PUBLIC_URL. The customer
// email's test send reaches the relay from the team; a compliance request is queued and delivered,
// its links on the address secdesk serves on (the mail identity says they are a fallback); and no
// mail the relay got carries a relative link. Runs on both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestApp } from '../support/harness.ts';
import { TEST_ENGINE } from '../support/harness.ts';
import { openRawSmtp } from '../support/raw-smtp.ts';
import { waitFor } from '../support/smtp-sink.ts';
import { startMailDesk, type MailDesk } from '../support/mail-desk.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { mailsWithRelativeLinks } from '../support/mail-links.ts';

const INBOX = 'security@localhost';
let desk: MailDesk;
let t: TestApp;
let analyst: Client;
let admin: Client;

before(async () => {
  // PORT as `npm start` has it (the app is not listening: requests are injected).
  desk = await startMailDesk({ env: { PORT: '8080' } });
  ({ t, analyst, admin } = desk);
});
after(async () => {
  await desk.close();
});

async function ok(client: Client, method: string, url: string, payload?: unknown, status = 200) {
  const res = await client.request(method, url, payload);
  assert.equal(res.statusCode, status, `${method} ${url}: ${res.body}`);
  return res.json();
}

test(`the defaults: security@localhost, no public URL, links on the served address (${TEST_ENGINE})`, () => {
  assert.equal(t.config.SECDESK_INBOX_ADDRESS, INBOX);
  assert.equal(t.config.SECDESK_PUBLIC_URL, undefined);
  const identity = t.app.services.mailIdentity;
  assert.equal(identity.from, '"Security team" <security@localhost>');
  assert.equal(identity.links.isFallback, true);
  assert.equal(identity.links.base, 'http://127.0.0.1:8080');
  assert.match(identity.links.warning ?? '', /SECDESK_PUBLIC_URL is not set: links in mail use http:\/\/127\.0\.0\.1:8080 and work only on this machine/);
});

test(`the customer email's test send reaches the relay on the defaults (${TEST_ENGINE})`, async () => {
  for (const [email, roles] of [
    ['im@corp.example', ['incident_manager']],
    ['cm@corp.example', ['communications_manager']],
    ['eng@corp.example', ['security_engineer']],
    ['mk@corp.example', ['marketing']],
  ] as const)
    await createUser(t.app, email, [...roles]);
  const [im, cm, eng, mk] = await Promise.all(['im', 'cm', 'eng', 'mk'].map((n) => signIn(t.http, `${n}@corp.example`)));
  const incident = await ok(
    im!,
    'POST',
    '/api/incidents',
    { title: 'Exposed backups', description: '', type: 'data_breach', impact: 5, likelihood: 5, facts: { dataBreach: true, personalDataExposed: true } },
    201,
  );
  const list = await t.http.inject({
    method: 'POST',
    url: '/api/distribution-lists?name=impacted&audience=customers',
    headers: { cookie: cm!.cookie, 'x-csrf-token': cm!.csrfToken, 'content-type': 'text/csv' },
    payload: 'Email\nc1@cust.example\n',
  });
  assert.equal(list.statusCode, 201, list.body);
  const base = `/api/incidents/${incident.id}/communications`;
  await ok(im!, 'PATCH', `/api/incidents/${incident.id}`, { facts: { impactDetermined: true } });
  await ok(im!, 'PUT', `${base}/plan/scope`, {
    scope: 'Customers whose backups were exposed',
    frequencyMinutes: 240,
    publicTitle: 'Unauthorised access to backups',
  });
  await ok(im!, 'PUT', `${base}/plan/medium`, { channels: ['customer_email'] });
  await ok(im!, 'PUT', `${base}/plan/lists/customers`, { listId: list.json().list.id });
  const draft = await ok(
    im!,
    'POST',
    base,
    { channel: 'customer_email', subject: 'Exposed backups', body: 'Dear customer,\n\nwe found backups exposed and closed the access.\n' },
    201,
  );
  await ok(eng!, 'POST', `${base}/${draft.id}/approve`, { version: draft.currentVersion });

  const tested = await ok(mk!, 'POST', `${base}/${draft.id}/test-send`, {});
  assert.equal(tested.status, 'testing');
  const progress = await waitFor(async () => {
    const p = (await admin.request('GET', `/api/sends/${tested.testSendId}/progress`)).json();
    return p.status === 'done' ? p : undefined;
  }, 'the test send is done');
  assert.equal(progress.counts?.failed ?? 0, 0, JSON.stringify(progress));
  const mail = await waitFor(() => desk.sink.received.find((m) => m.subject === 'Exposed backups'), 'the test mail at the relay');
  assert.equal(mail.from?.value[0]?.address, INBOX);
  assert.match(mail.messageId ?? '', /@localhost>$/, "its Message-ID is on the security address's domain");
});

test(`a compliance request is queued and delivered on the defaults, with links on the served address (${TEST_ENGINE})`, async () => {
  const directory = 'name,account_id,email_domains,soc2,pentest,nda_on_file\nAcme Corp,ACME-1,acme.example,yes,yes,yes\n';
  const upload = (url: string, type: string, payload: string | Buffer) =>
    t.http.inject({ method: 'POST', url, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type }, payload });
  assert.equal((await upload('/api/customers/import', 'text/csv', directory)).statusCode, 200);
  assert.equal((await upload('/api/compliance/reports/soc2?filename=SOC2.pdf', 'application/pdf', Buffer.from('%PDF-1.4 report'))).statusCode, 201);

  const raw = Buffer.from(
    [
      'From: carla@acme.example',
      `To: ${INBOX}`,
      'Subject: SOC 2 report please',
      'Message-ID: <soc2-defaults@acme.example>',
      '',
      'Could you send us your SOC 2 report?',
      '',
    ].join('\r\n'),
  );
  const smtp = await openRawSmtp(desk.receiver.port());
  let number: number;
  try {
    assert.match(await smtp.command('MAIL FROM:<carla@acme.example>'), /^250/);
    assert.match(await smtp.command(`RCPT TO:<${INBOX}>`), /^250/, 'the receiver takes mail for the default security address');
    number = Number(/ticket (\d+)/.exec((await smtp.data(raw)).reply)?.[1]);
  } finally {
    smtp.close();
  }
  const ticket = (await analyst.request('GET', '/api/tickets?limit=200')).json().items.find((i: { number: number }) => i.number === number);
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'compliance_request', reports: ['soc2'] });
  assert.equal(res.statusCode, 202, res.body);

  const [request] = await t.app.database.db.selectFrom('compliance_requests').select('id').where('ticket_id', '=', ticket.id).execute();
  assert.equal(await t.app.services.compliance.deliver(request!.id), 'delivered');
  const delivery = await waitFor(() => desk.sink.received.find((m) => (m.text ?? '').includes('/compliance/download/')), 'the delivery mail');
  assert.match(delivery.text ?? '', /http:\/\/127\.0\.0\.1:8080\/compliance\/download\/[\w-]{43}/);
  assert.equal(delivery.from?.text, '"Security team" <security@localhost>');
});

test(`no mail the relay got carries a relative link (${TEST_ENGINE})`, () => {
  assert.ok(desk.sink.received.length >= 3, `${desk.sink.received.length} mails`);
  assert.deepEqual(mailsWithRelativeLinks(desk.sink.received), []);
});
