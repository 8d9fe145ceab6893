// In real Chromium: a communications manager creates a private status page with a password in the
// app and publishes an incident on it; a visitor (new context, JavaScript off) gets the sign-in page,
// signs in with the password and sees the incident, which the public /status never shows. axe-core
// finds no WCAG 2.1 A/AA violation on the sign-in page or the private page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PAGE_PASSWORD = 'acme-private-status-pw';
let rig: BrowserRig;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string }[] }> } }).axe.run({
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
    });
    return result.violations.map((v) => v.id);
  });
}

before(async () => {
  rig = await startRig({ SECDESK_STATUS_NAME: 'Example Corp' });
  await createUser(rig.t.app, 'cmoc@example.com', ['communications_manager']);
  const cmoc = await signIn(rig.t.http, 'cmoc@example.com');
  for (const [slug, name] of [
    ['api', 'API'],
    ['web', 'Web app'],
  ])
    assert.equal((await cmoc.request('POST', '/api/statuspage/components', { slug, name })).statusCode, 201);
});
after(async () => rig?.close());

test('a private page made in the app: the visitor signs in with its password and sees what the public page never shows', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'cmoc@example.com', PASSWORD);
  await page.goto('/status-page');
  const create = page.getByRole('form', { name: 'Create a private status page' });
  await create.getByLabel(/^Address/).fill('acme');
  await create.getByLabel('Name').fill('Acme Corp');
  await create.getByLabel(/^Password/).fill(PAGE_PASSWORD);
  await create.getByRole('checkbox', { name: 'API' }).check();
  await create.getByRole('button', { name: 'Create page' }).click();
  const publish = page.getByRole('form', { name: 'Publish on Acme Corp' });
  await publish.getByLabel('Title').fill('Acme tenant failover');
  await publish.getByLabel('Status').selectOption('identified');
  await publish.getByLabel('Components on this page').selectOption('major_outage');
  await publish.getByLabel('Update').fill('Your tenant is moving to the standby region.');
  await publish.getByRole('button', { name: 'Publish on this page only' }).click();
  await page.getByRole('listitem').filter({ hasText: 'Acme tenant failover: Identified' }).waitFor();

  const visitor = await rig.browser.newContext({ baseURL: rig.url, javaScriptEnabled: false });
  const v = await visitor.newPage();
  const signInPage = await v.goto('/status/p/acme');
  assert.equal(signInPage?.status(), 401);
  await v.getByLabel('Password', { exact: true }).fill('wrong password!!');
  await v.getByRole('button', { name: 'Sign in' }).click();
  await v.getByRole('alert').getByText('Wrong password.').waitFor();
  await v.getByLabel('Password', { exact: true }).fill(PAGE_PASSWORD);
  await v.getByRole('button', { name: 'Sign in' }).click();
  await v.getByRole('article', { name: 'Acme tenant failover' }).getByText('Your tenant is moving to the standby region.').waitFor();
  await v.getByRole('listitem').filter({ hasText: 'API' }).getByText('Major outage').waitFor();
  assert.equal(await v.getByText('Web app').count(), 0);
  // axe is a script, which these pages' CSP refuses: checked in a second context that bypasses it.
  const checker = await rig.browser.newContext({ baseURL: rig.url, bypassCSP: true });
  const c = await checker.newPage();
  await c.goto('/status/p/acme');
  assert.deepEqual(await axeViolations(c), [], 'the sign-in page');
  await checker.addCookies(await visitor.cookies());
  await c.goto('/status/p/acme');
  await c.getByText('Acme tenant failover').first().waitFor();
  assert.deepEqual(await axeViolations(c), [], 'the private page');
  await checker.close();
  const publicPage = await v.goto('/status');
  assert.equal(publicPage?.status(), 200);
  assert.equal(await v.getByText('Acme tenant failover').count(), 0);
  await v.getByRole('listitem').filter({ hasText: 'API' }).getByText('Operational').waitFor();
  await visitor.close();
});
