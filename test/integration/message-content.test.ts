// A message's HTML part and attachments over HTTP: sanitised HTML with a locked-down CSP for a
// sandboxed frame, attachments byte-exact, always downloads, audited, capped, scoped to their ticket.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { MAIL_HTML_CSP } from '../../src/adapters/mail/sanitise-html.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

let t: TestApp;
let analyst: Client;
let marketing: Client;

before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(t.app, 'marketing@example.com', ['marketing']);
  analyst = await signIn(t.http, 'analyst@example.com');
  marketing = await signIn(t.http, 'marketing@example.com');
  hostile = await receiveHostile();
});
after(async () => t.close());

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });

async function receive(message: SendMailOptions) {
  const info = await composer.sendMail({
    from: '"Reporter" <reporter@example.com>',
    to: 'security@secdesk.example',
    subject: 'report',
    messageId: `<${randomUUID()}@example.com>`,
    ...message,
  });
  const result = await t.app.services.mailIntake.receive(info.message as Buffer, 'import');
  const ticket = (await analyst.request('GET', `/api/tickets/${result.ticketId}`)).json();
  return { ticketId: result.ticketId as string, message: ticket.messages[0] };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const BINARY = randomBytes(70_000);
const HOSTILE_NAME = '../../inv\u202Eoice\u0000fdp.exe';

let hostile: Awaited<ReturnType<typeof receive>>;
function receiveHostile() {
  return receive({
    subject: 'PoC attached',
    text: 'plain part',
    html: '<p>Hello <b>team</b></p><script>alert(1)</script><img src="https://tracker.example/p.gif" onerror="alert(2)"><a href="javascript:alert(3)">x</a><a href="https://evil.example/login">login</a><form action="https://x.example"><input></form>',
    attachments: [
      { filename: 'poc.bin', content: BINARY, contentType: 'application/octet-stream' },
      { filename: HOSTILE_NAME, content: Buffer.from('<script>alert(document.cookie)</script>'), contentType: 'text/html' },
      { filename: 'résumé ☃.txt', content: Buffer.from('unicode name\n'), contentType: 'text/plain' },
    ],
  });
}

test('the ticket lists each attachment with safe name, declared type, size and SHA-256', () => {
  const { message } = hostile;
  assert.equal(message.hasHtml, true);
  assert.equal(message.parseWarning, null);
  assert.equal(message.attachments.length, 3);
  const [bin, html, unicode] = message.attachments;
  assert.deepEqual(
    { ...bin, id: undefined },
    { id: undefined, filename: 'poc.bin', contentType: 'application/octet-stream', size: BINARY.length, sha256: sha256(BINARY), withheldReason: null },
  );
  assert.equal(html.filename, '_.._invoicefdp.exe', 'no path, no bidi override, no NUL');
  assert.equal(html.contentType, 'text/html');
  assert.equal(unicode.filename, 'résumé ☃.txt');
});

test('the HTML route serves a sanitised document with a CSP that allows nothing', async () => {
  const res = await analyst.request('GET', `/api/tickets/${hostile.ticketId}/messages/${hostile.message.id}/html`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.equal(res.headers['content-security-policy'], MAIL_HTML_CSP);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['cache-control'], 'private, no-store');
  assert.match(res.body, /<p>Hello <b>team<\/b><\/p>/);
  assert.match(res.body, /<a title="https:\/\/evil\.example\/login">login<\/a>/);
  assert.doesNotMatch(res.body, /<script|onerror|javascript:|<img|<form|<input|tracker\.example/i);
});

test('an attachment downloads byte for byte, as a file, never inline, and the download is audited', async () => {
  const [bin, html, unicode] = hostile.message.attachments;
  const res = await t.http.inject({ method: 'GET', url: `/api/tickets/${hostile.ticketId}/attachments/${bin.id}`, headers: { cookie: analyst.cookie } });
  assert.equal(res.statusCode, 200);
  assert.ok(Buffer.from(res.rawPayload).equals(BINARY), 'the exact bytes');
  assert.equal(res.headers['content-type'], 'application/octet-stream');
  assert.equal(res.headers['content-disposition'], 'attachment; filename="poc.bin"; filename*=UTF-8\'\'poc.bin');
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(String(res.headers['content-security-policy']), /^sandbox; default-src 'none'/);

  const page = await analyst.request('GET', `/api/tickets/${hostile.ticketId}/attachments/${html.id}`);
  assert.equal(page.headers['content-type'], 'application/octet-stream', 'an HTML attachment is not served as HTML');
  assert.equal(page.body, '<script>alert(document.cookie)</script>');
  const named = await analyst.request('GET', `/api/tickets/${hostile.ticketId}/attachments/${unicode.id}`);
  assert.equal(named.headers['content-disposition'], 'attachment; filename="r_sum_ _.txt"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9%20%E2%98%83.txt');

  const audit = await t.app.database.db
    .selectFrom('audit_log')
    .select(['action', 'after'])
    .where('action', '=', 'ticket.attachment_downloaded')
    .where('entity_id', '=', hostile.ticketId)
    .execute();
  assert.equal(audit.length, 3);
  assert.ok(audit.some((a) => (a.after as { sha256: string }).sha256 === sha256(BINARY)));
});

test('ids from another ticket, unknown ids and a message without HTML are not found', async () => {
  const other = await receive({ subject: 'other', text: 'only text', attachments: [{ filename: 'a.txt', content: 'a' }] });
  assert.equal(other.message.hasHtml, false);
  const notFound = [
    `/api/tickets/${other.ticketId}/messages/${hostile.message.id}/html`,
    `/api/tickets/${hostile.ticketId}/messages/${other.message.id}/html`,
    `/api/tickets/${other.ticketId}/messages/${other.message.id}/html`,
    `/api/tickets/${other.ticketId}/attachments/${hostile.message.attachments[0].id}`,
    `/api/tickets/${hostile.ticketId}/attachments/${other.message.attachments[0].id}`,
    `/api/tickets/${hostile.ticketId}/attachments/${randomUUID()}`,
  ];
  for (const url of notFound) assert.equal((await analyst.request('GET', url)).statusCode, 404, url);
  assert.equal((await analyst.request('GET', `/api/tickets/${hostile.ticketId}/attachments/not-a-uuid`)).statusCode, 400);
});

test('both routes need tickets.read', async () => {
  const urls = [
    `/api/tickets/${hostile.ticketId}/messages/${hostile.message.id}/html`,
    `/api/tickets/${hostile.ticketId}/attachments/${hostile.message.attachments[0].id}`,
  ];
  for (const url of urls) {
    assert.equal((await marketing.request('GET', url)).statusCode, 403, url);
    assert.equal((await t.http.inject({ method: 'GET', url })).statusCode, 401, url);
  }
});

test('over the count cap, attachments are listed with the reason and their contents are not served', async () => {
  const files = Array.from({ length: 27 }, (_, i) => ({ filename: `f${i}.txt`, content: `file ${i}\n` }));
  const { ticketId, message } = await receive({ subject: 'many files', text: 'see attached', attachments: files });
  assert.equal(message.attachments.length, 27);
  const withheld = message.attachments.filter((a: { withheldReason: string | null }) => a.withheldReason);
  assert.deepEqual(
    withheld.map((a: { filename: string }) => a.filename),
    ['f25.txt', 'f26.txt'],
  );
  assert.match(withheld[0].withheldReason, /more than 25 attachments/);
  assert.equal((await analyst.request('GET', `/api/tickets/${ticketId}/attachments/${withheld[0].id}`)).statusCode, 409);
  const kept = await analyst.request('GET', `/api/tickets/${ticketId}/attachments/${message.attachments[24].id}`);
  assert.equal(kept.body, 'file 24\n');
});

test('the same attachment in two messages is stored once', async () => {
  const content = randomBytes(1000);
  await receive({ subject: 'one', text: 'x', attachments: [{ filename: 'same.bin', content }] });
  await receive({ subject: 'two', text: 'y', attachments: [{ filename: 'again.bin', content }] });
  const blobs = await t.app.database.db.selectFrom('attachment_blobs').select('sha256').where('sha256', '=', sha256(content)).execute();
  assert.equal(blobs.length, 1);
});

test('the app itself may frame only its own origin and cannot be framed', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/healthz' });
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /frame-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
});
