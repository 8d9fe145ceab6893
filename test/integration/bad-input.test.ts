// Bad text and bad values are the client's 4xx, never a 500 (security finding 4): NUL, lone
// surrogates and invalid UTF-8 are refused at the HTTP layer naming the field, malformed cursors and
// out-of-range months by their schemas, and nothing malformed is stored. One case per 500 seen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { seedDemo } from '../../src/app/seed/demo.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

let t: TestApp;
let admin: Client;
let ticketId: string;
let incidentId: string;

before(async () => {
  t = await startTestApp();
  await seedDemo(t.app, { onlyIfEmpty: false });
  await createUser(t.app, 'admin@example.com', ['admin']);
  admin = await signIn(t.http, 'admin@example.com');
  ticketId = (await admin.request('GET', '/api/tickets')).json().items[0].id;
  incidentId = (await admin.request('GET', '/api/incidents')).json().items[0].id;
});
after(async () => t.close());

function json(client: Client | null, method: string, url: string, body: string | Buffer) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {}),
  };
  return t.http.inject({ method: method as 'POST', url, headers, payload: body });
}

function assertRefused(res: { statusCode: number; body: string }, field?: string) {
  assert.equal(res.statusCode, 400, res.body);
  const error = JSON.parse(res.body).error;
  assert.equal(error.code, 'invalid', res.body);
  assert.match(error.requestId, /^[0-9a-f-]{36}$/);
  if (field) assert.equal(error.details?.[0]?.field, field, res.body);
}

test('a NUL in any text field is a 400 naming the field, even before sign-in', async () => {
  assertRefused(
    await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'a\u0000@example.com', password: 'x'.repeat(12) } }),
    'body/email',
  );
  assertRefused(await admin.request('POST', '/api/statuspage/components', { slug: 'nul-name', name: 'a\u0000b' }), 'body/name');
  assertRefused(
    await admin.request('POST', '/api/holding-statements', { channel: 'customer_faq', title: 'apply', subject: 'x\u0000', body: 'text' }),
    'body/subject',
  );
  assertRefused(await admin.request('PUT', `/api/incidents/${incidentId}/communications/plan/scope`, { scope: 'x\u0000', frequencyMinutes: 60 }), 'body/scope');
  assertRefused(await admin.request('GET', '/api/tickets?q=a%00b'), 'querystring/q');
  assertRefused(await admin.request('GET', '/api/tickets?tag=a%00b'), 'querystring/tag');
  assertRefused(await admin.request('GET', '/api/audit?action=a%00b'), 'querystring/action');
  assertRefused(await admin.request('POST', `/api/tickets/${ticketId}/notes`, { body: 'note\u0000' }), 'body/body');
  assertRefused(await admin.request('PATCH', '/api/tickets/%00', { tags: [] }), 'params/id');
});

test('a lone surrogate is a 400 and the ticket keeps its requester name', async () => {
  const before = (await admin.request('GET', `/api/tickets/${ticketId}`)).json();
  assertRefused(await json(admin, 'PATCH', `/api/tickets/${ticketId}`, '{"requesterName":"Mallory \\ud800"}'), 'body/requesterName');
  assertRefused(await json(admin, 'PATCH', `/api/tickets/${ticketId}`, '{"requesterName":"\\udfff"}'), 'body/requesterName');
  const after = (await admin.request('GET', `/api/tickets/${ticketId}`)).json();
  assert.deepEqual(after.requesterName ?? after.ticket?.requesterName, before.requesterName ?? before.ticket?.requesterName);
});

test('invalid UTF-8 in a JSON body is refused, not stored with replacement characters', async () => {
  for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0x80]]) {
    const body = Buffer.concat([Buffer.from('{"slug":"bad-bytes","name":"a'), Buffer.from(bad), Buffer.from('"}')]);
    const res = await json(admin, 'POST', '/api/statuspage/components', body);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.json().error.message, /UTF-8/);
  }
  const list = await admin.request('GET', '/api/statuspage/components');
  assert.doesNotMatch(list.body, /bad-bytes|\ufffd/);
  // Well-formed text beyond ASCII still goes through.
  assert.equal((await admin.request('POST', '/api/statuspage/components', { slug: 'good-bytes', name: 'Zürich 😀' })).statusCode, 201);
});

test('a CSV body read as a stream is refused at its first byte that is not UTF-8, and no list is made', async () => {
  const csv = Buffer.concat([Buffer.from('email,first_name\nann@example.com,Ann\nbob@example.com,B'), Buffer.from([0xe9]), Buffer.from('b\n')]);
  const res = await t.http.inject({
    method: 'POST',
    url: '/api/distribution-lists?name=latin1',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
  assert.equal(res.statusCode, 400, res.body);
  assert.match(res.json().error.message, /UTF-8/);
  assert.doesNotMatch((await admin.request('GET', '/api/distribution-lists')).body, /latin1/);
});

test('malformed cursors are a 400 on every paged list', async () => {
  for (const url of [
    '/api/users?cursor=nope',
    '/api/users?cursor=%80',
    '/api/tickets?cursor=nope',
    '/api/tickets?cursor=%FF',
    '/api/incidents?cursor=nope',
    '/api/audit?cursor=nope',
    '/api/audit?cursor=-1',
    '/api/audit?cursor=99999999999999999999',
    '/api/audit?cursor=Infinity',
  ]) {
    const res = await admin.request('GET', url);
    assert.equal(res.statusCode, 400, `${url} → ${res.statusCode} ${res.body}`);
  }
});

test('the public status history refuses a month it cannot show', async () => {
  for (const month of ['9999-12', '0000-01', '10000-01', '2026-13']) {
    const res = await t.http.inject({ method: 'GET', url: `/status/history?month=${month}` });
    assert.equal(res.statusCode, 400, `${month} → ${res.statusCode}`);
  }
  assert.equal((await t.http.inject({ method: 'GET', url: '/status/history?month=2026-01' })).statusCode, 200);
});

test('public pages outside /api refuse bad text with a 4xx', async () => {
  const form = (url: string, payload: Buffer | string) =>
    t.http.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
  const subscribe = await form('/status/subscribe', Buffer.concat([Buffer.from('email=a'), Buffer.from([0xff]), Buffer.from('@example.com')]));
  assert.equal(subscribe.statusCode, 400);
  assert.match(subscribe.headers['content-type'] as string, /text\/html/);
  assert.equal((await form('/status/subscribe', 'email=a%00@example.com')).statusCode, 400);
  assert.equal((await form('/compliance/download/abc', 'email=a%00@example.com')).statusCode, 400);
  assert.equal((await t.http.inject({ method: 'GET', url: '/compliance/download/%00' })).statusCode, 400);
  assert.ok((await form('/status/p/nowhere/sign-in', 'password=%00')).statusCode < 500);
  assert.ok((await t.http.inject({ method: 'GET', url: '/status/incidents/%ED%A0%80' })).statusCode < 500);
});

test('a path that is not valid percent-encoding answers the one error body', async () => {
  const res = await admin.request('GET', '/api/users/%FF');
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'bad_request');
  assert.equal(res.headers['x-request-id'], res.json().error.requestId);
});
