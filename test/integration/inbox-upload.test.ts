// Uploading .eml files from the web app: POST /api/inbox/import with the raw message as
// message/rfc822 goes through the same intake as SMTP, audited as the person who uploaded it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { corpusMissing, corpusPath } from '../support/corpus.ts';

let t: TestApp;
let analyst: Client;
const CORPUS = corpusPath('mime');

before(async () => {
  t = await startTestApp({ env: { SECDESK_INBOX_ADDRESS: 'security@secdesk.example', SMTP_MAX_BYTES: '2000000' } });
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  analyst = await signIn(t.http, 'analyst@example.com');
});
after(async () => t.close());

function upload(client: Client | null, payload: Buffer | string, contentType = 'message/rfc822') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (client) Object.assign(headers, { cookie: client.cookie, 'x-csrf-token': client.csrfToken });
  return t.http.inject({ method: 'POST', url: '/api/inbox/import', headers, payload });
}

const eml = (id: string) =>
  Buffer.from(
    `From: "Ola N" <ola@example.com>\r\nTo: security@secdesk.example\r\nSubject: Forwarded report ${id}\r\nMessage-ID: <${id}@example.com>\r\n\r\nSee below.\r\n`,
  );

test('an uploaded .eml becomes a ticket, audited as the analyst; the same file again is a duplicate', async () => {
  const res = await upload(analyst, eml('up-1'));
  assert.equal(res.statusCode, 200, res.body);
  const { outcome, ticketId, ticketNumber } = res.json();
  assert.equal(outcome, 'created');
  const ticket = (await analyst.request('GET', `/api/tickets/${ticketId}`)).json();
  assert.equal(ticket.number, ticketNumber);
  assert.equal(ticket.subject, 'Forwarded report up-1');
  assert.equal(ticket.requester.email, 'ola@example.com');
  const audit = await t.app.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', ticketId)
    .where('action', '=', 'ticket.opened')
    .executeTakeFirstOrThrow();
  assert.equal(audit.actor_label, 'analyst@example.com');
  assert.equal((audit.after as { channel: string }).channel, 'import');
  assert.deepEqual((await upload(analyst, eml('up-1'))).json(), { outcome: 'duplicate', ticketId, ticketNumber });
});

test('every hostile message of the shared corpus uploads to a ticket', { skip: corpusMissing('mime') }, async () => {
  const files = readdirSync(CORPUS).filter((n) => n.endsWith('.eml'));
  assert.ok(files.length > 10);
  for (const name of files) {
    const res = await upload(analyst, readFileSync(path.join(CORPUS, name)));
    assert.equal(res.statusCode, 200, `${name}: ${res.body}`);
    assert.ok((await analyst.request('GET', `/api/tickets/${res.json().ticketId}`)).statusCode === 200, name);
  }
});

test('empty, JSON, oversized, anonymous and unpermitted uploads are refused', async () => {
  const empty = await upload(analyst, '');
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error.message, /empty/);
  const json = await upload(analyst, JSON.stringify({ raw: 'x' }), 'application/json');
  assert.equal(json.statusCode, 400);
  assert.match(json.json().error.message, /message\/rfc822/);
  const big = await upload(analyst, Buffer.concat([eml('big'), Buffer.alloc(2_100_000, 'x')]));
  assert.equal(big.statusCode, 413);
  assert.equal((await upload(null, eml('anon'))).statusCode, 401);
  await createUser(t.app, 'support@example.com', ['support']);
  assert.equal((await upload(await signIn(t.http, 'support@example.com'), eml('support'))).statusCode, 403);
});
