// Triage suggestions through real intake, the real job queue and the real API: mail in → a
// `triage.suggest` job → a stored suggestion shown with the ticket; analysts' decisions are recorded
// (and change nothing else); the shipped model's figures over HTTP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { corpusMissing, corpusPath } from '../support/corpus.ts';

let t: TestApp;
let analyst: Client;
let support: Client;

before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(t.app, 'support@example.com', ['support']);
  analyst = await signIn(t.http, 'analyst@example.com');
  support = await signIn(t.http, 'support@example.com');
});
after(async () => t.close());

function mail(opts: { id: string; from: string; subject: string; body: string; headers?: string; attachment?: { name: string; content: string } }): Buffer {
  const head = `From: ${opts.from}\r\nTo: security@secdesk.example\r\nSubject: ${opts.subject}\r\nMessage-ID: <${opts.id}@example.net>\r\n${opts.headers ?? ''}MIME-Version: 1.0\r\n`;
  if (!opts.attachment) return Buffer.from(`${head}Content-Type: text/plain; charset=utf-8\r\n\r\n${opts.body}\r\n`);
  const b = 'b-1';
  return Buffer.from(
    `${head}Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${opts.body}\r\n--${b}\r\nContent-Type: text/x-python\r\nContent-Disposition: attachment; filename="${opts.attachment.name}"\r\n\r\n${opts.attachment.content}\r\n--${b}--\r\n`,
  );
}

/** Polls the ticket until the job has stored its suggestion (generous bound; never a fixed sleep). */
async function suggestionOf(ticketId: string): Promise<any> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const res = await analyst.request('GET', `/api/tickets/${ticketId}`);
    assert.equal(res.statusCode, 200, res.body);
    if (res.json().suggestion) return res.json().suggestion;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no triage suggestion within 180 s');
}

test('a vulnerability report with a proof of concept gets a vulnerability suggestion with its reasons', async () => {
  const body =
    'Hello security team,\n\nI found a stored XSS vulnerability in the comment form of app.example.com. Steps to reproduce: post a comment containing the payload below, then open the page as another user; the script runs in their session. Proof of concept attached.\n\nRegards';
  const { ticketId } = await t.app.services.mailIntake.receive(
    mail({
      id: 'vuln-1',
      from: 'finder@researcher.example',
      subject: 'Stored XSS in comments',
      body,
      attachment: { name: 'poc.py', content: 'print("<script>alert(1)</script>")' },
    }),
    'import',
  );
  const suggestion = await suggestionOf(ticketId);
  assert.equal(suggestion.label, 'vulnerability_report');
  assert.equal(suggestion.disposition, 'redirect:vulnerability');
  assert.ok(suggestion.confidence > 0.5 && suggestion.confidence <= 1, String(suggestion.confidence));
  const signals = suggestion.reasons.filter((r: any) => r.kind === 'signal').map((r: any) => r.name);
  assert.ok(signals.includes('poc-attachment') && signals.includes('vulnerability-terms'), signals.join());
  assert.ok(suggestion.reasons.some((r: any) => r.kind === 'words' && r.label === 'vulnerability_report'));
  assert.match(suggestion.modelVersion, /^nb-[0-9a-f]{12}$/);
  assert.equal(suggestion.decision, null);
  const ticket = (await analyst.request('GET', `/api/tickets/${ticketId}`)).json();
  assert.equal(ticket.disposition, null, 'a suggestion never acts on the ticket');
  const separate = await support.request('GET', `/api/tickets/${ticketId}/suggestion`);
  assert.equal(separate.statusCode, 200);
  assert.equal(separate.json().suggestion.label, 'vulnerability_report');
});

test('a beg-bounty mail is flagged likely out of scope, with its reasons and the out-of-scope reply; nothing is closed', async () => {
  const body =
    'Hi team,\n\nI am a security researcher and found a vulnerability on your domain.\n\nVulnerability: Missing DMARC record\nSeverity: High\n\nYour domain has no DMARC record, so an attacker can send emails on behalf of your domain.\n\nPlease let me know about the bounty.\n\nThanks';
  const { ticketId } = await t.app.services.mailIntake.receive(
    mail({ id: 'beg-1', from: 'hunter@mail.example', subject: 'Critical vulnerability: Missing DMARC record', body }),
    'import',
  );
  const suggestion = await suggestionOf(ticketId);
  assert.equal(suggestion.label, 'vulnerability_report');
  assert.equal(suggestion.disposition, 'reply');
  assert.equal(suggestion.outOfScope.template, 'reply.out-of-scope');
  assert.deepEqual(
    suggestion.outOfScope.families.map((f: any) => f.family),
    ['email-auth'],
  );
  assert.match(suggestion.outOfScope.families[0].detail, /SPF, DMARC, DKIM.*“no dmarc record”/);
  assert.deepEqual(suggestion.reasons[0], {
    kind: 'out-of-scope',
    label: 'vulnerability_report',
    name: 'email-auth',
    detail: suggestion.outOfScope.families[0].detail,
    weight: 0,
  });
  const history = (await analyst.request('GET', `/api/tickets/${ticketId}/history`)).json().items;
  assert.deepEqual(history.find((e: any) => e.action === 'ticket.triage_suggested')?.after?.outOfScope, ['email-auth']);

  const preview = await analyst.request('POST', `/api/tickets/${ticketId}/disposition/preview`, { kind: 'reply', templateKey: suggestion.outOfScope.template });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.match(JSON.stringify(preview.json()), /out of scope.*SPF, DKIM or DMARC/s);
  const accepted = await analyst.request('POST', `/api/tickets/${ticketId}/suggestion/decision`, { label: 'vulnerability_report' });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.equal(accepted.json().decision.disposition, 'reply', 'accepting keeps the suggested reply');
  const ticket = (await analyst.request('GET', `/api/tickets/${ticketId}`)).json();
  assert.equal(ticket.status, 'new', 'the flag never closes a ticket');
  assert.equal(ticket.disposition, null);
  assert.equal(ticket.messages.filter((m: any) => m.direction === 'outbound').length, 0, 'nothing is sent');
});

