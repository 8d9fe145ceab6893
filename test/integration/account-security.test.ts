// A scoped API token stays inside its scopes: it cannot mint a wider token, turn on a second factor,
// or change its owner's password. A password change ends the account's other sessions; sign-out
// everywhere ends them on demand. Through the real API, on both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../src/authz/authorize.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { clientFrom, createUser, PASSWORD, sessionCookie, signIn, type Client } from '../support/session.ts';

const NEW_PASSWORD = 'a brand new passphrase here';
let t: TestApp;
before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'engineer@example.com', ['security_engineer']);
  await createUser(t.app, 'victim@example.com', ['security_analyst']);
  await createUser(t.app, 'changer@example.com', ['support']);
  await createUser(t.app, 'everywhere@example.com', ['read_only']);
});
after(async () => t.close());

async function tokenOf(client: Client, scopes: string[]): Promise<string> {
  const created = await client.request('POST', '/api/me/tokens', { name: `scoped ${scopes.join(' ')}`, scopes });
  assert.equal(created.statusCode, 201, created.body);
  return created.json().token;
}

function asToken(token: string, method: string, url: string, payload?: object) {
  return t.http.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
}

async function auditOf(email: string, action: string) {
  const user = await t.app.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return t.app.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', user.id).where('action', '=', action).orderBy('seq', 'desc').execute();
}

function refusedForToken(res: { statusCode: number; json(): any }, what: string) {
  assert.equal(res.statusCode, 403, what);
  assert.equal(res.json().error.code, 'session_required', what);
  assert.equal(res.json().error.message, 'needs a signed-in session, not an API token');
}

test('finding 1: an admin token scoped to metrics.read cannot mint a users.manage token nor create an account', async () => {
  const admin = await signIn(t.http, 'admin@example.com');
  const metrics = await tokenOf(admin, ['metrics.read']);
  assert.equal((await asToken(metrics, 'GET', '/api/metrics/inbox')).statusCode, 200, 'its own scope answers');
  refusedForToken(await asToken(metrics, 'POST', '/api/me/tokens', { name: 'wider', scopes: ['users.manage'] }), 'mint a wider token');
  refusedForToken(await asToken(metrics, 'GET', '/api/me/tokens'), 'list tokens');
  assert.equal((await asToken(metrics, 'POST', '/api/users', { email: 'evil@example.com', name: 'Evil', roles: ['admin'] })).statusCode, 403);
  const tokens = await t.app.database.db.selectFrom('api_tokens').select('scopes').execute();
  assert.ok(
    tokens.every((row) => !row.scopes.includes('users.manage')),
    'no users.manage token exists',
  );
  assert.equal(await t.app.database.db.selectFrom('users').select('id').where('email', '=', 'evil@example.com').executeTakeFirst(), undefined);
});

test("finding 1: a security engineer's incidents.read token cannot mint incidents.write nor declare an incident", async () => {
  const engineer = await signIn(t.http, 'engineer@example.com');
  const read = await tokenOf(engineer, ['incidents.read']);
  assert.equal((await asToken(read, 'GET', '/api/incidents')).statusCode, 200);
  assert.equal((await asToken(read, 'GET', '/api/risk-matrix')).statusCode, 200, 'the risk matrix is covered by incidents.read');
  refusedForToken(await asToken(read, 'POST', '/api/me/tokens', { name: 'wider', scopes: ['incidents.write'] }), 'mint incidents.write');
  const declare = await asToken(read, 'POST', '/api/incidents', { title: 'Fake', description: 'x', type: 'other', impact: 1, likelihood: 1 });
  assert.equal(declare.statusCode, 403);
  assert.equal((await t.app.database.db.selectFrom('incidents').select('id').execute()).length, 0);
  const tickets = await tokenOf(engineer, ['tickets.read']);
  assert.equal((await asToken(tickets, 'GET', '/api/risk-matrix')).statusCode, 403, 'a token without incidents.read');
  refusedForToken(await asToken(tickets, 'GET', '/api/me'), 'who am I');
  refusedForToken(await asToken(tickets, 'GET', '/api/me/notifications'), 'notifications');
});

test('finding 1, defence in depth: the accounts service refuses account security to a token actor', async () => {
  const user = await t.app.database.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
  const token: Actor = { kind: 'token', userId: user.id, label: 'admin (token x)', roles: ['admin'], scopes: ['users.manage', 'metrics.read'] };
  const accounts = t.app.services.accounts;
  await assert.rejects(accounts.createToken({ actor: token }, { name: 'wider', scopes: ['users.manage'] }), { code: 'session_required' });
  await assert.rejects(accounts.setUpTotp({ actor: token }), { code: 'session_required' });
  await assert.rejects(accounts.changePassword({ actor: token }, 'x', PASSWORD, NEW_PASSWORD), { code: 'session_required' });
  await assert.rejects(accounts.endOtherSessions({ actor: token }, 'x'), { code: 'session_required' });
});

