// Compliance report requests end to end over real SMTP: a customer's mail arrives at the SMTP
// receiver → the analyst handles it as a compliance_request through the API → the receipt (with the
// next delivery day) reaches the local SMTP sink and the ticket waits (pending) → the delivery job
// runs through the real queue on the test clock's delivery day → the delivery mail carries a
// personal link → the download page gives the uploaded report to the right address only, logs it,
// and the ticket is solved; an expired link, another address, an unknown customer, a missing
// entitlement and broken directory rows each get a clear answer and change nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import type { SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { COMPLIANCE_DELIVERY_QUEUE, type DeliveryRunJob } from '../../src/domains/compliance/compliance.service.ts';
import type { TestApp } from '../support/harness.ts';
import { openRawSmtp } from '../support/raw-smtp.ts';
import { TestClock } from '../support/reminders.ts';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startMailDesk, type MailDesk } from '../support/mail-desk.ts';
import { signIn, type Client } from '../support/session.ts';
import { mailsWithRelativeLinks } from '../support/mail-links.ts';

const INBOX = 'security@secdesk.example';
// Tuesday 24 November 2026, 10:00 in New York: Thursday the 26th is Thanksgiving, so the next delivery is Friday the 27th at 10:00.
const clock = new TestClock(Date.parse('2026-11-24T15:00:00Z'));
const FRIDAY_RUN = '2026-11-27T15:00:00.000Z';
const REPORT = randomBytes(200_000);
const DIRECTORY = `name,account_id,email_domains,soc2,pentest,nda_on_file
Acme Corp,ACME-1,acme.example;acme-mail.example,yes,yes,yes
Globex,GLX-7,globex.example,yes,yes,no
`;

let sink: SmtpSink;
let t: TestApp;
let receiver: SmtpReceiver;
let desk: MailDesk;
let analyst: Client;
let admin: Client;

before(async () => {
  desk = await startMailDesk({
    app: { clock },
    domain: 'secdesk.example',
    env: {
      SECDESK_INBOX_ADDRESS: INBOX,
      SECDESK_TEAM_NAME: 'Field Security',
      SECDESK_PUBLIC_URL: 'https://secdesk.example',
      SECDESK_EMPLOYEE_DOMAINS: 'secdesk.example',
    },
  });
  ({ t, sink, receiver, analyst, admin } = desk);
});
after(async () => {
  await desk.close();
});

const upload = (client: Client, url: string, type: string, payload: string | Buffer) =>
  t.http.inject({ method: 'POST', url, headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': type }, payload });

let sequence = 0;
async function mailIn(from: string, subject: string, body: string) {
  const raw = Buffer.from(
    [
      `From: ${from}`,
      `To: ${INBOX}`,
      `Subject: ${subject}`,
      `Message-ID: <c-${++sequence}-${Date.now()}@mail.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );
  const smtp = await openRawSmtp(receiver.port());
  try {
    assert.match(await smtp.command(`MAIL FROM:<${from}>`), /^250/);
    assert.match(await smtp.command(`RCPT TO:<${INBOX}>`), /^250/);
    const { reply } = await smtp.data(raw);
    const number = Number(/ticket (\d+)/.exec(reply)?.[1]);
    const ticket = (await analyst.request('GET', '/api/tickets?limit=200')).json().items.find((i: { number: number }) => i.number === number);
    assert.ok(ticket, reply);
    return ticket as { id: string; number: number };
  } finally {
    smtp.close();
  }
}

const detail = async (id: string) => (await analyst.request('GET', `/api/tickets/${id}`)).json();
const mailTo = (address: string, subjectPart: string, bodyPart = '') =>
  waitFor(
    () => sink.received.find((m) => JSON.stringify(m.to).includes(address) && (m.subject ?? '').includes(subjectPart) && (m.text ?? '').includes(bodyPart)),
    `mail to ${address} about ${subjectPart}`,
  );
const requestsOf = (ticketId: string) => t.app.database.db.selectFrom('compliance_requests').selectAll().where('ticket_id', '=', ticketId).execute();
const download = (token: string, email: string) =>
  t.http.inject({
    method: 'POST',
    url: `/compliance/download/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email }).toString(),
  });

/** Runs the scheduled delivery through the real queue: the test clock reaches the run, and the job's start moves to now. */
async function runDelivery(runAt: string, clockAt = runAt) {
  const [job] = (await t.app.jobs.boss.findJobs<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, { queued: true })).filter((j) => j.data.runAt === runAt);
  assert.ok(job, `a delivery run is scheduled for ${runAt}`);
  clock.time = Date.parse(clockAt);
  await t.app.jobs.boss.update(COMPLIANCE_DELIVERY_QUEUE, undefined, { id: job.id, startAfter: new Date() });
  await waitFor(async () => {
    const [done] = await t.app.jobs.boss.findJobs(COMPLIANCE_DELIVERY_QUEUE, { id: job.id });
    if (done?.state === 'failed') throw new Error(`delivery failed: ${JSON.stringify(done.output)}`);
    return done?.state === 'completed' ? done : undefined;
  }, 'the delivery run completes');
}

