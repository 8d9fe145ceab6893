import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { documentErrorResponses, ErrorBody, installErrorHandling } from './errors.ts';

/** A server whose one route throws `error`, and the log lines it writes. */
async function throwing(error: unknown) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level: 'info' }, stream) as FastifyBaseLogger });
  app.addSchema(ErrorBody);
  installErrorHandling(app);
  app.get('/boom', async () => {
    throw error;
  });
  await app.ready();
  const res = await app.inject({ method: 'GET', url: '/boom' });
  await app.close();
  return { res, lines };
}

/** What node-postgres and PGlite throw: a message, a severity and a SQLSTATE. */
function databaseError(code: string) {
  return Object.assign(new Error(`database said ${code}`), { code, severity: 'ERROR' });
}

test('database errors that bad input causes are 4xx, logged as a warning with the request id', async () => {
  const cases: [string, number, string][] = [
    ['22P02', 400, 'invalid'],
    ['22021', 400, 'invalid'],
    ['22008', 400, 'invalid'],
    ['22003', 400, 'invalid'],
    ['22001', 400, 'invalid'],
    ['22012', 400, 'invalid'],
    ['23505', 409, 'conflict'],
    ['23503', 409, 'conflict'],
    ['54000', 400, 'invalid'],
  ];
  for (const [code, status, errorCode] of cases) {
    const { res, lines } = await throwing(databaseError(code));
    assert.equal(res.statusCode, status, code);
    assert.equal(res.json().error.code, errorCode);
    assert.doesNotMatch(res.body, /database said/, 'the database message is not shown');
    const warning = lines.find((l) => l.level === 40);
    assert.equal(warning?.sqlState, code);
    assert.equal(warning?.requestId, res.json().error.requestId);
  }
});

test('anything else is a 500, logged at error level with the request id and the error', async () => {
  for (const error of [
    new TypeError('cannot read x of undefined'),
    databaseError('42P01'),
    Object.assign(new Error('wrapped'), { cause: databaseError('XX000') }),
  ]) {
    const { res, lines } = await throwing(error);
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().error.code, 'internal');
    const logged = lines.find((l) => l.level === 50);
    assert.ok(logged, 'an error-level line');
    assert.equal(logged.requestId, res.json().error.requestId);
    assert.match(JSON.stringify(logged.err), new RegExp((error as Error).message));
  }
});

test('a database error behind a cause is still recognised', async () => {
  const { res } = await throwing(Object.assign(new Error('query failed'), { cause: databaseError('22P02') }));
  assert.equal(res.statusCode, 400);
});

test('every API operation documents the shared error body, keeping a status the route declares', () => {
  const route = { method: 'GET', url: '/api/things', handler: async () => ({}), schema: { response: { 200: { type: 'object' }, 404: { type: 'string' } } } };
  documentErrorResponses(route as never);
  const response = route.schema.response as Record<string, unknown>;
  assert.deepEqual(response[400], { $ref: 'ErrorBody' });
  assert.deepEqual(response[429], { $ref: 'ErrorBody' });
  assert.deepEqual(response[404], { type: 'string' });
  assert.deepEqual(response[200], { type: 'object' });
  const page = { method: 'GET', url: '/status', handler: async () => '' } as { schema?: unknown };
  documentErrorResponses(page as never);
  assert.equal(page.schema, undefined, 'pages outside /api answer their errors as HTML');
});
