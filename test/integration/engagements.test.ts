// Engaging a subject-matter team end to end: mail in over SMTP → the engage disposition through the
// API → the requester's notice at the outgoing relay (a local SMTP sink) → the team's issue at a
// local server speaking GitLab's REST API (down, then losing a response: retried, exactly one
// issue) → update reminders on a controllable clock, reset by an update, stopped by the answer →
// the answer sent as the reply that solves the ticket and closes the engagement. A permanent 401
// is recorded with GitLab's message and the engagement kept; bad input leaves nothing behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { ISSUE_QUEUE, UPDATE_REMINDER_QUEUE, issueMarker } from '../../src/domains/teams/engagements.service.ts';
import { TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { openRawSmtp } from '../support/raw-smtp.ts';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startMailDesk, type MailDesk } from '../support/mail-desk.ts';
import { signIn, type Client } from '../support/session.ts';
import { startFakeGitlab, type FakeGitlab } from '../support/fake-gitlab.ts';
import { runDueReminders, TestClock } from '../support/reminders.ts';
import { mailsWithRelativeLinks } from '../support/mail-links.ts';

const INBOX = 'security@secdesk.example';
const HOUR = 60;
const clock = new TestClock(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);

let sink: SmtpSink;
let gitlab: FakeGitlab;
let t: TestApp;
let receiver: SmtpReceiver;
let desk: MailDesk;
let analyst: Client;
let admin: Client;
let analystId: string;
const teamId: Record<string, string> = {};

before(async () => {
  gitlab = await startFakeGitlab();
  desk = await startMailDesk({
    env: {
      SECDESK_INBOX_ADDRESS: INBOX,
      SECDESK_TEAM_NAME: 'Field Security',
      SECDESK_PUBLIC_URL: 'https://secdesk.example',
      SECDESK_TRACKER_ALLOW_PRIVATE: '127.0.0.1/32',
    },
    app: { clock },
    // Quick retries for the test (production waits from 30 s, doubling).
    beforeMail: (started) => started.app.jobs.define({ name: ISSUE_QUEUE, retryLimit: 6, retryDelaySeconds: 1, policy: 'exclusive' }),
  });
  ({ t, sink, receiver, analyst, analystId, admin } = desk);
  for (const team of (await admin.request('GET', '/api/teams')).json().items) teamId[team.name] = team.id;
});
after(async () => {
  await desk.close();
  await gitlab.close();
});

