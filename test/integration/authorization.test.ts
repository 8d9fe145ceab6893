// Deny by default: every API route × every role gets exactly the access its policy grants, and
// every non-public route refuses an anonymous caller.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { permissionsOf, isPermission, PERMISSIONS, type Permission } from '../../src/authz/policies.ts';
import { ROLES } from '../../src/authz/roles.ts';
import type { RouteAccess } from '../../src/adapters/http/access.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn } from '../support/session.ts';

let t: TestApp;
const tokens = new Map<string, string>();
/** An admin's token of each single scope. */
const scopeTokens = new Map<Permission, string>();

before(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    await createUser(t.app, `${role}@example.com`, [role]);
    const client = await signIn(t.http, `${role}@example.com`);
    const created = await client.request('POST', '/api/me/tokens', { name: 'walk', scopes: permissionsOf([role]) });
    assert.equal(created.statusCode, 201, created.json().error?.message);
    tokens.set(role, created.json().token);
  }
  const admin = await signIn(t.http, 'admin@example.com');
  for (const scope of PERMISSIONS) {
    const created = await admin.request('POST', '/api/me/tokens', { name: `only ${scope}`, scopes: [scope] });
    assert.equal(created.statusCode, 201, created.json().error?.message);
    scopeTokens.set(scope, created.json().token);
  }
});
after(async () => t.close());

function apiRoutes(): RouteAccess[] {
  return t.http.routeAccess.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
}

function urlOf(route: RouteAccess): string {
  return route.url.replace(/:queue/g, 'no-such-queue__dead').replace(/:(\w+)/g, () => randomUUID());
}

async function call(route: RouteAccess, headers: Record<string, string>) {
  const withBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT';
  return t.http.inject({ method: route.method as 'GET', url: urlOf(route), headers, ...(withBody ? { payload: {} } : {}) });
}

test('every API route declares its access and the table is not empty', () => {
  const routes = apiRoutes();
  assert.ok(routes.length >= 25, `${routes.length} routes`);
  for (const route of routes) assert.ok(route.access, `${route.method} ${route.url}`);
});

test('anonymous callers get 401 on every route that is not public', async () => {
  for (const route of apiRoutes().filter((r) => r.access !== 'public')) {
    const res = await call(route, {});
    assert.equal(res.statusCode, 401, `${route.method} ${route.url} → ${res.statusCode}`);
  }
});

/** The permission an API token needs for the route, or null when only a signed-in session may use it. */
function tokenPermission(route: RouteAccess): Permission | null {
  if (isPermission(route.access)) return route.access;
  return route.access === 'signed-in' ? (route.tokenScope ?? null) : null;
}

/** Walks every non-public route with a token whose scopes are `held`: exactly the routes they cover answer. */
async function walkWithToken(who: string, token: string, held: readonly Permission[]): Promise<number> {
  let checked = 0;
  const headers = { authorization: `Bearer ${token}` };
  for (const route of apiRoutes()) {
    if (route.access === 'public') continue;
    const res = await call(route, headers);
    const needs = tokenPermission(route);
    const label = `${who} ${route.method} ${route.url} → ${res.statusCode} ${res.body}`;
    if (needs === null) {
      assert.equal(res.statusCode, 403, label);
      assert.equal(res.json().error.code, 'session_required', label);
      assert.equal(res.json().error.message, 'needs a signed-in session, not an API token', label);
    } else if (held.includes(needs) && (!route.alsoRequires || held.includes(route.alsoRequires))) {
      assert.ok(res.statusCode !== 401 && res.statusCode !== 403, label);
    } else {
      assert.equal(res.statusCode, 403, label);
    }
    checked++;
  }
  return checked;
}

test('every role × every route: 403 exactly where the policy denies', async () => {
  let checked = 0;
  for (const role of ROLES) checked += await walkWithToken(role, tokens.get(role)!, permissionsOf([role]));
  assert.ok(checked > 100);
});

test("every single-scope token × every route: only its scope's routes answer; account security needs a session", async () => {
  let checked = 0;
  for (const scope of PERMISSIONS) checked += await walkWithToken(`token[${scope}]`, scopeTokens.get(scope)!, [scope]);
  assert.ok(checked > 100);
  const sessionOnly = apiRoutes()
    .filter((r) => r.access !== 'public' && tokenPermission(r) === null)
    .map((r) => `${r.method} ${r.url}`);
  for (const route of [
    'POST /api/me/tokens',
    'POST /api/me/totp/setup',
    'POST /api/me/totp/enable',
    'POST /api/me/password',
    'PUT /api/me/chat-handle',
    'DELETE /api/me/sessions',
  ]) {
    assert.ok(sessionOnly.includes(route), `${route} is session-only`);
  }
});

test('a session waiting for its second factor reaches nothing but the second step', async () => {
  const client = await signIn(t.http, 'admin@example.com');
  const setup = (await client.request('POST', '/api/me/totp/setup')).json();
  const { totpCode } = await import('../support/session.ts');
  assert.equal((await client.request('POST', '/api/me/totp/enable', { code: totpCode(setup.secret) })).statusCode, 204);
  const res = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'admin@example.com', password: 'correct horse battery staple' } });
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const headers = { cookie, 'x-csrf-token': res.json().csrfToken };
  for (const route of apiRoutes().filter((r) => r.access !== 'public' && r.access !== 'signed-in-mfa-pending')) {
    const answer = await call(route, headers);
    assert.equal(answer.statusCode, 401, `${route.method} ${route.url} → ${answer.statusCode}`);
    assert.equal(answer.json().error.code, 'mfa_required');
  }
});
