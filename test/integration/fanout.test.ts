// Distribution lists and the fan-out engine over real SMTP on loopback, on both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authenticate } from 'mailauth';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

const FROM = 'security@secdesk.example';
const CSV = [
  'Email Address,First Name,Last Name,Company,Audience,Opt Out',
  'ada@example.com,Ada,Lovelace,Analytical,users,',
  'ADA@EXAMPLE.COM,Ada,Twice,Analytical,users,', // different local part case: a different mailbox
  'ada@Example.com,Ada,Dup,Analytical,users,', // same mailbox as row 1: a duplicate
  'bro"ken@example.com,quote inside a field,x,y,users,',
  'too,many,columns,in,this,row,for,the,header',
  'next@example.com,Next,Row,Co,customers,',
  'grace@example.org,Grace,Hopper,Navy,customers,',
  'eve@example.com\u200b,Eve,Zero,Width,users,',
  'optout@example.com,Opt,Out,Co,users,yes',
  'bob@example.net,Bob,,Builder,customer,',
  'mallory@example.com,Mal,Ory,Co,partners,',
].join('\n');

let t: TestApp;
let sink: SmtpSink;
let admin: Client;
let dkimKeyFile: string;
let dkimPublic: string;

before(async () => {
  sink = await startSmtpSink();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  dkimKeyFile = path.join(mkdtempSync(path.join(tmpdir(), 'secdesk-dkim-')), 'dkim.pem');
  writeFileSync(dkimKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  dkimPublic = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  t = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      SECDESK_FANOUT_CONNECTIONS: '4',
      SECDESK_FANOUT_RETRY_SECONDS: '0.2',
      SECDESK_FANOUT_MAX_ATTEMPTS: '3',
      SECDESK_FANOUT_RELAY_DOWN_PAUSE_SECONDS: '1',
      SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS: '5',
      SECDESK_PUBLIC_URL: 'https://secdesk.example',
      SECDESK_DKIM_DOMAIN: 'secdesk.example',
      SECDESK_DKIM_SELECTOR: 'sd1',
      SECDESK_DKIM_KEY_FILE: dkimKeyFile,
      SECDESK_LIST_SOURCE_ALLOW_PRIVATE: 'true',
    },
  });
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  admin = await signIn(t.http, 'cmoc@example.com');
});

after(async () => {
  await t.close();
  await sink.close();
});

