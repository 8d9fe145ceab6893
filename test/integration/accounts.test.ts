// Signing in, the second factor, lockout, CSRF, sessions and API tokens, through the real API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { clientFrom, createUser, PASSWORD, sessionCookie, signIn, totpCode } from '../support/session.ts';

class TestClock {
  time = Date.now();
  now = () => new Date(this.time);
  advance(ms: number) {
    this.time += ms;
  }
}

const clock = new TestClock();
let t: TestApp;
before(async () => {
  t = await startTestApp({ app: { clock } });
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
});
after(async () => t.close());

test('password sign-in sets an HttpOnly SameSite=Strict cookie and answers who is signed in', async () => {
  const res = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'Admin@Example.com', password: PASSWORD } });
  assert.equal(res.statusCode, 200);
  const setCookie = String(res.headers['set-cookie']);
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  const body = res.json();
  assert.equal(body.mfaRequired, false);
  assert.equal(body.user.email, 'admin@example.com');
  assert.ok(body.user.permissions.includes('users.manage'));
  const me = await clientFrom(t.http, sessionCookie(res.headers)!, body.csrfToken).request('GET', '/api/me');
  assert.equal(me.json().email, 'admin@example.com');
});

test('passwords are stored as argon2id hashes', async () => {
  const row = await t.app.database.db.selectFrom('users').select('password_hash').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
  assert.match(row.password_hash!, /^\$argon2id\$/);
});

test('a wrong password and an unknown email get the same 401', async () => {
  const wrong = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'analyst@example.com', password: 'not the password' } });
  const unknown = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody@example.com', password: 'not the password' } });
  assert.equal(wrong.statusCode, 401);
  assert.equal(unknown.statusCode, 401);
  assert.equal(wrong.json().error.message, unknown.json().error.message);
});

test('five failures lock the account with back-off; the lock lifts after it', async () => {
  await createUser(t.app, 'locked@example.com', ['support']);
  const attempt = (password: string) => t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'locked@example.com', password } });
  for (let i = 0; i < 5; i++) assert.equal((await attempt('wrong password!')).statusCode, 401);
  const locked = await attempt(PASSWORD);
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().error.code, 'locked');
  assert.equal(locked.headers['retry-after'], '60');
  clock.advance(61_000);
  assert.equal((await attempt('wrong password!')).statusCode, 401);
  const again = await attempt(PASSWORD);
  assert.equal(again.statusCode, 429, 'a sixth failure locks again');
  assert.equal(again.headers['retry-after'], '120', 'for twice as long');
  clock.advance(121_000);
  assert.equal((await attempt(PASSWORD)).statusCode, 200);
  const audit = await t.app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'user.locked').execute();
  assert.ok(audit.length >= 2);
});

test('TOTP: set up, enable, then sign-in needs the code; a code cannot be replayed', async () => {
  await createUser(t.app, 'totp@example.com', ['incident_manager']);
  const client = await signIn(t.http, 'totp@example.com');
  const setup = await client.request('POST', '/api/me/totp/setup');
  assert.equal(setup.statusCode, 200);
  const { secret, otpauthUrl, qrSvgDataUrl } = setup.json();
  assert.match(otpauthUrl, /^otpauth:\/\/totp\//);
  assert.match(qrSvgDataUrl, /^data:image\/svg\+xml;base64,/);
  assert.equal((await client.request('POST', '/api/me/totp/enable', { code: '000000' })).statusCode, 400);
  assert.equal((await client.request('POST', '/api/me/totp/enable', { code: totpCode(secret, clock.time) })).statusCode, 204);
  clock.advance(30_000);

  const first = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'totp@example.com', password: PASSWORD } });
  assert.equal(first.json().mfaRequired, true);
  assert.equal(first.json().user, null);
  const pending = clientFrom(t.http, sessionCookie(first.headers)!, first.json().csrfToken);
  assert.equal((await pending.request('GET', '/api/me')).statusCode, 401, 'nothing but the second step is open');
  const code = totpCode(secret, clock.time);
  const second = await pending.request('POST', '/api/session/totp', { code });
  assert.equal(second.statusCode, 200);
  const rotated = sessionCookie(second.headers)!;
  assert.notEqual(rotated, pending.cookie, 'the session token is rotated');
  assert.equal((await pending.request('GET', '/api/me')).statusCode, 401, 'the pre-MFA token is gone');
  assert.equal((await clientFrom(t.http, rotated, second.json().csrfToken).request('GET', '/api/me')).statusCode, 200);

  const replay = await t.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'totp@example.com', password: PASSWORD } });
  const replayClient = clientFrom(t.http, sessionCookie(replay.headers)!, replay.json().csrfToken);
  assert.equal((await replayClient.request('POST', '/api/session/totp', { code })).statusCode, 401, 'the same code is refused');
});