test('a real stored XSS that mentions a missing header is not flagged', async () => {
  const body =
    'Project descriptions accept an <img onerror> payload that is stored and runs for every other user who opens the project: a stored XSS. Because the Content-Security-Policy header is missing, the script can send the session cookie to my server. Steps to reproduce attached.';
  const { ticketId } = await t.app.services.mailIntake.receive(
    mail({ id: 'vuln-csp', from: 'finder@researcher.example', subject: 'Stored XSS in project descriptions', body }),
    'import',
  );
  const suggestion = await suggestionOf(ticketId);
  assert.equal(suggestion.label, 'vulnerability_report');
  assert.equal(suggestion.outOfScope, null);
  assert.equal(suggestion.disposition, 'redirect:vulnerability');
  assert.ok(!suggestion.reasons.some((r: any) => r.kind === 'out-of-scope'));
});

test('machine mail is suggested as spam_or_other with no disposition', async () => {
  const { ticketId } = await t.app.services.mailIntake.receive(
    mail({
      id: 'ooo-1',
      from: 'someone@partner.example',
      subject: 'Automatic reply: your report',
      headers: 'Auto-Submitted: auto-replied\r\n',
      body: 'I am out of the office until Monday.',
    }),
    'import',
  );
  const suggestion = await suggestionOf(ticketId);
  assert.equal(suggestion.label, 'spam_or_other');
  assert.equal(suggestion.disposition, null);
  assert.ok(suggestion.reasons.some((r: any) => r.name === 'machine-mail'));
});

test('analysts accept or change a suggestion: recorded as training data and audited, the ticket unchanged', async () => {
  const { ticketId } = await t.app.services.mailIntake.receive(
    mail({
      id: 'acct-1',
      from: 'user@mail.example',
      subject: 'Locked out after losing my phone',
      body: 'I lost my phone with the authenticator app and cannot log in. Please reset 2FA on my account.',
    }),
    'import',
  );
  const suggestion = await suggestionOf(ticketId);
  assert.equal(suggestion.label, 'account_support');
  const accepted = await analyst.request('POST', `/api/tickets/${ticketId}/suggestion/decision`, { label: 'account_support' });
  assert.equal(accepted.statusCode, 200, accepted.body);
  assert.deepEqual(
    { ...accepted.json().decision, at: undefined, by: accepted.json().decision.by.name },
    { label: 'account_support', disposition: 'redirect:support', accepted: true, by: 'analyst', at: undefined },
  );
  const changed = await analyst.request('POST', `/api/tickets/${ticketId}/suggestion/decision`, { label: 'security_question', disposition: 'engage' });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.equal(changed.json().decision.accepted, false);
  assert.equal(changed.json().decision.disposition, 'engage');
  assert.equal(changed.json().label, 'account_support', 'the suggestion itself stays as it was');
  const ticket = (await analyst.request('GET', `/api/tickets/${ticketId}`)).json();
  assert.equal(ticket.disposition, null);
  assert.equal(ticket.suggestion.decision.label, 'security_question');
  const history = (await analyst.request('GET', `/api/tickets/${ticketId}/history`)).json().items.map((e: any) => e.action);
  assert.ok(history.includes('ticket.triage_suggested') && history.filter((a: string) => a === 'ticket.triage_decided').length === 2, history.join());
  const examples = await t.app.services.triage.decidedExamples({ actor: { kind: 'system', userId: null, label: 'test', roles: [] } });
  const mine = examples.find((e) => e.subject === 'Locked out after losing my phone');
  assert.equal(mine?.label, 'security_question', 'the latest choice is the training label');

  assert.equal((await support.request('POST', `/api/tickets/${ticketId}/suggestion/decision`, { label: 'account_support' })).statusCode, 403);
  assert.equal((await analyst.request('POST', `/api/tickets/${ticketId}/suggestion/decision`, { label: 'not_a_label' })).statusCode, 400);
  assert.equal(
    (await analyst.request('POST', `/api/tickets/${ticketId}/suggestion/decision`, { label: 'spam_or_other', disposition: 'reply' })).statusCode,
    400,
  );
  assert.equal(
    (await analyst.request('POST', '/api/tickets/00000000-0000-4000-8000-000000000000/suggestion/decision', { label: 'spam_or_other' })).statusCode,
    404,
  );
});

