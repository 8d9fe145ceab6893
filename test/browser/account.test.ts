// In real Chromium: the Account page signs one out everywhere else (the other browser is signed
// out, this one stays), and a password change says how many sessions ended and keeps working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(rig.t.app, 'changer@example.com', ['support']);
});
after(async () => rig.close());

test('Sign out everywhere else ends the other sessions and says how many; this browser stays signed in', async () => {
  const here = await rig.page();
  const elsewhere = await rig.page();
  await signInThroughUi(here, 'analyst@example.com', PASSWORD);
  await signInThroughUi(elsewhere, 'analyst@example.com', PASSWORD);
  const api = await signIn(rig.t.http, 'analyst@example.com');

  await here.goto('/account');
  const card = here.getByRole('region', { name: 'Sessions' });
  await card.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await card.getByRole('status').filter({ hasText: 'Signed out of 2 other sessions. This one stays signed in; API tokens are not affected.' }).waitFor();
  if (process.env.SECDESK_SCREENSHOTS) await here.screenshot({ path: process.env.SECDESK_SCREENSHOTS, fullPage: true });

  assert.equal((await api.request('GET', '/api/me')).statusCode, 401);
  await elsewhere.reload();
  await elsewhere.getByRole('button', { name: 'Sign in' }).waitFor();
  await here.reload();
  await here.getByRole('heading', { name: 'Account' }).waitFor();
  await here.context().close();
  await elsewhere.context().close();
});

test('changing the password signs out the other session, says so, and this page keeps working', async () => {
  const here = await rig.page();
  await signInThroughUi(here, 'changer@example.com', PASSWORD);
  const other = await signIn(rig.t.http, 'changer@example.com');
  await here.goto('/account');
  const form = here.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password (12 characters or more)').fill('another long passphrase');
  await form.getByRole('button', { name: 'Change password' }).click();
  await form
    .getByRole('status')
    .filter({ hasText: 'Password changed. Signed out of 1 other session; this one stays signed in. Your 0 API tokens still work' })
    .waitFor();
  assert.equal((await other.request('GET', '/api/me')).statusCode, 401);
  // The re-issued session's CSRF token is in use: a change after the password change succeeds.
  const sessions = here.getByRole('region', { name: 'Sessions' });
  await sessions.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await sessions.getByRole('status').filter({ hasText: 'Signed out of 0 other sessions.' }).waitFor();
  await here.context().close();
});