let sequence = 0;
async function mailIn(from: string, subject: string, body: string) {
  const raw = Buffer.from(
    [
      `From: ${from}`,
      `To: ${INBOX}`,
      `Subject: ${subject}`,
      `Message-ID: <eng-${++sequence}-${Date.now()}@reporter.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
    'utf8',
  );
  const smtp = await openRawSmtp(receiver.port());
  try {
    assert.match(await smtp.command(`MAIL FROM:<${from}>`), /^250/);
    assert.match(await smtp.command(`RCPT TO:<${INBOX}>`), /^250/);
    const { reply } = await smtp.data(raw);
    const number = Number(/ticket (\d+)/.exec(reply)?.[1]);
    assert.ok(number, reply);
    return (await analyst.request('GET', '/api/tickets?limit=200')).json().items.find((i: { number: number }) => i.number === number) as {
      id: string;
      number: number;
    };
  } finally {
    smtp.close();
  }
}

const detail = async (id: string) => (await analyst.request('GET', `/api/tickets/${id}`)).json();
const engagement = async (id: string) => (await analyst.request('GET', `/api/engagements/${id}`)).json();
const mailTo = (address: string, part: string) =>
  waitFor(
    () => sink.received.find((m) => JSON.stringify(m.to).includes(address) && `${m.subject}\n${m.text}`.includes(part)),
    `mail to ${address} with ${part}`,
  );
/** Moves the test clock; sessions idle that long have expired, so both people sign in again. */
async function advance(minutes: number) {
  clock.advance(minutes);
  analyst = await signIn(t.http, 'analyst@example.com');
  admin = await signIn(t.http, 'lead@example.com');
}
const notificationsOf = async (client: Client, kind: string) =>
  (await client.request('GET', '/api/me/notifications')).json().items.filter((n: { kind: string }) => n.kind === kind);

test(`admin sets up teams: the four seeded, a GitLab tracker whose token is never shown, checks on bad input (${TEST_ENGINE})`, async () => {
  assert.deepEqual(Object.keys(teamId).sort(), ['Abuse', 'Application Security', 'Security Compliance', 'Security Operations']);
  const res = await admin.request('PATCH', `/api/teams/${teamId['Application Security']}`, {
    ownerId: analystId,
    notifyAddress: 'appsec@corp.example',
    cadenceHours: 24,
    tracker: { kind: 'gitlab', baseUrl: gitlab.url, projectId: String(gitlab.projectId), token: gitlab.token },
  });
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().tracker, { kind: 'gitlab', baseUrl: gitlab.url, projectId: '42', hasToken: true });
  assert.equal(res.json().cadenceHours, 24);
  assert.ok(!res.body.includes(gitlab.token));
  const listed = await admin.request('GET', '/api/teams');
  assert.ok(!listed.body.includes(gitlab.token), 'GET /api/teams never shows a token');

  // A change without the token keeps the stored one.
  const kept = await admin.request('PATCH', `/api/teams/${teamId['Application Security']}`, {
    tracker: { kind: 'gitlab', baseUrl: gitlab.url, projectId: '42' },
  });
  assert.equal(kept.statusCode, 200, kept.body);
  assert.equal(kept.json().tracker.hasToken, true);

  const added = await admin.request('POST', '/api/teams', { name: 'Privacy Office', cadenceHours: 48 });
  assert.equal(added.statusCode, 201, added.body);
  assert.equal((await admin.request('POST', '/api/teams', { name: 'privacy office' })).statusCode, 409);
  const badUrl = await admin.request('POST', '/api/teams', {
    name: 'X',
    tracker: { kind: 'gitlab', baseUrl: 'http://user:pw@gitlab.example', projectId: '1', token: 't' },
  });
  assert.equal(badUrl.statusCode, 400);
  assert.match(badUrl.json().error.message, /without credentials/);
  const noToken = await admin.request('POST', '/api/teams', { name: 'Y', tracker: { kind: 'gitlab', baseUrl: gitlab.url, projectId: '1' } });
  assert.equal(noToken.statusCode, 400);
  assert.match(noToken.json().error.message, /needs a token/);
  for (const baseUrl of ['http://169.254.169.254', 'http://127.0.0.2:8080', 'http://[::7f00:1]', 'http://[2002:7f00:1::]']) {
    const internal = await admin.request('POST', '/api/teams', { name: 'Internal', tracker: { kind: 'gitlab', baseUrl, projectId: '1', token: 't' } });
    assert.equal(internal.statusCode, 400, `${baseUrl}: ${internal.body}`);
    assert.match(internal.json().error.message, /non-public address .*SECDESK_TRACKER_ALLOW_PRIVATE/);
  }
  assert.equal((await analyst.request('POST', '/api/teams', { name: 'Z' })).statusCode, 403, 'teams.manage is for admins');
  assert.equal((await analyst.request('GET', '/api/teams')).statusCode, 200, 'analysts pick a team');

  const audit = await sql<{
    n: number;
  }>`select count(*)::int as n from audit_log where after::text like ${'%' + gitlab.token + '%'} or before::text like ${'%' + gitlab.token + '%'}`.execute(
    t.app.database.db,
  );
  assert.equal(audit.rows[0]!.n, 0, 'the token is never written to the audit log');
});

test(`engage Application Security: notice to the requester, one confidential GitLab issue through an outage, reminders, the answer solves the ticket (${TEST_ENGINE})`, async () => {
  const ticket = await mailIn(
    'rita@reporter.example',
    'Do you pin TLS certificates in the app?',
    'Our auditors ask whether your mobile app pins certificates.',
  );
  gitlab.down(); // the team's GitLab is down when the engagement is opened
  const question = 'Does the iOS/Android app pin TLS certificates, and since which version?';

  const preview = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition/preview`, {
    kind: 'engage',
    teamId: teamId['Application Security'],
    question,
  });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.equal(preview.json().mails[0].template.key, 'engagement.notice');
  assert.equal(preview.json().status, 'pending');

  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'engage', teamId: teamId['Application Security'], question });
  assert.equal(res.statusCode, 202, res.body);
  const id = res.json().engagementId as string;
  assert.ok(id);

  const notice = await mailTo('rita@reporter.example', 'Research is under way');
  const toTeam = await mailTo('appsec@corp.example', question);
  assert.equal(toTeam.subject, `[secdesk #${ticket.number}] Research needed: Do you pin TLS certificates in the app?`);
  assert.match(toTeam.text!, new RegExp(`https://secdesk\\.example/inbox/${ticket.id}`));
  assert.equal(notice.subject, `Re: [secdesk #${ticket.number}] Do you pin TLS certificates in the app?`);
  const afterEngage = await detail(ticket.id);
  assert.equal(afterEngage.status, 'pending');
  assert.equal(afterEngage.disposition, 'engage');

  const opened = await engagement(id);
  assert.equal(opened.state, 'open');
  assert.equal(opened.teamName, 'Application Security');
  assert.equal(opened.ticketId, ticket.id, 'the engagement links back to its ticket');
  assert.equal(opened.ownerId, analystId);
  assert.equal(new Date(opened.nextUpdateDue).getTime(), clock.time + 24 * 3_600_000);
  const onTicket = (await analyst.request('GET', `/api/tickets/${ticket.id}/engagements`)).json().items;
  assert.deepEqual(
    onTicket.map((e: { id: string }) => e.id),
    [id],
    'the ticket shows its engagement',
  );

  // GitLab refuses connections: the engagement is kept, the issue pending with the reason.
  await waitFor(async () => ((await engagement(id)).issue.error ?? '').includes('unreachable') || undefined, 'the outage recorded');
  assert.equal((await engagement(id)).issue.state, 'pending');
  // Back up, but the answer to the create is lost: the retry finds the issue by its marker instead of creating another.
  gitlab.loseNextCreateResponse();
  await gitlab.up();
  const created = await waitFor(async () => {
    const e = await engagement(id);
    return e.issue.state === 'created' ? e : undefined;
  }, 'the issue created');
  assert.equal(gitlab.issues.length, 1, 'exactly one issue');
  const [issue] = gitlab.issues;
  assert.equal(issue!.confidential, true);
  assert.ok(issue!.description.includes(issueMarker(id)));
  assert.ok(issue!.description.includes(question));
  assert.ok(issue!.description.includes(`https://secdesk.example/inbox/${ticket.id}`));
  assert.deepEqual(issue!.labels, ['secdesk', 'security-inbox']);
  assert.equal(issue!.title, `secdesk #${ticket.number}: Do you pin TLS certificates in the app?`);
  assert.equal(created.issue.url, issue!.web_url);
  assert.equal(created.issue.ref, '#1');
  assert.equal(created.issue.error, null);
  assert.ok(gitlab.requests.every((r) => r.token === gitlab.token));
  assert.ok(
    gitlab.requests.some((r) => r.method === 'GET' && r.path.includes(`search=${issueMarker(id)}`)),
    'a retry searches by the marker first',
  );
  assert.equal(gitlab.requests.filter((r) => r.method === 'POST').length, 1);
  assert.ok(
    (await analyst.request('GET', '/api/engagements'))
      .json()
      .items.some((e: { id: string; issue: { url: string } }) => e.id === id && e.issue.url === issue!.web_url),
  );

  // The update reminder fires when the team's cadence (24 h) has passed without an update.
  await advance(24 * HOUR - 1);
  assert.equal(await runDueReminders(t.app, clock, 60_000, UPDATE_REMINDER_QUEUE), 0);
  await advance(1);
  assert.equal(await runDueReminders(t.app, clock, 60_000, UPDATE_REMINDER_QUEUE), 1);
  const [due] = await notificationsOf(analyst, 'engagement_update_due');
  assert.match(due.title, new RegExp(`Send the requester an update: #${ticket.number}`));
  assert.equal(due.ticketId, ticket.id);
  await mailTo('analyst@example.com', 'Send the requester an update');

  // An update to the requester resets the clock: the next check finds it and moves on quietly.
  await advance(2 * HOUR);
  const update = await analyst.request('POST', `/api/tickets/${ticket.id}/replies`, {
    body: 'The team is still checking the app versions; more soon.',
    status: 'pending',
  });
  assert.equal(update.statusCode, 202, update.body);
  await advance(22 * HOUR);
  assert.equal(await runDueReminders(t.app, clock, 60_000, UPDATE_REMINDER_QUEUE), 1);
  assert.equal((await notificationsOf(analyst, 'engagement_update_due')).length, 1, 'no reminder right after an update');
  assert.equal(new Date((await engagement(id)).nextUpdateDue).getTime(), clock.time + 2 * 3_600_000, 'due a cadence after the update');

  // The team records its answer; the owner is told; reminders stop.
  const answer = 'Yes: both apps pin the public keys of our CA since version 5.2 (March).';
  const answered = await admin.request('POST', `/api/engagements/${id}/answer`, { answer });
  assert.equal(answered.statusCode, 200, answered.body);
  assert.equal(answered.json().state, 'answered');
  assert.equal(answered.json().answer, answer);
  assert.equal((await notificationsOf(analyst, 'engagement_answered')).length, 1);
  await advance(2 * HOUR);
  await runDueReminders(t.app, clock, 60_000, UPDATE_REMINDER_QUEUE);
  assert.equal((await notificationsOf(analyst, 'engagement_update_due')).length, 1, 'no reminders once answered');

  // The answer goes out as the reply: the ticket is solved, the engagement closed.
  const sent = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'reply', body: answer });
  assert.equal(sent.statusCode, 202, sent.body);
  const reply = await mailTo('rita@reporter.example', 'since version 5.2');
  assert.equal(reply.text?.trim(), answer);
  const done = await detail(ticket.id);
  assert.equal(done.status, 'solved');
  assert.equal(done.disposition, 'reply');
  const closed = await engagement(id);
  assert.equal(closed.state, 'closed');
  assert.ok(closed.closedAt);
  assert.equal(closed.nextUpdateDue, null);
  assert.ok(!(await analyst.request('GET', '/api/engagements')).json().items.some((e: { id: string }) => e.id === id), 'no longer listed as open');
  assert.equal((await analyst.request('POST', `/api/engagements/${id}/answer`, { answer: 'late' })).statusCode, 409);
});