test('cookie-authenticated changes need the CSRF token; bearer tokens do not', async () => {
  const client = await signIn(t.http, 'admin@example.com');
  const without = await t.http.inject({
    method: 'POST',
    url: '/api/me/tokens',
    headers: { cookie: client.cookie },
    payload: { name: 'x', scopes: ['users.read'] },
  });
  assert.equal(without.statusCode, 403);
  assert.equal(without.json().error.code, 'csrf');
  const wrong = await t.http.inject({
    method: 'POST',
    url: '/api/me/tokens',
    headers: { cookie: client.cookie, 'x-csrf-token': 'nope' },
    payload: { name: 'x', scopes: ['users.read'] },
  });
  assert.equal(wrong.statusCode, 403);
  const created = await client.request('POST', '/api/me/tokens', { name: 'ci', scopes: ['users.read'] });
  assert.equal(created.statusCode, 201);
  const bearer = await t.http.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${created.json().token}` } });
  assert.equal(bearer.statusCode, 200);
});

test('API tokens: scoped, shown once, hashed at rest, revocable, expiring', async () => {
  const client = await signIn(t.http, 'admin@example.com');
  const created = await client.request('POST', '/api/me/tokens', { name: 'read tickets', scopes: ['tickets.read'], expiresInDays: 1 });
  const { token, item } = created.json();
  assert.match(token, /^sdk_[A-Za-z0-9]{8}_/);
  assert.equal(item.prefix, token.split('_')[1]);
  const stored = await t.app.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', item.id).executeTakeFirstOrThrow();
  assert.notEqual(stored.token_hash, token);
  const asToken = (url: string, method = 'GET') => t.http.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` } });
  assert.equal((await asToken('/api/users')).statusCode, 403, 'an admin token without users.read cannot list users');
  assert.equal((await asToken('/api/tickets')).statusCode, 200);
  assert.equal((await asToken('/api/me')).statusCode, 403, "one's own account needs a session");
  assert.equal(
    (await t.http.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer sdk_aaaaaaaa_not-a-real-token-at-all-xxxxxxxxxxxxx' } }))
      .statusCode,
    401,
  );
  assert.equal((await t.http.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Basic abc' } })).statusCode, 401);
  const beyond = await (await signIn(t.http, 'analyst@example.com')).request('POST', '/api/me/tokens', { name: 'x', scopes: ['users.manage'] });
  assert.equal(beyond.statusCode, 400, "a token cannot exceed its owner's roles");
  clock.advance(86_400_000 + 1000);
  assert.equal((await asToken('/api/tickets')).statusCode, 401, 'expired');
  const second = (await (await signIn(t.http, 'admin@example.com')).request('POST', '/api/me/tokens', { name: 'short', scopes: ['users.read'] })).json();
  const admin = await signIn(t.http, 'admin@example.com');
  assert.equal((await admin.request('DELETE', `/api/me/tokens/${second.item.id}`)).statusCode, 204);
  assert.equal((await t.http.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${second.token}` } })).statusCode, 401, 'revoked');
});

test('sessions expire and sign-out ends them', async () => {
  const client = await signIn(t.http, 'analyst@example.com');
  assert.equal((await client.request('GET', '/api/me')).statusCode, 200);
  assert.equal((await client.request('DELETE', '/api/session')).statusCode, 204);
  assert.equal((await client.request('GET', '/api/me')).statusCode, 401);
  const later = await signIn(t.http, 'analyst@example.com');
  clock.advance(t.config.SECDESK_SESSION_HOURS * 3_600_000 + 1000);
  assert.equal((await later.request('GET', '/api/me')).statusCode, 401);
});

test('user administration: create, roles, self-protection, disable ends sessions', async () => {
  const admin = await signIn(t.http, 'admin@example.com');
  const created = await admin.request('POST', '/api/users', { email: 'New.Person@Example.com', name: 'New Person', roles: ['support', 'marketing'] });
  assert.equal(created.statusCode, 201);
  const { user, initialPassword } = created.json();
  assert.equal(user.email, 'new.person@example.com');
  assert.deepEqual(user.roles, ['support', 'marketing']);
  assert.ok(initialPassword.length >= 12);
  const duplicate = await admin.request('POST', '/api/users', { email: 'new.person@EXAMPLE.com', name: 'Again', roles: [] });
  assert.equal(duplicate.statusCode, 409);
  assert.equal((await admin.request('POST', '/api/users', { email: 'x@example.com', name: 'X', roles: ['wizard'] })).statusCode, 400);
  const me = (await admin.request('GET', '/api/me')).json();
  assert.equal((await admin.request('PATCH', `/api/users/${me.id}`, { roles: ['support'] })).statusCode, 400);
  assert.equal((await admin.request('PATCH', `/api/users/${me.id}`, { disabled: true })).statusCode, 400);

  const person = await signIn(t.http, 'new.person@example.com', initialPassword);
  assert.equal((await person.request('GET', '/api/me')).statusCode, 200);
  assert.equal((await admin.request('PATCH', `/api/users/${user.id}`, { disabled: true })).statusCode, 200);
  assert.equal((await person.request('GET', '/api/me')).statusCode, 401, 'disabling ends sessions');
  const reset = await admin.request('POST', `/api/users/${user.id}/reset-password`);
  assert.ok(reset.json().temporaryPassword.length >= 12);
  const actions = (await t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute()).map((r) => r.action);
  assert.ok(actions.includes('user.created') && actions.includes('user.updated') && actions.includes('user.password_reset'));
});

test('the first admin is created once, from config or with a generated password', async () => {
  const fresh = await startTestApp({ env: { SECDESK_ADMIN_EMAIL: 'Owner@Example.com' } });
  try {
    const ctx = { actor: { kind: 'system' as const, userId: null, label: 'test', roles: [] } };
    const first = await fresh.app.services.accounts.ensureFirstAdmin(ctx);
    assert.equal(first?.email, 'owner@example.com');
    assert.equal(first?.generated, true);
    assert.equal(await fresh.app.services.accounts.ensureFirstAdmin(ctx), null);
    await signIn(fresh.http, 'owner@example.com', first!.password);
  } finally {
    await fresh.close();
  }
});

test('sign-in attempts are rate-limited per address', async () => {
  const limited = await startTestApp({ env: { SECDESK_SIGNIN_PER_MINUTE: '3' } });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        (await limited.http.inject({ method: 'POST', url: '/api/session', payload: { email: 'x@example.com', password: 'wrong password' } })).statusCode,
      );
    assert.deepEqual(codes, [401, 401, 401, 429]);
  } finally {
    await limited.close();
  }
});