test('the customer directory: a broken file is refused by line and imports nothing; a good one imports', async () => {
  const broken = await upload(
    admin,
    '/api/customers/import',
    'text/csv',
    `${DIRECTORY}Initech,INI-3,not a domain,yes,no,no\nHooli,HOO-1,hooli.example,maybe,no,no\n`,
  );
  assert.equal(broken.statusCode, 400, broken.body);
  assert.match(broken.json().error.message, /line 4: "not" is not a domain.*line 5: soc2 must be yes or no/);
  assert.equal((await admin.request('GET', '/api/customers')).json().items.length, 0, 'nothing half-imported');
  assert.equal((await upload(analyst, '/api/customers/import', 'text/csv', DIRECTORY)).statusCode, 403, 'admins only');

  const res = await upload(admin, '/api/customers/import', 'text/csv', DIRECTORY);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { created: 2, updated: 0 });
  const again = await upload(
    admin,
    '/api/customers/import',
    'text/csv',
    DIRECTORY.replace('Globex,GLX-7,globex.example,yes,yes,no', 'Globex,GLX-7,globex.example,yes,yes,no'),
  );
  assert.deepEqual(again.json(), { created: 0, updated: 2 });
  const items = (await admin.request('GET', '/api/customers')).json().items;
  assert.deepEqual(
    items.map((c: { name: string; emailDomains: string[] }) => [c.name, c.emailDomains]),
    [
      ['Acme Corp', ['acme.example', 'acme-mail.example']],
      ['Globex', ['globex.example']],
    ],
  );

  const report = await upload(admin, '/api/compliance/reports/soc2?filename=SOC2-2026.pdf', 'application/pdf', REPORT);
  assert.equal(report.statusCode, 201, report.body);
  assert.equal(report.json().version, 1);
});