test(`a permanent 401 from GitLab is recorded with its message; the engagement is kept and the issue made after the token is fixed (${TEST_ENGINE})`, async () => {
  const abuse = teamId.Abuse!;
  const set = await admin.request('PATCH', `/api/teams/${abuse}`, {
    tracker: { kind: 'gitlab', baseUrl: gitlab.url, projectId: '42', token: 'glpat-revoked' },
  });
  assert.equal(set.statusCode, 200, set.body);
  const before = gitlab.issues.length;
  const ticket = await mailIn('sam@reporter.example', 'Spam from your servers', 'We receive phishing from your IP range.');
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'engage',
    teamId: abuse,
    question: 'Is 192.0.2.0/24 ours and sending phishing?',
  });
  assert.equal(res.statusCode, 202, res.body);
  const id = res.json().engagementId;
  const failed = await waitFor(async () => {
    const e = await engagement(id);
    return e.issue.state === 'failed' ? e : undefined;
  }, 'the failure recorded');
  assert.equal(failed.issue.error, 'GitLab answered 401: 401 Unauthorized');
  assert.equal(failed.state, 'open', 'the engagement is kept');
  assert.equal(gitlab.issues.length, before);
  assert.equal((await detail(ticket.id)).status, 'pending');

  assert.equal(
    (await admin.request('PATCH', `/api/teams/${abuse}`, { tracker: { kind: 'gitlab', baseUrl: gitlab.url, projectId: '42', token: gitlab.token } }))
      .statusCode,
    200,
  );
  const retried = await analyst.request('POST', `/api/engagements/${id}/issue/retry`);
  assert.equal(retried.statusCode, 202, retried.body);
  await waitFor(async () => (await engagement(id)).issue.state === 'created' || undefined, 'the issue created after the fix');
  assert.equal(gitlab.issues.length, before + 1);
  assert.equal((await analyst.request('POST', `/api/engagements/${id}/issue/retry`)).statusCode, 409);
});

