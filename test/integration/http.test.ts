// The HTTP surface every route shares: probes, OpenAPI, error bodies, bad input, headers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ env: { SECDESK_BODY_LIMIT_BYTES: '2048' } });
});
after(async () => t.close());

function assertErrorBody(body: unknown, code: string) {
  const error = (body as { error: { code: string; message: string; requestId: string } }).error;
  assert.equal(error.code, code, JSON.stringify(body));
  assert.equal(typeof error.message, 'string');
  assert.match(error.requestId, /^[0-9a-f-]{36}$/);
  assert.doesNotMatch(JSON.stringify(body), /at \w+ \(|node_modules|\.ts:\d+/, 'no stack trace');
}

test('health and readiness', async () => {
  const health = await t.http.inject({ method: 'GET', url: '/healthz' });
  assert.equal(health.statusCode, 200);
  const ready = await t.http.inject({ method: 'GET', url: '/readyz' });
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(ready.json().checks, { database: 'ok', jobs: 'ok' });
});

test('the OpenAPI 3.1 document describes every API route', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { summary?: string }>> };
  assert.equal(doc.openapi, '3.1.0');
  const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
  for (const route of t.http.routeAccess) {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs') || route.url === '/api/openapi.json') continue;
    const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
    assert.ok(documented.has(`${route.method} ${openApiPath}`), `${route.method} ${openApiPath} is documented`);
    assert.ok(doc.paths[openApiPath]?.[route.method.toLowerCase()]?.summary, `${route.method} ${openApiPath} has a summary`);
  }
});

test('rendered API docs are served', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/html/);
});

test('an unknown API route answers 404 with the error body and a request id header', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/api/nothing-here' });
  assert.equal(res.statusCode, 404);
  assertErrorBody(res.json(), 'not_found');
  assert.equal(res.headers['x-request-id'], res.json().error.requestId);
});

test('a client-sent request id is not trusted', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/api/nothing-here', headers: { 'x-request-id': 'forged' } });
  assert.notEqual(res.json().error.requestId, 'forged');
});

test('malformed JSON is a 400 with a clear message', async () => {
  const res = await t.http.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
  assert.equal(res.statusCode, 400);
  assertErrorBody(res.json(), 'bad_request');
});

test('wrong types and unknown fields are refused, naming the field', async () => {
  const wrongType = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 42, password: [] } });
  assert.equal(wrongType.statusCode, 400);
  assertErrorBody(wrongType.json(), 'invalid');
  const unknown = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@example.com', password: 'x'.repeat(12), admin: true } });
  assert.equal(unknown.statusCode, 400);
  assertErrorBody(unknown.json(), 'invalid');
  assert.match(JSON.stringify(unknown.json().error), /additional|admin/);
});

test('an oversized body is a 413', async () => {
  const res = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'a@example.com', password: 'x'.repeat(5000) } });
  assert.equal(res.statusCode, 413);
  assertErrorBody(res.json(), 'too_large');
});

test('an unsupported content type is a 415', async () => {
  const res = await t.http.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
  assert.equal(res.statusCode, 415);
  assertErrorBody(res.json(), 'unsupported_media_type');
});

test('API answers carry protective headers', async () => {
  const res = await t.http.inject({ method: 'GET', url: '/healthz' });
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.match(res.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
});
