// Schema-driven fuzzing: every operation of /api/openapi.json gets requests generated from its own
// schemas and spoiled (test/support/openapi-fuzz.ts), from every role and anonymously. No answer may be
// a 5xx, and every answer of an API operation must be a status the document lists, with a body that
// matches its schema. Seeded, so a failure reproduces: SECDESK_FUZZ_SEED and SECDESK_FUZZ_RUNS (runs per
// operation) change the run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ROLES } from '../../src/authz/roles.ts';
import { ERROR_STATUSES } from '../../src/adapters/http/errors.ts';
import { seedDemo } from '../../src/app/seed/demo.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn } from '../support/session.ts';
import { operationsOf, requestFor, type Operation, type Schema } from '../support/openapi-fuzz.ts';

const SEED = Number(process.env.SECDESK_FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.SECDESK_FUZZ_RUNS ?? 20);
const ANONYMOUS = 'anonymous';
/** Operations that would end the caller's own session: sent anonymously only. */
const ENDS_SESSION = new Set(['DELETE /api/session']);

let t: TestApp;
let operations: Operation[];
const callers = new Map<string, Record<string, string>>([[ANONYMOUS, {}]]);
const ids = new Set<string>();
const idsByList = new Map<string, Set<string>>();
const ownIds = new Set<string>();

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: false }));
const validators = new Map<string, ValidateFunction>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function collectIds(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && UUID.test(item) && /id$/i.test(key)) {
      if (!ownIds.has(item)) into.add(item);
    } else collectIds(item, into, depth + 1);
  }
}

/** Real ids for a path parameter: those a list at `prefix` returned (e.g. /api/tickets for /api/tickets/{id}), else any. */
function idsFor(prefix: string): string[] {
  return [...(idsByList.get(prefix) ?? ids)];
}

before(async () => {
  t = await startTestApp();
  await seedDemo(t.app, { onlyIfEmpty: false });
  for (const role of ROLES) {
    // The callers' own ids stay out of the pool: a fuzzed "disable user" must not sign them out.
    ownIds.add((await createUser(t.app, `${role}@example.com`, [role])).id);
    const client = await signIn(t.http, `${role}@example.com`);
    callers.set(role, { cookie: client.cookie, 'x-csrf-token': client.csrfToken });
  }
  const doc = (await t.http.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Schema;
  operations = operationsOf(doc);
  // Real ids, so some requests get past "not found" and into the use cases.
  for (const op of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
    const res = await t.http.inject({ method: 'GET', url: op.path, headers: callers.get('admin')! });
    if (!(res.headers['content-type'] as string | undefined)?.startsWith('application/json')) continue;
    const found = new Set<string>();
    collectIds(res.json(), found);
    if (found.size) idsByList.set(op.path, found);
    for (const id of found) ids.add(id);
  }
});
after(async () => t?.close());

function seedOf(key: string): number {
  return createHash('sha256').update(`${SEED}:${key}`).digest().readUInt32BE(0) & 0x7fffffff;
}

interface Failure {
  operation: string;
  caller: string;
  status: number;
  problem: string;
  request: string;
}

function successDocumented(op: Operation): boolean {
  return Object.keys(op.responses).some((s) => /^[23]/.test(s) && op.responses[s]!.content);
}

/** What is wrong with an answer, or null. Operations outside /api (the status pages) answer HTML errors and only must not fail. */
function problemWith(op: Operation, status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `answered ${status}: ${body.slice(0, 300)}`;
  const documented = op.responses[String(status)] ?? op.responses.default;
  if (!op.path.startsWith('/api/')) {
    if (!documented) return null;
  } else if (!documented) {
    // A route that declares no success answer (a download, a redirect, a 204) documents none: any 2xx or 3xx fits it.
    if (!(status < 400 && !successDocumented(op))) return `status ${status} is not documented (${Object.keys(op.responses).join(', ')})`;
    return null;
  }
  const schema = documented.content?.['application/json']?.schema;
  if (!schema || status === 204 || status === 304) return null;
  if (!contentType.startsWith('application/json'))
    return op.path.startsWith('/api/') ? `status ${status} documents JSON but the answer is ${contentType}` : null;
  const key = `${op.method} ${op.path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `status ${status}: the body is not JSON`;
  }
  if (!validate(parsed)) return `status ${status} does not match its schema: ${ajv.errorsText(validate.errors)} in ${body.slice(0, 200)}`;
  return null;
}

test('every API operation documents the shared error body for each error status', () => {
  const api = operations.filter((o) => o.path.startsWith('/api/'));
  assert.ok(api.length > 150);
  for (const op of api) {
    for (const status of ERROR_STATUSES) {
      // A route that declares `produces` (e.g. text/html) has its error bodies listed under that type.
      const schema = Object.values(op.responses[String(status)]?.content ?? {})[0]?.schema;
      assert.ok(schema?.properties?.error?.properties?.requestId, `${op.method} ${op.path} documents ${status}`);
    }
  }
});

test('every operation of the OpenAPI document, fuzzed as every role and anonymously: no 5xx, every answer as documented', async () => {
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;
  const elapsed = new Map<string, number>();
  const roles = [ANONYMOUS, ...ROLES];
  for (const op of operations) {
    const key = `${op.method} ${op.path}`;
    const started = performance.now();
    const who = ENDS_SESSION.has(key)
      ? fc.constant(ANONYMOUS)
      : fc.oneof({ arbitrary: fc.constantFrom(...roles), weight: 2 }, { arbitrary: fc.constant('admin'), weight: 1 });
    await fc.assert(
      fc.asyncProperty(who, requestFor(op, idsFor), async (caller, request) => {
        const res = await t.http.inject({
          method: op.method as 'GET',
          url: request.url,
          headers: { ...callers.get(caller), ...request.headers },
          ...(request.payload ? { payload: request.payload } : {}),
        });
        requests++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const problem = problemWith(op, res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
        if (problem)
          failures.push({
            operation: key,
            caller,
            status: res.statusCode,
            problem,
            request: `${op.method} ${request.url.slice(0, 300)} ${request.headers['content-type'] ?? ''} ${JSON.stringify(request.payload?.toString('latin1').slice(0, 300) ?? '')}`,
          });
        return true;
      }),
      { seed: seedOf(key), numRuns: RUNS },
    );
    elapsed.set(key, performance.now() - started);
  }
  const byStatus = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  const apiOps = operations.filter((o) => o.path.startsWith('/api/'));
  console.log(
    `openapi fuzz (seed ${SEED}, ${RUNS} runs each): ${operations.length} operations (${apiOps.length} under /api, ${apiOps.filter((o) => !successDocumented(o)).length} of them without a documented success body), ${requests} requests; answers ${byStatus}; ${failures.length} failures`,
  );
  const slowest = [...elapsed.entries()]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([k, ms]) => `${k} ${Math.round(ms)} ms`)
    .join(', ');
  console.log(`slowest operations: ${slowest}`);
  const unique = new Map<string, Failure>();
  for (const f of failures) unique.set(`${f.operation} ${f.status} ${f.problem.slice(0, 60)}`, f);
  assert.equal(failures.length, 0, [...unique.values()].map((f) => `${f.operation} as ${f.caller}: ${f.problem}\n    ${f.request}`).join('\n'));
  assert.ok(operations.length >= 200, `${operations.length} operations`);
});