test(`GitLab answering 503 twice is retried to exactly one issue (${TEST_ENGINE})`, async () => {
  const ticket = await mailIn('ann@reporter.example', 'SOC 2 report', 'May we see your SOC 2 report?');
  await admin.request('PATCH', `/api/teams/${teamId['Security Compliance']}`, {
    tracker: { kind: 'gitlab', baseUrl: gitlab.url, projectId: '42', token: gitlab.token },
  });
  const before = gitlab.issues.length;
  gitlab.failNext(2, 503);
  const res = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'engage',
    teamId: teamId['Security Compliance'],
    question: 'Can we share the SOC 2 report under NDA?',
  });
  assert.equal(res.statusCode, 202, res.body);
  const id = res.json().engagementId;
  await waitFor(async () => (await engagement(id)).issue.state === 'created' || undefined, 'the issue created');
  assert.equal(gitlab.issues.length, before + 1);
});

test(`bad input is refused with a clear message and leaves nothing behind (${TEST_ENGINE})`, async () => {
  const ticket = await mailIn('bob@reporter.example', 'Question', 'Hello?');
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from team_engagements where ticket_id = ${ticket.id}`.execute(t.app.database.db)).rows[0]!.n;
  const unknown = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'engage',
    teamId: '00000000-0000-4000-8000-000000000000',
    question: 'x',
  });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.json().error.message, /teamId names no team/);
  const blank = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'engage',
    teamId: teamId['Security Operations'],
    question: '   ',
  });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.json().error.message, /question/);
  const missing = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, { kind: 'engage', question: 'x' });
  assert.equal(missing.statusCode, 400);
  assert.equal(await count(), 0);
  assert.equal((await detail(ticket.id)).messages.length, 1, 'no mail queued');
  assert.equal((await detail(ticket.id)).status, 'new');

  const first = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'engage',
    teamId: teamId['Security Operations'],
    question: 'Seen this sender before?',
  });
  assert.equal(first.statusCode, 202, first.body);
  const again = await analyst.request('POST', `/api/tickets/${ticket.id}/disposition`, {
    kind: 'engage',
    teamId: teamId['Security Operations'],
    question: 'Seen this sender before?',
  });
  assert.equal(again.statusCode, 409);
  assert.match(again.json().error.message, /already has an engagement under way/);
  assert.equal(await count(), 1);
  assert.equal((await detail(ticket.id)).messages.length, 2, 'one notice only');
  assert.equal((await engagement(first.json().engagementId)).issue.state, 'none', 'no tracker: no issue');
});

test('every link in the mail the relay got is absolute', () => {
  assert.ok(sink.received.length > 0);
  assert.deepEqual(mailsWithRelativeLinks(sink.received), []);
});