async function importCsv(
  csv: string,
  name = 'impacted',
): Promise<{ list: { id: string; memberCount: number; invalidCount: number; duplicateCount: number }; rejects: { line: number; reason: string }[] }> {
  const res = await t.http.inject({
    method: 'POST',
    url: `/api/distribution-lists?name=${name}`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function createSend(listId: string, extra: Record<string, unknown> = {}) {
  const res = await admin.request('POST', '/api/sends', {
    listId,
    from: FROM,
    subject: 'Security notice for {{first_name}}',
    body: 'Dear {{first_name}} {{last_name}} of {{company}},\nwe rotated keys.\n',
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; contentHash: string };
}

async function untilDone(sendId: string) {
  return waitFor(async () => {
    const p = (await admin.request('GET', `/api/sends/${sendId}/progress`)).json();
    return p.status === 'done' ? p : undefined;
  }, `send ${sendId} to finish`);
}

async function testAndStart(sendId: string) {
  const test = await admin.request('POST', `/api/sends/${sendId}/test`, { reviewers: ['reviewer@secdesk.example'] });
  assert.equal(test.statusCode, 201, test.body);
  await untilDone(test.json().id);
  const started = await admin.request('POST', `/api/sends/${sendId}/start`);
  assert.equal(started.statusCode, 200, started.body);
}

const forRecipient = (address: string) => sink.received.filter((m) => (m.to as { value: { address: string }[] }).value[0]!.address === address);

test(`a CSV import keeps good rows, reports broken ones by line, dedups, honours opt-outs, splits audiences (${TEST_ENGINE})`, async () => {
  const { list, rejects } = await importCsv(CSV);
  assert.equal(list.memberCount, 5, 'ada, ADA, next, grace, bob');
  assert.equal(list.duplicateCount, 1);
  const byLine = Object.fromEntries(rejects.map((r) => [r.line, r.reason]));
  assert.match(byLine[5] ?? '', /broken row/, JSON.stringify(rejects));
  assert.match(byLine[6] ?? '', /broken row/, JSON.stringify(rejects));
  assert.match(Object.values(byLine).join('|'), /invisible/);
  assert.match(Object.values(byLine).join('|'), /opted out/);
  assert.match(Object.values(byLine).join('|'), /unknown audience "partners"/);
  const detail = (await admin.request('GET', `/api/distribution-lists/${list.id}`)).json();
  assert.deepEqual(detail.counts, { users: 2, customers: 3, suppressed: 0 });
  const report = (await admin.request('GET', `/api/distribution-lists/${list.id}/rejects`)).json().items;
  assert.equal(report.length, list.invalidCount);
  const marketo = await admin.request('GET', `/api/distribution-lists/${list.id}/export?format=marketo&audience=customers`);
  assert.equal(marketo.body.split('\r\n')[0], '"Email Address","First Name","Last Name","Company Name"');
  assert.match(marketo.body, /"grace@example.org","Grace","Hopper","Navy"/);
  assert.doesNotMatch(marketo.body, /ada@/);
  const mailchimp = await admin.request('GET', `/api/distribution-lists/${list.id}/export?format=mailchimp&audience=users`);
  assert.equal(mailchimp.body.trim().split('\r\n').length, 3);
  const csvOnly = await admin.request('GET', `/api/distribution-lists/${list.id}/export?format=mailchimp`);
  assert.match(String(csvOnly.headers['content-type']), /text\/csv/);
});

test('hostile addresses in a CSV are refused by line with a reason; the rows around them are imported', async () => {
  const csv = [
    'email,audience',
    'first@example.com,users',
    '"eve@example.com\r\nBcc: all@example.com",users', // a quoted field may hold CR/LF: lines 3-4
    'bidi@exa\u202eelpmac.com,users',
    'zw\u200d@example.com,users',
    'eve@pаypal.com,users', // Cyrillic а
    'eve@xn--80ak6aa92e.com,users', // аррӏе, as punycode
    '"""quoted local""@example.com",users', // RFC 5321 quoted local part, CSV-escaped
    'two@@example.com,users',
    'last@example.com,users',
  ].join('\n');
  const { list, rejects } = await importCsv(csv, 'hostile');
  assert.equal(list.memberCount, 2, `first and last: ${JSON.stringify(rejects)}`);
  const byLine = Object.fromEntries(rejects.map((r) => [r.line, r.reason]));
  assert.match(byLine[4] ?? '', /line break/, JSON.stringify(rejects)); // the row ends on line 4
  assert.match(byLine[5] ?? '', /invisible or text-direction/);
  assert.match(byLine[6] ?? '', /invisible/);
  assert.match(byLine[7] ?? '', /confusable/);
  assert.match(byLine[8] ?? '', /confusable/);
  assert.match(byLine[9] ?? '', /local part/);
  assert.match(byLine[10] ?? '', /local part|domain/);
  assert.equal(rejects.length, 7);
});

test('a list can be pulled from an HTTP endpoint returning JSON Lines', async () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.end('{"email":"a@example.com","firstName":"A","audience":"users"}\nnot json\n{"email":"b@example.com","audience":"customers"}\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/contacts`;
  try {
    const res = await admin.request('POST', '/api/distribution-lists/from-source', { name: 'from source', url });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().list.memberCount, 2);
    assert.deepEqual(res.json().rejects, [{ line: 2, value: 'not json', reason: 'not JSON' }]);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  // The same address once nothing listens there: a clear 422 naming the reason, not a 500; no list kept.
  const down = await admin.request('POST', '/api/distribution-lists/from-source', { name: 'source down', url });
  assert.equal(down.statusCode, 422, down.body);
  assert.equal(down.json().error.code, 'unreachable');
  assert.match(down.json().error.message, /the list source could not be reached \(connection refused\)/);
  assert.ok(!(await admin.request('GET', '/api/distribution-lists')).json().items.some((l: { name: string }) => l.name === 'source down'));
});

test('a real send needs a test send of the same content first; then every member gets one personalised, DKIM-signed message', async () => {
  const { list } = await importCsv(
    'email,first name,last name,company,audience\nann@example.com,Ann,A,Acme,users\nben@example.com,Ben,B,Bolt,customers\n',
    'signed',
  );
  const send = await createSend(list.id, { audience: 'users' });
  const refused = await admin.request('POST', `/api/sends/${send.id}/start`);
  assert.equal(refused.statusCode, 409);
  await testAndStart(send.id);
  const progress = await untilDone(send.id);
  assert.equal(progress.sent, 1);
  assert.equal(progress.total, 1);
  const review = forRecipient('reviewer@secdesk.example').at(-1)!;
  assert.equal(review.subject, 'Security notice for Ada');
  const [mail] = forRecipient('ann@example.com');
  assert.ok(mail);
  assert.equal(mail.subject, 'Security notice for Ann');
  assert.match(mail.text ?? '', /Dear Ann A of Acme/);
  assert.equal(mail.messageId, `<${send.id}.0@secdesk.example>`);
  assert.equal(forRecipient('ben@example.com').length, 0, 'customers were not in this audience');
  // The signature verifies against the configured key's public half.
  const raw = sink.raw[sink.received.indexOf(mail)]!;
  const result = await authenticate(raw, {
    ip: '127.0.0.1',
    helo: 'secdesk',
    sender: FROM,
    trustReceived: false,
    resolver: async (name: string, type: string) => {
      if (type === 'TXT' && name === 'sd1._domainkey.secdesk.example') return [[`v=DKIM1; k=rsa; p=${dkimPublic}`]];
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    },
  });
  assert.equal(result.dkim.results[0]?.status.result, 'pass', JSON.stringify(result.dkim.results[0]?.status));
});

test('list mail carries one-click unsubscribe; the POST suppresses the address for later sends', async () => {
  const { list } = await importCsv('email,audience\nunsub@example.com,users\nstay@example.com,users\n', 'alerts');
  const send = await createSend(list.id, { listMail: true, subject: 'Security release', body: 'Upgrade now. Unsubscribe: {{unsubscribe_url}}\n' });
  await testAndStart(send.id);
  await untilDone(send.id);
  const [mail] = forRecipient('unsub@example.com');
  const headerLine = (name: string) => mail!.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? '';
  const header = headerLine('list-unsubscribe');
  assert.equal(headerLine('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  const url = new URL(/<([^>]+)>/.exec(header)![1]!);
  assert.equal(url.origin, 'https://secdesk.example');
  const forged = await t.http.inject({
    method: 'POST',
    url: url.pathname.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  assert.equal(forged.statusCode, 404);
  const page = await t.http.inject({ method: 'GET', url: url.pathname });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<form method="post">/);
  assert.match(mail!.text ?? '', new RegExp(`Unsubscribe: ${url.href.replace(/[.?]/g, '\\$&')}`));
  const res = await t.http.inject({
    method: 'POST',
    url: url.pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
  assert.equal(res.statusCode, 200, res.body);
  const again = await createSend(list.id, { listMail: true, subject: 'Security release 2', body: 'Again.\n' });
  const progress = (await admin.request('GET', `/api/sends/${again.id}/progress`)).json();
  assert.equal(progress.suppressed, 1);
  assert.equal(progress.pending, 1);
});

test('a temporary failure is retried; a permanent one and a later bounce are recorded per recipient', async () => {
  const { list } = await importCsv('email,audience\nflaky@example.com,users\nnobody@example.com,users\nfine@example.com,users\n', 'failures');
  const send = await createSend(list.id, { subject: 'Notice', body: 'Hello\n' });
  await testAndStart(send.id);
  sink.behaviour.reject.add('nobody@example.com');
  sink.behaviour.failNext = 1;
  const progress = await untilDone(send.id);
  sink.behaviour.reject.clear();
  assert.equal(progress.sent, 2);
  assert.equal(progress.failed, 1);
  assert.equal(forRecipient('flaky@example.com').length + forRecipient('fine@example.com').length, 2);
  const failures = (await admin.request('GET', `/api/sends/${send.id}/failures`)).json().items;
  assert.equal(failures.length, 1);
  assert.equal(failures[0].email, 'nobody@example.com');
  assert.match(failures[0].error, /no such user/);
  const [fine] = forRecipient('fine@example.com');
  const bounce = await admin.request('POST', '/api/sends/bounces', { messageId: fine!.messageId!, kind: 'bounce', detail: '550 mailbox full' });
  assert.equal(bounce.statusCode, 204, bounce.body);
  const after = (await admin.request('GET', `/api/sends/${send.id}/failures`)).json().items;
  assert.ok(after.some((f: { email: string; error: string }) => f.email === 'fine@example.com' && /bounce/.test(f.error)));
  const next = await createSend(list.id, { subject: 'Notice 2', body: 'Hello again\n' });
  assert.equal((await admin.request('GET', `/api/sends/${next.id}/progress`)).json().suppressed, 1);
});

test('an SMTP server that is down pauses the send; it resumes by itself and nothing is lost', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => `down${i}@example.com,users`).join('\n');
  const { list } = await importCsv(`email,audience\n${rows}\n`, 'outage');
  const send = await createSend(list.id, { subject: 'Outage', body: 'Hello\n' });
  await testAndStart(send.id);
  await sink.close();
  // The relay restarts only after the send noticed and paused itself.
  await waitFor(async () => {
    const p = (await admin.request('GET', `/api/sends/${send.id}/progress`)).json();
    return p.status === 'paused' && /relay unavailable/.test(p.pauseReason) ? p : undefined;
  }, 'the send to pause itself');
  const down = sink;
  sink = await startSmtpSink({ port: sink.port });
  const progress = await untilDone(send.id);
  assert.equal(progress.sent, 30);
  assert.equal(progress.failed, 0);
  const got = [...down.received, ...sink.received].map((m) => (m.to as { value: { address: string }[] }).value[0]!.address).filter((a) => a.startsWith('down'));
  assert.equal(got.length, 30, 'everyone once, before or after the outage');
  assert.equal(new Set(got).size, 30, 'nobody twice');
});

test('pause, resume and cancel; progress counts add up', async () => {
  const rows = Array.from({ length: 400 }, (_, i) => `p${i}@example.com,users`).join('\n');
  const { list } = await importCsv(`email,audience\n${rows}\n`, 'controls');
  const send = await createSend(list.id, { subject: 'Controls', body: 'Hello\n' });
  await testAndStart(send.id);
  const paused = await admin.request('POST', `/api/sends/${send.id}/pause`);
  assert.equal(paused.statusCode, 200, paused.body);
  const settled = await waitFor(async () => {
    const p = (await admin.request('GET', `/api/sends/${send.id}/progress`)).json();
    return p.sending === 0 ? p : undefined;
  }, 'in-flight messages to settle');
  assert.equal(settled.status, 'paused');
  assert.equal(settled.sent + settled.pending, 400);
  // The relay holds its answers, so the send is certainly still running when it is cancelled.
  let release = () => {};
  sink.behaviour.hold = new Promise<void>((resolve) => (release = resolve));
  const resumed = await admin.request('POST', `/api/sends/${send.id}/resume`);
  assert.equal(resumed.statusCode, 200);
  await waitFor(async () => ((await admin.request('GET', `/api/sends/${send.id}/progress`)).json().sending > 0 ? true : undefined), 'sending to go on');
  const cancelled = await admin.request('POST', `/api/sends/${send.id}/cancel`);
  sink.behaviour.hold = null;
  release();
  assert.equal(cancelled.statusCode, 200, cancelled.body);
  const final = await waitFor(async () => {
    const p = (await admin.request('GET', `/api/sends/${send.id}/progress`)).json();
    return p.sending === 0 ? p : undefined;
  }, 'in-flight messages to settle after cancel');
  assert.equal(final.status, 'cancelled');
  assert.equal(final.sent + final.cancelled + final.pending, 400);
  assert.ok(final.sent > settled.sent, 'sending went on after the resume');
  const received = sink.received.filter((m) => /^p\d+@/.test((m.to as { value: { address: string }[] }).value[0]!.address)).length;
  assert.equal(received, final.sent, 'what the relay got is what is recorded sent');
  assert.equal((await admin.request('POST', `/api/sends/${send.id}/resume`)).statusCode, 409);
});

test('a CSV larger than the request body limit streams in whole', async () => {
  const rows = Array.from({ length: 40_000 }, (_, i) => `big${i}@example.com,First ${i},users`).join('\n');
  const csv = `email,first name,audience\n${rows}\n`;
  assert.ok(Buffer.byteLength(csv) > t.config.SECDESK_BODY_LIMIT_BYTES);
  const { list } = await importCsv(csv, 'large');
  assert.equal(list.memberCount, 40_000);
});
