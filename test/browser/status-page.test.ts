// In real Chromium: a communications manager previews and publishes a status page update in the
// app, and an unauthenticated visitor (same browser, new context, JavaScript off) reads it on the
// public /status page; axe-core finds no WCAG 2.1 A/AA violation there, also at phone width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>';
let rig: BrowserRig;

before(async () => {
  rig = await startRig({ SECDESK_STATUS_NAME: 'Example Corp', SECDESK_STATUS_BRAND_COLOR: '#fc6d26' });
  await createUser(rig.t.app, 'admin@example.com', ['admin']);
  await createUser(rig.t.app, 'cmoc@example.com', ['communications_manager']);
  const admin = await signIn(rig.t.http, 'admin@example.com');
  const declared = await admin.request('POST', '/api/incidents', { title: 'Sign-in errors', description: '', type: 'other', impact: 4, likelihood: 4 });
  assert.equal(declared.statusCode, 201, declared.body);
  for (const [slug, name] of [
    ['api', 'API'],
    ['web', 'Web app'],
  ]) {
    assert.equal((await admin.request('POST', '/api/statuspage/components', { slug, name, group: 'Platform', description: `The ${name}` })).statusCode, 201);
  }
});
after(async () => rig?.close());

test('a communications manager publishes an update in the app and a visitor without JavaScript sees it on /status', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'cmoc@example.com', PASSWORD);
  await page.goto('/status-page');
  const form = page.getByRole('form', { name: 'Publish a status page update' });
  const incident = form.getByLabel('Incident').and(form.locator('select'));
  const option = incident.locator('option', { hasText: 'Sign-in errors' });
  await option.waitFor({ state: 'attached' });
  await incident.selectOption((await option.getAttribute('value'))!);
  await form.getByLabel(/^Public title/).fill('Sign-in is failing for some users');
  await form.getByLabel('Status').selectOption('identified');
  await form.getByLabel(/^Update/).fill(`We found the **faulty release** ${HOSTILE}\n\n- rolling back now`);
  await form.getByRole('checkbox', { name: 'API' }).check();
  await form.getByLabel('Set their state').selectOption('partial_outage');
  await form.getByRole('button', { name: 'Preview' }).click();
  const preview = form.getByRole('region', { name: 'Preview' }).or(form.locator('[aria-label="Preview"]'));
  await preview.locator('strong', { hasText: 'faulty release' }).waitFor();
  await preview.getByText(HOSTILE).waitFor();
  // Asked once, with what will happen: public at once, who is notified, what the components become.
  await preview
    .getByRole('note')
    .getByText(
      /Publish puts this on the public page, its feeds and JSON at once, and notifies 0 confirmed email subscribers and 0 webhooks; .* API become partial outage\./i,
    )
    .waitFor();
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await form.getByText('Published:').waitFor();
  await page.getByRole('heading', { name: 'On the page' }).waitFor();

  const visitor = await rig.browser.newContext({ baseURL: rig.url, javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
  const publicPage = await visitor.newPage();
  const dialogs: string[] = [];
  publicPage.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
  const res = await publicPage.goto('/status');
  assert.equal(res?.status(), 200);
  await publicPage.getByRole('heading', { level: 1, name: 'Partial System Outage' }).waitFor();
  const card = publicPage.getByRole('article', { name: 'Sign-in is failing for some users' });
  await card.getByText('Identified').waitFor();
  await card.locator('strong', { hasText: 'faulty release' }).waitFor();
  await card.getByText(HOSTILE).waitFor();
  assert.equal(await publicPage.getByText('Sign-in errors').count(), 0, "the incident's internal title stays internal");
  await publicPage.getByRole('listitem').filter({ hasText: 'API' }).getByText('Partial outage').waitFor();
  // The no-JS subscribe form and the feeds are there.
  const subscribe = publicPage.locator('form[method="post"][action="/status/subscribe"]');
  await subscribe.getByLabel('Email address').waitFor();
  assert.equal(await subscribe.locator('input[type="checkbox"][name="component"]').count(), 2);
  await publicPage.getByRole('link', { name: 'Atom feed' }).waitFor();
  await card.getByRole('link', { name: 'Sign-in is failing for some users' }).click();
  await publicPage.getByRole('heading', { level: 1, name: 'Sign-in is failing for some users' }).waitFor();
  assert.deepEqual(dialogs, []);
  await visitor.close();
});

test('axe-core reports no WCAG 2.1 A/AA violations on /status, an incident and the history, on a desktop and at phone width without horizontal scrolling', async () => {
  const [live] = (await rig.t.http.inject({ method: 'GET', url: '/status.json' })).json().incidents;
  assert.ok(live, 'the first test published an incident');
  for (const viewport of [
    { width: 1280, height: 860 },
    { width: 360, height: 740 },
  ]) {
    // axe is injected as a script, which the page's CSP (no script at all) would refuse.
    const context = await rig.browser.newContext({ baseURL: rig.url, bypassCSP: true, viewport });
    const page = await context.newPage();
    for (const url of ['/status', `/status/incidents/${live.id}`, '/status/history']) {
      await page.goto(url);
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[]; passes: unknown[] }>;
            };
          }
        ).axe;
        return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      });
      assert.deepEqual(
        result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        [],
        `${url} at ${viewport.width}px`,
      );
      assert.ok(result.passes.length > 10, 'axe ran its checks');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px at ${viewport.width}px`);
    }
    await context.close();
  }
});
