// Single sign-on against a real OpenID Connect provider (the oidc-provider package) on loopback,
// driven through its login and consent pages in Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort, startRig, type BrowserRig } from './support.ts';

const PEOPLE: Record<string, { email: string; name: string; groups: string[] }> = {
  ada: { email: 'ada@corp.example', name: 'Ada Responder', groups: ['sec-oncall', 'staff'] },
  bob: { email: 'bob@corp.example', name: 'Bob Outsider', groups: ['staff'] },
};

let rig: BrowserRig;
let idp: Server;

before(async () => {
  const [idpPort, appPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${idpPort}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'secdesk',
        client_secret: 'test-secret-for-loopback',
        redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['name'], groups: ['groups'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => {
      const person = PEOPLE[id];
      return person ? { accountId: id, claims: async () => ({ sub: id, ...person }) } : undefined;
    },
    features: { devInteractions: { enabled: true } },
  });
  idp = createServer(provider.callback());
  await new Promise<void>((resolve) => idp.listen(idpPort, '127.0.0.1', resolve));
  rig = await startRig(
    {
      SECDESK_PUBLIC_URL: `http://127.0.0.1:${appPort}`,
      SECDESK_OIDC_ISSUER: issuer,
      SECDESK_OIDC_CLIENT_ID: 'secdesk',
      SECDESK_OIDC_CLIENT_SECRET: 'test-secret-for-loopback',
      SECDESK_OIDC_SCOPES: 'openid email profile groups',
      SECDESK_OIDC_ROLE_MAP: JSON.stringify({ 'sec-oncall': 'security_engineer' }),
    },
    appPort,
  );
});
after(async () => {
  await rig.close();
  await new Promise((resolve) => idp.close(resolve));
});

async function signInVia(login: string) {
  const page = await rig.page();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  return page;
}

test('a person in a mapped group signs in and gets the mapped role', async () => {
  const page = await signInVia('ada');
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  const user = await rig.t.app.database.db.selectFrom('users').selectAll().where('email', '=', 'ada@corp.example').executeTakeFirstOrThrow();
  assert.deepEqual(user.roles, ['security_engineer']);
  assert.equal(user.oidc_subject, 'ada');
  assert.equal(user.password_hash, null);
  const audit = await rig.t.app.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute();
  assert.ok(audit.some((a) => a.action === 'user.created_by_sso'));
  await page.context().close();
});

test('a person with no mapped role is refused with a clear message', async () => {
  const page = await signInVia('bob');
  await page.getByText('not mapped to any secdesk role').waitFor();
  assert.equal(await rig.t.app.database.db.selectFrom('users').select('id').where('email', '=', 'bob@corp.example').executeTakeFirst(), undefined);
  await page.context().close();
});

test("a callback without the browser's pending login is refused", async () => {
  const res = await rig.t.http.inject({ method: 'GET', url: '/api/auth/oidc/callback?code=forged&state=forged' });
  assert.equal(res.statusCode, 302);
  assert.match(String(res.headers.location), /^\/signin\?error=/);
});