test('a verified SOC 2 request: receipt with the delivery day, delivery by personal link, download by the right address only, ticket solved', async () => {
  const ticket = await mailIn('carla@acme.example', 'SOC 2 report please', 'Could you send us your SOC 2 report?');
  const preview = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition/preview`, { kind: 'compliance_request', reports: ['soc2'] });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().status, 'pending');
  assert.match(preview.json().mails[0].body, /Friday, 27 November 2026/);
  assert.equal((await requestsOf(ticket.id)).length, 0, 'a preview queues nothing');

  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'compliance_request', reports: ['soc2'] });
  assert.equal(res.statusCode, 202, res.body);
  const receipt = await mailTo('carla@acme.example', 'SOC 2 report please', 'Friday, 27 November 2026');
  assert.match(receipt.text ?? '', /Acme Corp may receive the SOC 2 report/);
  assert.equal((await detail(ticket.id)).status, 'pending');
  assert.equal((await detail(ticket.id)).disposition, 'compliance_request');
  assert.equal((await requestsOf(ticket.id))[0]?.status, 'queued');
  assert.equal(
    (await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'compliance_request', reports: ['soc2'] })).statusCode,
    409,
    'never queued twice',
  );

  await t.app.services.compliance.scheduleNextRun(); // as a second instance (or a restart) would
  assert.equal(
    (await t.app.jobs.boss.findJobs<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, { queued: true })).filter((j) => j.data.runAt === FRIDAY_RUN).length,
    1,
    'one run per run time, whoever schedules it',
  );
  await runDelivery(FRIDAY_RUN);
  analyst = await signIn(t.http, 'analyst@secdesk.example'); // the test clock moved past the session's lifetime
  const delivery: ParsedMail = await mailTo('carla@acme.example', 'SOC 2 report please', '/compliance/download/');
  assert.equal(delivery.attachments.length, 0, 'the report is never attached');
  const token = /https:\/\/secdesk\.example\/compliance\/download\/([\w-]{43})/.exec(delivery.text ?? '')?.[1];
  assert.ok(token, delivery.text);
  const done = await waitFor(async () => {
    const d = await detail(ticket.id);
    return d.status === 'solved' ? d : undefined;
  }, 'ticket solved');
  assert.equal(done.disposition, 'compliance_request');
  assert.equal((await requestsOf(ticket.id))[0]?.status, 'delivered');
  assert.ok(
    (await t.app.jobs.boss.findJobs<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, { queued: true })).some((j) => j.data.runAt === '2026-11-30T15:00:00.000Z'),
    'the next run (Monday) is scheduled',
  );

  const form = await t.http.inject({ method: 'GET', url: `/compliance/download/${token}` });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /enter the email address it was sent to/);
  assert.doesNotMatch(form.body, /<script/);

  const other = await download(token, 'mallory@acme.example');
  assert.equal(other.statusCode, 403);
  assert.match(other.body, /works only for the address it was sent to/);

  const file = await download(token, 'Carla@Acme.example');
  assert.equal(file.statusCode, 200, file.body);
  assert.ok(file.rawPayload.equals(REPORT), 'the bytes of the uploaded report');
  assert.equal(file.headers['content-disposition'], 'attachment; filename="SOC2-2026.pdf"');
  assert.equal(file.headers['x-content-type-options'], 'nosniff');
  assert.match(String(file.headers['cache-control']), /no-store/);
  const logged = await t.app.database.db.selectFrom('compliance_downloads').selectAll().execute();
  assert.deepEqual(
    logged.map((d) => [d.recipient_email, d.report_kind, d.report_version]),
    [['carla@acme.example', 'soc2', 1]],
  );
  const audit = await t.app.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_label'])
    .where('action', 'like', 'compliance.%')
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['compliance.report_uploaded', 'compliance.queued', 'compliance.delivered', 'compliance.download_refused', 'compliance.downloaded'],
  );

  assert.equal((await t.http.inject({ method: 'GET', url: '/compliance/download/' + 'x'.repeat(43) })).statusCode, 404, 'an unknown link');
  clock.advance(8 * 24 * 60);
  const expired = await download(token, 'carla@acme.example');
  assert.equal(expired.statusCode, 410);
  assert.match(expired.body, /expired on Friday, 4 December 2026.*send you a new one/s);
  assert.equal((await t.app.database.db.selectFrom('compliance_downloads').selectAll().execute()).length, 1, 'refusals download nothing');
});

test('unverified requests get a clear answer, the ticket is solved and nothing is queued', async () => {
  clock.time = Date.parse('2026-12-07T15:30:00Z');
  analyst = await signIn(t.http, 'analyst@secdesk.example');
  admin = await signIn(t.http, 'lead@secdesk.example');
  const unknown = await mailIn('eve@unknown.example', 'Send your SOC 2', 'We would like your SOC 2 report.');
  const res = await analyst.request('POST', `/api/tickets/${unknown.id}/disposition`, { kind: 'compliance_request', reports: ['soc2'] });
  assert.equal(res.statusCode, 202, res.body);
  const answer = await mailTo('eve@unknown.example', 'Send your SOC 2');
  assert.match(answer.text ?? '', /we could not find unknown\.example among our customers/);
  assert.equal((await detail(unknown.id)).status, 'solved');
  assert.equal((await requestsOf(unknown.id)).length, 0);

  const noNda = await mailIn('gil@globex.example', 'Pen test report', 'Please send the latest pen test.');
  await analyst.request('POST', `/api/tickets/${noNda.id}/disposition`, { kind: 'compliance_request', reports: ['pentest'] });
  assert.match(
    (await mailTo('gil@globex.example', 'Pen test report')).text ?? '',
    /only under a non-disclosure agreement, and we have none on file for Globex/,
  );
  assert.equal((await requestsOf(noNda.id)).length, 0);
});

test('an employee asks on behalf of a named customer, SOC 2 only', async () => {
  const acme = (await admin.request('GET', '/api/customers')).json().items.find((c: { name: string }) => c.name === 'Acme Corp');
  const ticket = await mailIn('sam@secdesk.example', 'SOC 2 for Acme', 'Acme asked me for the SOC 2 report.');
  const unnamed = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'compliance_request', reports: ['soc2'] });
  assert.equal(unnamed.statusCode, 400);
  assert.match(unnamed.json().error.message, /names the customer it is for/);
  const bad = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'compliance_request',
    reports: ['soc2'],
    onBehalfOf: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal(bad.statusCode, 404);
  assert.equal((await detail(ticket.id)).status, 'new', 'refusals change nothing');

  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'compliance_request', reports: ['soc2'], onBehalfOf: acme.id });
  assert.equal(res.statusCode, 202, res.body);
  assert.match((await mailTo('sam@secdesk.example', 'SOC 2 for Acme', 'Thursday, 10 December 2026')).text ?? '', /Acme Corp may receive/);
  const [queued] = await requestsOf(ticket.id);
  assert.equal(queued?.on_behalf, true);
  assert.equal(queued?.customer_id, acme.id);
});

test('a request waits while a report is missing and goes out, one link per report, once it is uploaded', async () => {
  const ticket = await mailIn('carla@acme.example', 'SOC 2 and pen test', 'Both reports, please.');
  assert.equal(
    (await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'compliance_request', reports: ['soc2', 'pentest'] })).statusCode,
    202,
  );
  await mailTo('carla@acme.example', 'SOC 2 and pen test', 'SOC 2 report and penetration test report');

  // The run scheduled for Monday 30 November had not run yet; it runs now, on Thursday 10 December.
  await runDelivery('2026-11-30T15:00:00.000Z', '2026-12-10T15:00:00.000Z');
  assert.equal((await requestsOf(ticket.id))[0]?.status, 'queued', 'no pen test report uploaded yet: the request waits');
  admin = await signIn(t.http, 'lead@secdesk.example');
  const pentest = Buffer.from('%PDF-1.7 pen test findings');
  assert.equal((await upload(admin, '/api/compliance/reports/pentest?filename=pentest.pdf', 'application/octet-stream', pentest)).statusCode, 201);

  await runDelivery('2026-12-14T15:00:00.000Z');
  const mail = await mailTo('carla@acme.example', 'SOC 2 and pen test', '/compliance/download/');
  const tokens = [...(mail.text ?? '').matchAll(/\/compliance\/download\/([\w-]{43})/g)].map((m) => m[1]!);
  assert.equal(tokens.length, 2, mail.text);
  assert.match(mail.text ?? '', /penetration test report:\n {2}https:/);
  const file = await download(tokens[1]!, 'carla@acme.example');
  assert.equal(file.statusCode, 200, file.body);
  assert.ok(file.rawPayload.equals(pentest));
  assert.equal((await requestsOf(ticket.id))[0]?.status, 'delivered');
});

test('every link in the mail the relay got is absolute', () => {
  assert.ok(sink.received.length > 0);
  assert.deepEqual(mailsWithRelativeLinks(sink.received), []);
});
