// In real Chromium: declare an incident while the engagement preview follows the facts, change a
// fact on the incident page and see the group engaged, then publish the prefilled status update.
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';
import { createUser, PASSWORD } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'simoc@example.com', ['incident_manager']);
  await createUser(rig.t.app, 'seoc@example.com', ['security_engineer']);
});
after(async () => rig.close());

test('declare, set facts, watch the engagement preview change, publish a status update', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const form = page.getByRole('form', { name: 'Declare incident' });
  const preview = form.getByRole('region', { name: 'Engagement preview' });
  await form.getByLabel('Title').fill('Customer export bucket readable');
  await form.getByLabel('Type').selectOption('data_breach');
  await form.getByLabel('Impact', { exact: true }).selectOption('2');
  await form.getByLabel('Likelihood').selectOption('2');
  await preview.getByText(/Nobody: the communications plan applies from High upward; this incident is Low/).waitFor();

  await form.getByLabel('Impact', { exact: true }).selectOption('4');
  await form.getByLabel('Likelihood').selectOption('4');
  await preview.getByText('Sr. Director of Security', { exact: true }).waitFor();
  await preview.getByText(/by Security Incident Manager On Call, every hour, through direct message to each contact/).waitFor();
  if ((await preview.getByText('Legal', { exact: true }).count()) !== 0) throw new Error('Legal engaged before any fact says so');

  await form.getByRole('checkbox', { name: 'data breach' }).check();
  await preview.getByText('Broader e-group', { exact: true }).waitFor();
  await preview.getByText('Legal', { exact: true }).waitFor();
  await form.getByRole('checkbox', { name: 'enterprise (self-managed) customers impacted' }).check();
  await preview.getByText(/enterprise \(self-managed\) customers are impacted/).waitFor();
  await form.getByRole('button', { name: 'Declare' }).click();

  await page.getByRole('heading', { name: /Incident \d+: Customer export bucket readable/ }).waitFor();
  const groups = page.getByRole('table', { name: 'Engaged groups' });
  await groups.getByRole('row', { name: /Legal.*Sr\. Director of Security.*the incident's channel.*continuously/ }).waitFor();
  await groups.getByRole('row', { name: /Broader e-group.*#e-group channel.*every hour/ }).waitFor();

  // A fact set on the incident page: the preview shows the new group before saving, the table after.
  const facts = page.getByRole('form', { name: 'Incident facts' });
  await facts.getByRole('checkbox', { name: 'publicly reported' }).check();
  await facts.getByRole('region', { name: 'Engagement preview' }).getByText('Sr. Director of Corporate Marketing and PR Manager', { exact: true }).waitFor();
  await facts.getByRole('button', { name: 'Save facts' }).click();
  await groups.getByRole('row', { name: /Sr\. Director of Corporate Marketing and PR Manager.*Communications Manager On Call/ }).waitFor();
  await page
    .getByRole('list', { name: 'Timeline' })
    .getByText(/Facts changed: publicly reported: no → yes/)
    .waitFor();

  // The status update comes prefilled (risk, users impacted, timeline); the rest is written and published.
  const update = page.getByRole('form', { name: 'Status update' });
  await update.getByLabel('Current risk').and(page.locator('textarea')).waitFor();
  if (!(await update.getByLabel('Current risk').inputValue()).startsWith('High (score 16)')) throw new Error('risk not prefilled');
  await update.getByLabel('Mitigation steps taken').fill('Bucket made private; keys rotated');
  await update.getByLabel('Current status').fill('Investigating access logs');
  await update.getByLabel('Next steps').fill('Identify affected customers');
  await update.getByRole('button', { name: 'Publish update' }).click();
  await page.getByRole('list', { name: 'Status updates' }).getByText('Update #1').waitFor();
  await page
    .getByRole('list', { name: 'Timeline' })
    .getByText(/Status update #1 published\. Delivered to nobody: it is on the incident page only\. Not delivered to .*no chat is configured/)
    .waitFor();
  // No chat is configured: the update reached nobody in the groups, so it is not counted as informing them.
  await page
    .getByRole('list', { name: 'Status updates' })
    .getByText(/^Not delivered to Broader e-group: no channel configured: no chat is configured/)
    .waitFor();
  await groups.getByRole('row', { name: /Broader e-group.*0 \/ 0 \/ 0 \(1 not delivered: no channel configured\)/ }).waitFor();
  if (process.env.SECDESK_SCREENSHOTS) mkdirSync('docs/screenshots', { recursive: true });
  if (process.env.SECDESK_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/incident-engagements.png', fullPage: true });
  await page.context().close();
});

test('on call: edit a rotation, see who is on call; declaring pages the engineer; hand the role over', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto('/oncall');
  const now = page.getByRole('table', { name: 'On call now' });
  await now.getByRole('row', { name: /Security Engineer On Call.*nobody/ }).waitFor();
  await page
    .getByRole('list', { name: 'Gaps in Security Engineer On Call' })
    .getByText(/no participants/)
    .waitFor();
  await page.getByLabel('Add to Security Engineer On Call').selectOption({ label: 'seoc' });
  await page.getByRole('button', { name: 'Add', exact: true }).first().click();
  await page.getByRole('list', { name: 'Turn order of Security Engineer On Call' }).getByText('seoc').waitFor();
  await page.getByRole('button', { name: 'Save rotation' }).first().click();
  await now.getByRole('row', { name: /Security Engineer On Call.*seoc/ }).waitFor();

  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const form = page.getByRole('form', { name: 'Declare incident' });
  await form.getByLabel('Title').fill('Token leaked in CI logs');
  await form.getByLabel('Type').selectOption('account_takeover');
  await form.getByRole('checkbox', { name: /Restricted/ }).check();
  await form.getByRole('button', { name: 'Declare' }).click();
  const roles = page.getByRole('table', { name: 'Roles' });
  await roles.getByRole('row', { name: /Security Engineer On Call.*seoc/ }).waitFor();
  await page
    .getByRole('list', { name: 'Timeline' })
    .getByText(/Security Engineer On Call: seoc \(on call from the rotation\), paged/)
    .waitFor();
  await roles.getByLabel('Hand Security Engineer On Call over to').selectOption({ label: 'simoc' });
  await roles.getByLabel('Hand-over note for Security Engineer On Call').fill('taking it');
  await roles.getByRole('button', { name: 'Hand over' }).first().click();
  await roles.getByRole('row', { name: /Security Engineer On Call.*simoc/ }).waitFor();
  await page.getByRole('list', { name: 'Timeline' }).getByText('Security Engineer On Call handed over from seoc to simoc: taking it').waitFor();
  await page.getByRole('list', { name: 'Responders' }).getByText('seoc').waitFor();
  await page.context().close();
});

test("the timeline's event time is typed in the team's zone, whatever the browser's", async () => {
  const context = await rig.browser.newContext({ baseURL: rig.url, timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const declare = page.getByRole('form', { name: 'Declare incident' });
  await declare.getByLabel('Title').fill('Laptop stolen at the airport');
  await declare.getByLabel('Type').selectOption('account_takeover');
  const opened = Date.now();
  await declare.getByRole('button', { name: 'Declare' }).click();

  // Prefilled with now on the team's wall clock (America/New_York, the default), and saying so.
  const form = page.getByRole('form', { name: 'Add to the timeline' });
  await form.getByText(/^America\/New_York \(GMT-[45]\)$/).waitFor();
  const prefilled = await form.getByLabel('Event time').inputValue();
  const wall = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'America/New_York' }).slice(0, 16).replace(' ', 'T');
  const candidates = new Set<string>();
  for (let ms = opened - 60_000; ms <= Date.now() + 60_000; ms += 30_000) candidates.add(wall(ms));
  assert.ok(candidates.has(prefilled), `${prefilled} is now in New York (${[...candidates].join(', ')})`);

  await form.getByLabel('Event time').fill('2026-03-02T10:01');
  await form.getByRole('textbox', { name: 'Note', exact: true }).fill('Laptop reported stolen by its owner');
  await form.getByRole('button', { name: 'Add note' }).click();
  const entry = page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: 'Laptop reported stolen by its owner' });
  await entry.getByText('2 Mar 2026, 10:01 GMT-5').waitFor();
  assert.equal(await entry.locator('time').getAttribute('datetime'), '2026-03-02T15:01:00.000Z');
  await context.close();
});