test('finding 2: a scoped token cannot turn on a second factor and lock its owner out of password sign-in', async () => {
  const victim = await signIn(t.http, 'victim@example.com');
  const token = await tokenOf(victim, ['tickets.read']);
  refusedForToken(await asToken(token, 'POST', '/api/me/totp/setup'), 'TOTP setup');
  refusedForToken(await asToken(token, 'POST', '/api/me/totp/enable', { code: '123456' }), 'TOTP enable');
  refusedForToken(await asToken(token, 'POST', '/api/me/totp/disable', { password: PASSWORD }), 'TOTP disable');
  refusedForToken(await asToken(token, 'POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }), 'password');
  refusedForToken(await asToken(token, 'PUT', '/api/me/chat-handle', { handle: 'U999' }), 'chat handle');
  const row = await t.app.database.db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled'])
    .where('email', '=', 'victim@example.com')
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { totp_secret: null, totp_enabled: false });
  const again = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'victim@example.com', password: PASSWORD } });
  assert.equal(again.json().mfaRequired, false, 'password sign-in still works');
});

test("finding 3: changing one's password ends every other session, re-issues this one and keeps API tokens, saying so", async () => {
  const here = await signIn(t.http, 'changer@example.com');
  const laptop = await signIn(t.http, 'changer@example.com');
  const phone = await signIn(t.http, 'changer@example.com');
  const token = await tokenOf(here, ['tickets.read']);
  const res = await here.request('POST', '/api/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.sessionsEnded, 2);
  assert.equal(body.apiTokensKept, 1);
  assert.equal(body.user.email, 'changer@example.com');
  assert.equal((await laptop.request('GET', '/api/me')).statusCode, 401, 'another session ended');
  assert.equal((await phone.request('GET', '/api/me')).statusCode, 401, 'another session ended');
  assert.equal((await here.request('GET', '/api/me')).statusCode, 401, 'the old cookie of this session is re-issued');
  const reissued = clientFrom(t.http, sessionCookie(res.headers)!, body.csrfToken);
  assert.notEqual(reissued.cookie, here.cookie);
  assert.equal((await reissued.request('GET', '/api/me')).statusCode, 200);
  assert.equal((await reissued.request('DELETE', '/api/me/sessions')).json().sessionsEnded, 0, 'nothing else is left');
  assert.equal((await asToken(token, 'GET', '/api/tickets')).statusCode, 200, 'API tokens are kept');
  const [entry] = await auditOf('changer@example.com', 'user.password_changed');
  assert.deepEqual(entry!.after, { sessionsEnded: 2, thisSession: 're-issued', apiTokensKept: 1 });
  await signIn(t.http, 'changer@example.com', NEW_PASSWORD);
});

test("sessions are bound to the password's version: one made under an older password is refused", async () => {
  const client = await signIn(t.http, 'engineer@example.com');
  assert.equal((await client.request('GET', '/api/me')).statusCode, 200);
  // As if a password change committed that this session's row escaped (e.g. made by a sign-in racing it).
  await t.app.database.db
    .updateTable('users')
    .set((eb) => ({ password_version: eb('password_version', '+', 1) }))
    .where('email', '=', 'engineer@example.com')
    .execute();
  assert.equal((await client.request('GET', '/api/me')).statusCode, 401);
  assert.equal((await client.request('GET', '/api/session')).statusCode, 401);
});

test("an admin's password reset ends every session of the person and the audit entry counts them", async () => {
  const admin = await signIn(t.http, 'admin@example.com');
  const person = await signIn(t.http, 'victim@example.com');
  const user = (await person.request('GET', '/api/me')).json();
  assert.equal((await admin.request('POST', `/api/users/${user.id}/reset-password`)).statusCode, 200);
  assert.equal((await person.request('GET', '/api/me')).statusCode, 401);
  const [entry] = await auditOf('victim@example.com', 'user.password_reset');
  assert.ok((entry!.after as { sessionsEnded: number }).sessionsEnded >= 1);
});

test('sign out everywhere else: every other session ends, this one stays, audited with the count', async () => {
  const here = await signIn(t.http, 'everywhere@example.com');
  const others = [
    await signIn(t.http, 'everywhere@example.com'),
    await signIn(t.http, 'everywhere@example.com'),
    await signIn(t.http, 'everywhere@example.com'),
  ];
  const token = await tokenOf(here, ['incidents.read']);
  refusedForToken(await asToken(token, 'DELETE', '/api/me/sessions'), 'a token cannot sign its owner out');
  const res = await here.request('DELETE', '/api/me/sessions');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { sessionsEnded: 3 });
  for (const other of others) assert.equal((await other.request('GET', '/api/me')).statusCode, 401);
  assert.equal((await here.request('GET', '/api/me')).statusCode, 200);
  const [entry] = await auditOf('everywhere@example.com', 'session.ended_elsewhere');
  assert.deepEqual(entry!.after, { sessionsEnded: 3 });
  assert.equal(entry!.actor_label, 'everywhere@example.com');
});
