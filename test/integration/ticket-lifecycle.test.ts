// The ticket lifecycle through the real API, the real job queue and a real SMTP sink: transitions,
// assignment, notes, tags, requester details, views and search, the quiet-period close, the SLA
// pause, and SLA warnings and breach alerts that survive a restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createCalendar } from '../../src/domains/calendar/calendar.ts';
import { REPLY_QUEUE } from '../../src/domains/mail/replies.service.ts';
import { CLOSE_QUEUE } from '../../src/domains/tickets/lifecycle.ts';
import { resumeSla } from '../../src/domains/tickets/sla.ts';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { freePort } from '../support/net.ts';
import { waitFor } from '../support/until.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

/** A ticket's history without the triage suggestion, whose own job records it whenever it runs. */
const changesIn = (items: { action: string }[]) => items.map((e) => e.action).filter((a) => a !== 'ticket.triage_suggested');

const SYSTEM = { actor: SYSTEM_ACTOR };
const HOUR = 3_600_000;
const received: ParsedMail[] = [];
let sink: SMTPServer;
let smtpUrl = '';
let t: TestApp;
let analyst: Client;
let engineer: Client;
let support: Client;
let marketing: Client;
let analystId = '';
let engineerId = '';
let supportId = '';

before(async () => {
  const port = await freePort();
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _s, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        received.push(await simpleParser(Buffer.concat(chunks)));
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(port, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${port}`;
  t = await startTestApp({
    env: {
      SECDESK_INBOX_ADDRESS: 'security@secdesk.example',
      SMTP_URL: smtpUrl,
      SECDESK_TICKET_CLOSE_AFTER_DAYS: String(2 / 86_400),
      SECDESK_SLA_PAUSE_WHEN_PENDING: 'true',
    },
  });
  analystId = (await createUser(t.app, 'analyst@example.com', ['security_analyst'])).id;
  engineerId = (await createUser(t.app, 'engineer@example.com', ['security_engineer'])).id;
  supportId = (await createUser(t.app, 'support@example.com', ['support'])).id;
  await createUser(t.app, 'marketing@example.com', ['marketing']);
  analyst = await signIn(t.http, 'analyst@example.com');
  engineer = await signIn(t.http, 'engineer@example.com');
  support = await signIn(t.http, 'support@example.com');
  marketing = await signIn(t.http, 'marketing@example.com');
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

function rawMail(from: string, subject: string, body: string, headers: string[] = []): { raw: Buffer; messageId: string } {
  const messageId = `${randomUUID()}@example.com`;
  const raw = [
    `From: ${from}`,
    'To: security@secdesk.example',
    `Subject: ${subject}`,
    `Message-ID: <${messageId}>`,
    `Date: ${new Date().toUTCString()}`,
    ...headers,
    '',
    body,
    '',
  ].join('\r\n');
  return { raw: Buffer.from(raw), messageId };
}

/** A ticket by mail, as a requester would open it. */
async function mailIn(from: string, subject: string, body: string) {
  const mail = rawMail(from, subject, body);
  const result = await t.app.services.mailIntake.receive(mail.raw, 'import');
  return { id: result.ticketId, messageId: mail.messageId };
}

async function openTicket(subject: string, options: { dueInMs?: number | null; status?: 'new' | 'open' | 'solved'; body?: string } = {}) {
  const now = Date.now();
  const created = await t.app.services.tickets.open(SYSTEM, {
    subject,
    status: options.status ?? 'new',
    requesterEmail: `${randomUUID().slice(0, 8)}@reporter.example`,
    requesterName: null,
    organisation: null,
    disposition: null,
    tags: [],
    slaDueAt: options.dueInMs === null ? null : new Date(now + (options.dueInMs ?? 20 * HOUR)),
    createdAt: new Date(now),
    messages: [{ direction: 'inbound', from: 'someone@reporter.example', subject, bodyText: options.body ?? 'hello', createdAt: new Date(now) }],
  });
  return created.id;
}

const get = async (client: Client, url: string) => {
  const res = await client.request('GET', url);
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
  return res.json();
};
const patch = (client: Client, id: string, body: object) => client.request('PATCH', `/api/tickets/${id}`, body);
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
const actions = async (id: string) => (await get(analyst, `/api/tickets/${id}/history`)).items.map((e: { action: string }) => e.action);

test('status follows the lifecycle; refused transitions say why', async () => {
  const id = await openTicket('Lifecycle walk');
  assert.equal((await patch(analyst, id, { status: 'open' })).json().status, 'open');
  const refused = await patch(analyst, id, { status: 'closed' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().error.message, /open cannot become closed \(allowed: pending, solved\)/);
  assert.equal((await patch(analyst, id, { status: 'pending' })).json().status, 'pending');
  const solved = (await patch(analyst, id, { status: 'solved' })).json();
  assert.equal(solved.status, 'solved');
  assert.ok(solved.firstHandledAt, 'solving handles the ticket');
  assert.equal(solved.sla.state, 'handled');
  assert.equal((await patch(analyst, id, { status: 'new' })).statusCode, 400);
  assert.equal((await patch(analyst, id, { status: 'bogus' })).statusCode, 400);
  assert.equal((await patch(analyst, id, {})).statusCode, 400, 'an empty change is refused');
  assert.equal((await patch(analyst, randomUUID(), { status: 'open' })).statusCode, 404);
  assert.deepEqual((await actions(id)).filter((a: string) => a === 'ticket.status_changed').length, 3);
});

test('assign to a user who may work tickets, and unassign; anyone else is refused', async () => {
  const id = await openTicket('Assign me');
  const assigned = (await patch(analyst, id, { assigneeId: engineerId })).json();
  assert.deepEqual(assigned.assignee, { id: engineerId, name: 'engineer' });
  for (const other of [supportId, randomUUID()]) {
    const res = await patch(analyst, id, { assigneeId: other });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /only to an enabled user who may work tickets/);
  }
  assert.equal((await patch(analyst, id, { assigneeId: null })).json().assignee, null);
  assert.deepEqual((await get(analyst, '/api/tickets/assignees')).items.map((a: { email: string }) => a.email).sort(), [
    'analyst@example.com',
    'engineer@example.com',
  ]);
  const history = (await get(support, `/api/tickets/${id}/history`)).items;
  assert.deepEqual(changesIn(history), ['ticket.opened', 'ticket.assigned', 'ticket.unassigned']);
  assert.equal(history.find((e: { action: string }) => e.action === 'ticket.assigned').actorLabel, 'analyst@example.com');
  assert.equal(history.find((e: { action: string }) => e.action === 'ticket.assigned').after.assignee, 'engineer');
});

test('internal notes are kept apart: never mailed, never found by search', async () => {
  const { id } = await mailIn('Nora <nora@reporter.example>', 'Note test', 'a public question');
  const res = await analyst.request('POST', `/api/tickets/${id}/notes`, { body: 'Checked the zanzibarish logs internally.' });
  assert.equal(res.statusCode, 201, res.body);
  const ticket = await get(analyst, `/api/tickets/${id}`);
  const note = ticket.messages.find((m: { direction: string }) => m.direction === 'note');
  assert.equal(note.bodyText, 'Checked the zanzibarish logs internally.');
  assert.equal(note.from, 'analyst@example.com');
  assert.equal(note.delivery, null, 'no delivery: a note is never sent');
  assert.equal((await t.app.jobs.boss.findJobs(REPLY_QUEUE, { data: { messageRowId: note.id } })).length, 0, 'no mail job exists for it');
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=zanzibarish')), []);
  assert.equal(ticket.status, 'new', 'a note changes nothing else');
  assert.ok((await actions(id)).includes('ticket.note_added'));
  assert.equal((await analyst.request('POST', `/api/tickets/${id}/notes`, { body: '   ' })).statusCode, 400);
  assert.equal((await support.request('POST', `/api/tickets/${id}/notes`, { body: 'x' })).statusCode, 403);
});

test('tags are normalised and filterable; requester name and organisation are searchable', async () => {
  const id = await openTicket('Tag and organise');
  const tagged = (await patch(analyst, id, { tags: [' Bug Bounty', 'PII', 'pii'] })).json();
  assert.deepEqual(tagged.tags, ['bug-bounty', 'pii']);
  assert.equal((await patch(analyst, id, { tags: ['<b>'] })).statusCode, 400);
  assert.deepEqual(ids(await get(analyst, '/api/tickets?tag=Bug%20Bounty')), [id]);
  const changed = (await patch(analyst, id, { requesterName: 'Quintessa Marlowe', organisation: 'Globex Logistics' })).json();
  assert.deepEqual([changed.requester.name, changed.organisation], ['Quintessa Marlowe', 'Globex Logistics']);
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=Quintessa')), [id]);
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=globex')), [id]);
  assert.equal((await patch(analyst, id, { organisation: 'x'.repeat(201) })).statusCode, 400);
  assert.ok((await actions(id)).includes('ticket.requester_changed'));
});

test('search covers subject, bodies and requester, with filters', async () => {
  const { id } = await mailIn(
    'Ingrid Vasquez <ingrid.vasquez@reporter.example>',
    'Clickjacking on billing',
    'The settings page can be framed by a hostile origin (perhaps quixotically).',
  );
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=quixotically')), [id], 'a word of the body');
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=clickjacking')), [id], 'a word of the subject');
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=Vasquez')), [id], 'the requester name');
  assert.deepEqual(ids(await get(analyst, `/api/tickets?q=${encodeURIComponent('ingrid.vasquez@reporter.example')}`)), [id], 'the requester address');
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=quixotically&status=solved')), [], 'filters narrow the search');
  assert.deepEqual(ids(await get(analyst, '/api/tickets?q=quixotically&disposition=none&assignee=none')), [id]);
});

test('views: unassigned, mine, SLA at risk, breached, by disposition, with counts', async () => {
  const atRisk = await openTicket('View at risk', { dueInMs: HOUR });
  const breached = await openTicket('View breached', { dueInMs: -HOUR });
  const mine = await openTicket('View mine', { dueInMs: 30 * HOUR });
  const handled = await openTicket('View handled', { dueInMs: -HOUR });
  const solved = await openTicket('View solved', { status: 'solved', dueInMs: null });
  await patch(analyst, mine, { assigneeId: analystId });
  await patch(analyst, handled, { disposition: 'redirect:support' });

  const view = async (name: string, client = analyst) => ids(await get(client, `/api/tickets?view=${name}&limit=200`));
  const unassigned = await view('unassigned');
  assert.ok(unassigned.includes(atRisk) && unassigned.includes(breached) && !unassigned.includes(mine) && !unassigned.includes(solved));
  assert.deepEqual(await view('mine'), [mine]);
  assert.deepEqual(await view('mine', engineer), []);
  const risky = await view('sla_at_risk');
  assert.ok(risky.includes(atRisk) && !risky.includes(breached) && !risky.includes(mine));
  const late = await view('breached');
  assert.ok(late.includes(breached) && !late.includes(handled) && !late.includes(atRisk), 'a handled ticket is not breached');
  assert.deepEqual(ids(await get(analyst, '/api/tickets?disposition=redirect:support')), [handled]);

  const list = (await get(analyst, '/api/tickets?limit=200')).items;
  const state = (id: string) => list.find((i: { id: string }) => i.id === id).sla.state;
  assert.deepEqual([state(atRisk), state(breached), state(mine), state(handled), state(solved)], ['at_risk', 'breached', 'running', 'handled', 'none']);

  const counts = await get(analyst, '/api/tickets/views');
  for (const name of ['all', 'unassigned', 'mine', 'sla_at_risk', 'breached']) assert.equal(counts.views[name], (await view(name)).length, name);
  assert.equal(counts.dispositions['redirect:support'], 1);
  assert.equal((await analyst.request('GET', '/api/tickets?view=lost')).statusCode, 400);
});

test('a solved ticket closes after the quiet period; a reopened one does not', async () => {
  const quiet = await mailIn('Quinn <quinn@reporter.example>', 'Quiet close', 'thanks');
  const reopened = await mailIn('Rene <rene@reporter.example>', 'Reopen me', 'hello');
  await patch(analyst, reopened.id, { status: 'solved' });
  // The requester answers before the quiet period ends: the ticket reopens and must stay open.
  const answer = rawMail('Rene <rene@reporter.example>', 'Re: Reopen me', 'one more thing', [`In-Reply-To: <${reopened.messageId}>`]);
  assert.equal((await t.app.services.mailIntake.receive(answer.raw, 'import')).ticketId, reopened.id);
  assert.equal((await get(analyst, `/api/tickets/${reopened.id}`)).status, 'open');
  await patch(analyst, quiet.id, { status: 'solved' });

  await waitFor(async () => ((await get(analyst, `/api/tickets/${quiet.id}`)).status === 'closed' ? true : undefined), 'the quiet ticket to close', 40_000);
  const job = await waitFor(
    async () => {
      const [found] = await t.app.jobs.boss.findJobs<{ ticketId: string }>(CLOSE_QUEUE, { data: { ticketId: reopened.id } });
      return found?.state === 'completed' ? found : undefined;
    },
    "the reopened ticket's close job to run",
    40_000,
  );
  assert.equal((await get(analyst, `/api/tickets/${reopened.id}`)).status, 'open', 'the reply prevented the close');
  assert.equal(await t.app.services.ticketJobs.closeQuietly(job.data as never), 'skipped: the ticket is open', 'running it again changes nothing');
  assert.ok((await actions(quiet.id)).includes('ticket.closed_quietly'));
  assert.deepEqual(
    (await actions(reopened.id)).filter((a: string) => a.includes('closed')),
    [],
  );
  assert.equal((await patch(analyst, quiet.id, { status: 'open' })).statusCode, 400, 'closed is final');
});

test('pending on the requester pauses the SLA; the reply resumes it with a recomputed due time', async () => {
  const { id, messageId } = await mailIn('Pia <pia@reporter.example>', 'Pause me', 'question');
  const before = await get(analyst, `/api/tickets/${id}`);
  assert.equal(before.sla.state, 'running');
  const paused = (await patch(analyst, id, { status: 'pending' })).json();
  assert.equal(paused.sla.state, 'paused');
  assert.ok(paused.slaPausedSince);
  assert.equal(paused.sla.timeZone, 'America/New_York');
  assert.deepEqual(
    [paused.sla.pause.reason, paused.sla.pause.resumesAt, paused.sla.pause.explanation],
    ['pending', null, 'paused while pending on the requester — resumes when the ticket leaves pending'],
    'the API says why the clock stands still',
  );
  assert.deepEqual(
    ids(await get(analyst, '/api/tickets?view=breached&limit=200')).filter((x: string) => x === id),
    [],
  );
  const answer = rawMail('Pia <pia@reporter.example>', 'Re: Pause me', 'the details', [`In-Reply-To: <${messageId}>`]);
  await t.app.services.mailIntake.receive(answer.raw, 'import');
  const resumed = await get(analyst, `/api/tickets/${id}`);
  assert.equal(resumed.status, 'open');
  assert.equal(resumed.slaPausedSince, null);
  assert.equal(resumed.sla.state, 'running');
  const state = (await t.app.store.read.tickets.lifecycleState(id, false))!;
  assert.equal(state.slaPauses.length, 1);
  const expected = resumeSla(createCalendar(), { createdAt: state.createdAt, slaPauses: [], slaPausedSince: state.slaPauses[0]!.from }, state.slaPauses[0]!.to);
  assert.equal(new Date(resumed.slaDueAt).toISOString(), expected.dueAt.toISOString());
  assert.ok(new Date(resumed.slaDueAt) >= new Date(before.slaDueAt));
  const reopenedEntry = (await get(analyst, `/api/tickets/${id}/history`)).items.find((e: { action: string }) => e.action === 'ticket.reopened_by_mail');
  assert.equal(reopenedEntry.after.slaDueAt, expected.dueAt.toISOString());
});

test('who may read, change and annotate tickets', async () => {
  const id = await openTicket('Access');
  assert.equal((await support.request('GET', '/api/tickets/views')).statusCode, 200);
  assert.equal((await support.request('GET', `/api/tickets/${id}/history`)).statusCode, 200);
  assert.equal((await patch(support, id, { status: 'open' })).statusCode, 403);
  assert.equal((await marketing.request('GET', '/api/tickets?view=unassigned')).statusCode, 403);
  assert.equal((await marketing.request('GET', `/api/tickets/${id}/history`)).statusCode, 403);
  assert.equal((await marketing.request('GET', '/api/me/notifications')).statusCode, 200, 'everyone has their own notifications');
  assert.equal((await analyst.request('GET', `/api/tickets/${randomUUID()}/history`)).statusCode, 404);
});

test(`SLA warnings and breach alerts fire once each, to the assignee or the team, and survive a restart (${TEST_ENGINE})`, async () => {
  const dir = TEST_ENGINE === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'secdesk-sla-')) : 'memory://';
  const database = await createTestDatabase(TEST_ENGINE, dir);
  const env = { SECDESK_INBOX_ADDRESS: 'security@secdesk.example', SMTP_URL: smtpUrl, SECDESK_SLA_WARN_MINUTES: '0.05' };
  // The first instance schedules the alerts but runs no workers, then stops: only the second can deliver them.
  const first = await startTestApp({ database, env, app: { workers: false } });
  const team = [await createUser(first.app, 'lead@sla.example', ['security_analyst']), await createUser(first.app, 'eng@sla.example', ['security_engineer'])];
  await createUser(first.app, 'reader@sla.example', ['read_only']);
  const open = async (subject: string) => {
    const now = Date.now();
    return (
      await first.app.services.tickets.open(SYSTEM, {
        subject,
        status: 'new',
        requesterEmail: 'r@reporter.example',
        requesterName: null,
        organisation: null,
        disposition: null,
        tags: [],
        slaDueAt: new Date(now + 6_000),
        createdAt: new Date(now),
        messages: [{ direction: 'inbound', from: 'r@reporter.example', subject, bodyText: 'x', createdAt: new Date(now) }],
      })
    ).id;
  };
  const unassigned = await open('Nobody owns this');
  const assigned = await open('The lead owns this');
  const handled = await open('Handled in time');
  await first.app.services.ticketChanges.update(SYSTEM, assigned, { assigneeId: team[0]!.id });
  await first.app.services.ticketChanges.update(SYSTEM, handled, { disposition: 'reply' });
  await first.close();

  const second = await startTestApp({ database, env });
  try {
    const rows = () =>
      second.app.database.db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select(['u.email', 'n.kind', 'n.ticket_id', 'n.mail_status'])
        .execute();
    await waitFor(async () => ((await rows()).filter((r) => r.kind === 'sla_breach').length === 3 ? true : undefined), 'the breach alerts', 40_000);
    await waitFor(async () => ((await rows()).every((r) => r.mail_status === 'sent') ? true : undefined), 'the alert mails to be sent', 40_000);
    const got = (await rows())
      .map((r) => `${r.email} ${r.kind} ${r.ticket_id === unassigned ? 'unassigned' : r.ticket_id === assigned ? 'assigned' : 'handled'}`)
      .sort();
    assert.deepEqual(got, [
      'eng@sla.example sla_breach unassigned',
      'eng@sla.example sla_warning unassigned',
      'lead@sla.example sla_breach assigned',
      'lead@sla.example sla_breach unassigned',
      'lead@sla.example sla_warning assigned',
      'lead@sla.example sla_warning unassigned',
    ]);
    // A job delivered twice notifies nobody twice.
    const dueAt = (await second.app.store.read.tickets.lifecycleState(unassigned, false))!.slaDueAt!.toISOString();
    assert.equal(await second.app.services.ticketJobs.alert({ ticketId: unassigned, kind: 'breach', dueAt }), 0);
    assert.equal(await second.app.services.ticketJobs.alert({ ticketId: handled, kind: 'breach', dueAt }), 0);
    assert.equal((await rows()).length, 6);
    const mails = received.filter((m) => /SLA/.test(m.subject ?? '') && JSON.stringify(m.to).includes('sla.example'));
    assert.equal(mails.length, 6);
    assert.ok(mails.every((m) => m.headers.get('auto-submitted') === 'auto-generated'));

    const lead = await signIn(second.http, 'lead@sla.example');
    const mine = await get(lead, '/api/me/notifications');
    assert.equal(mine.unread, 4);
    assert.match(mine.items[0].title, /^SLA (breached|at risk): #\d+ /);
    assert.equal((await lead.request('POST', `/api/me/notifications/${mine.items[0].id}/read`)).statusCode, 204);
    assert.equal((await get(lead, '/api/me/notifications')).unread, 3);
    const eng = await signIn(second.http, 'eng@sla.example');
    assert.equal((await eng.request('POST', `/api/me/notifications/${mine.items[1].id}/read`)).statusCode, 404, "not someone else's");
    assert.equal((await lead.request('POST', '/api/me/notifications/read-all')).json().marked, 3);
    assert.equal((await get(lead, '/api/me/notifications')).unread, 0);
    assert.deepEqual(changesIn((await get(lead, `/api/tickets/${unassigned}/history`)).items), ['ticket.opened', 'ticket.sla_warning', 'ticket.sla_breached']);
  } finally {
    await second.close();
    await database.drop();
  }
});