test('a ticket with no suggestion cannot be decided on', async () => {
  // Stored directly, without the intake's job: the ticket has no suggestion.
  const created = await t.app.store.transaction((s) =>
    s.tickets.create({
      subject: 'Stored without triage',
      status: 'new',
      requesterEmail: 'x@example.com',
      requesterName: null,
      organisation: null,
      disposition: null,
      tags: [],
      slaDueAt: null,
      createdAt: new Date(),
      messages: [
        {
          direction: 'inbound',
          messageId: null,
          inReplyTo: null,
          from: 'x@example.com',
          to: null,
          subject: 'Stored without triage',
          bodyText: 'hello',
          bodyHtml: null,
          attachments: [],
          rawSha256: null,
          parseWarning: null,
          noiseKind: null,
          createdAt: new Date(),
        },
      ],
    }),
  );
  assert.equal((await analyst.request('GET', `/api/tickets/${created.id}/suggestion`)).json().suggestion, null);
  assert.equal((await analyst.request('GET', `/api/tickets/${created.id}`)).json().suggestion, null);
  const res = await analyst.request('POST', `/api/tickets/${created.id}/suggestion/decision`, { label: 'spam_or_other' });
  assert.equal(res.statusCode, 409, res.body);
});

test('POST /api/triage/eval returns the figures the CLI prints; bad lines are reported by number', async () => {
  const rows = [
    {
      subject: 'DMCA takedown notice',
      body: 'The repository infringes our copyrighted work. Please remove it under the DMCA.',
      from: 'agent@rights.example',
      label: 'copyright_dmca',
    },
    {
      subject: 'SOC 2 report request',
      body: 'Please send your SOC 2 Type II report and pen test report for our vendor assessment.',
      from: 'grc@customer.example',
      label: 'compliance_request',
    },
    { subject: 'Password reset not arriving', body: 'I cannot log in, the password reset email never arrives.', label: 'account_support' },
  ].map((r) => JSON.stringify(r));
  const payload = [rows[0], 'not json', rows[1], JSON.stringify({ subject: 's', body: 'b', label: 'wrong' }), rows[2], ''].join('\n');
  const headers = { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken, 'content-type': 'application/x-ndjson' };
  const res = await t.http.inject({ method: 'POST', url: '/api/triage/eval', headers, payload });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.rows, 3);
  assert.deepEqual(
    body.problems.map((p: any) => p.line),
    [2, 4],
  );
  assert.equal(body.macroF1, 1);
  assert.equal(body.confusion.copyright_dmca.copyright_dmca, 1);
  assert.match(body.report, /\nmacro-F1: 1\.000$/);
  const empty = await t.http.inject({ method: 'POST', url: '/api/triage/eval', headers, payload: 'not json\n' });
  assert.equal(empty.statusCode, 400);
  const forbidden = await t.http.inject({
    method: 'POST',
    url: '/api/triage/eval',
    headers: { ...headers, cookie: support.cookie, 'x-csrf-token': support.csrfToken },
    payload,
  });
  assert.equal(forbidden.statusCode, 403);
  const tooBig = await t.http.inject({ method: 'POST', url: '/api/triage/eval', headers, payload: `${rows[0]}\n`.repeat(70_000) });
  assert.equal(tooBig.statusCode, 413);
});

const MIME_CORPUS = corpusPath('mime');

test('real hostile and machine mail (the shared MIME corpus): every new ticket gets a suggestion; the real bounce and abuse report are spam_or_other', {
  skip: corpusMissing('mime'),
}, async () => {
  const created = new Map<string, string>();
  for (const file of readdirSync(MIME_CORPUS).filter((f) => f.endsWith('.eml'))) {
    const result = await t.app.services.mailIntake.receive(readFileSync(path.join(MIME_CORPUS, file)), 'import');
    if (result.outcome === 'created') created.set(file, result.ticketId);
  }
  assert.ok(created.size > 30, String(created.size));
  const labels = new Map<string, string>();
  for (const [file, ticketId] of created) labels.set(file, (await suggestionOf(ticketId)).label);
  assert.equal(labels.get('postal-mime__fixtures__bounce.eml'), 'spam_or_other');
  assert.equal(labels.get('postal-mime__fixtures__arf.eml'), 'spam_or_other');
});
