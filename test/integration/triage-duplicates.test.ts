// Possible duplicates through real intake and the real job queue: a vulnerability report's triage
// queues the comparison with open and recent tickets; the ticket shows "possible duplicate of #N" with
// the matching passages; an analyst links it (audited, nothing sent) and the duplicate reply renders.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { waitFor } from '../support/until.ts';

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

function mail(id: string, from: string, subject: string, body: string): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: security@secdesk.example\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  );
}

const first = mail(
  'dup-a',
  'ana@researcher.example',
  'Stored XSS in project comments',
  'Hello,\n\nI found a stored XSS vulnerability. Posting a comment with <img src=x onerror=alert(document.domain)> on https://app.example.com/projects/12/comments stores the payload, and it runs in the session of every member who opens the project. Steps to reproduce: post the comment, open the project as another user.\n\nRegards, Ana',
);
const second = mail(
  'dup-b',
  'bo@hunter.example',
  'XSS via the comment field of projects',
  "Hi security team,\n\nComments on a project page are not escaped: a stored XSS. My onerror image tag posted as a comment at https://app.example.com/projects/88/comments executed when my second account viewed the project, so the script runs in other users' sessions. Proof of concept below.\n\nBo",
);
const unrelated = mail(
  'dup-c',
  'cy@finder.example',
  'SQL injection in order sorting',
  'Hello,\n\nThe sort parameter of https://shop.example.com/api/orders?sort=name is vulnerable to SQL injection: sort=(select pg_sleep(5)) delays the response by five seconds. Steps to reproduce attached.',
);

test('a second report of the same stored XSS is shown as a possible duplicate of the first, with the matching passages; linking marks it', async () => {
  const a = await t.app.services.mailIntake.receive(first, 'import');
  const aNumber = (await analyst.request('GET', `/api/tickets/${a.ticketId}`)).json().number;
  const b = await t.app.services.mailIntake.receive(second, 'import');
  const found = await waitFor(
    async () => {
      const res = await analyst.request('GET', `/api/tickets/${b.ticketId}/duplicates`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items.length ? res.json() : undefined;
    },
    'the possible duplicates of the second report',
    180_000,
  );
  assert.equal(found.template, 'reply.duplicate');
  assert.equal(found.items.length, 1);
  const [candidate] = found.items;
  assert.equal(candidate.duplicateOf.number, aNumber);
  assert.deepEqual(candidate.evidence.targets, ['app.example.com/projects/{id}/comments']);
  assert.ok(candidate.evidence.score >= 0.5, String(candidate.evidence.score));
  assert.match(candidate.evidence.passages.other, /onerror|stored XSS/i);
  assert.equal(candidate.linked, null);
  assert.equal(await t.app.services.duplicates.find({ ticketId: b.ticketId }), 0, 'a second run stores nothing again');

  assert.equal((await support.request('GET', `/api/tickets/${b.ticketId}/duplicates`)).statusCode, 200);
  assert.equal((await support.request('POST', `/api/tickets/${b.ticketId}/duplicates/${candidate.id}/link`, {})).statusCode, 403);
  assert.equal((await analyst.request('POST', `/api/tickets/${b.ticketId}/duplicates/00000000-0000-4000-8000-000000000000/link`, {})).statusCode, 404);
  const linked = await analyst.request('POST', `/api/tickets/${b.ticketId}/duplicates/${candidate.id}/link`, {});
  assert.equal(linked.statusCode, 200, linked.body);
  assert.equal(linked.json().items[0].linked.by.name, 'analyst');
  assert.equal((await analyst.request('POST', `/api/tickets/${b.ticketId}/duplicates/${candidate.id}/link`, {})).statusCode, 409);
  const history = (await analyst.request('GET', `/api/tickets/${b.ticketId}/history`)).json().items;
  assert.equal(history.find((e: any) => e.action === 'ticket.duplicate_linked')?.after?.duplicateOf, aNumber);
  assert.ok(history.some((e: any) => e.action === 'ticket.duplicates_found'));
  const ticket = (await analyst.request('GET', `/api/tickets/${b.ticketId}`)).json();
  assert.equal(ticket.status, 'new', 'linking sends nothing and changes no status');
  assert.equal(ticket.disposition, null);

  const preview = await analyst.request('POST', `/api/tickets/${b.ticketId}/disposition/preview`, { kind: 'reply', templateKey: found.template });
  assert.equal(preview.statusCode, 200, preview.body);
  assert.match(JSON.stringify(preview.json()), /already reported to us/);
});

test('a report of a different finding has no possible duplicates', async () => {
  const c = await t.app.services.mailIntake.receive(unrelated, 'import');
  assert.equal(await t.app.services.duplicates.find({ ticketId: c.ticketId }), 0);
  assert.deepEqual((await analyst.request('GET', `/api/tickets/${c.ticketId}/duplicates`)).json().items, []);
});
