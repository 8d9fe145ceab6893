// In real Chromium: Incidents → Stakeholder rules. Editing a rule's condition shows the server's
// positioned error under it as one types; fixing it changes the live preview of a sample incident
// (the unsaved rules); Save keeps it across a reload. A reader sees the rules without controls.
// The declare form's preview names the regulatory clocks the facts start.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'simoc@example.com', ['incident_manager']);
  await createUser(rig.t.app, 'viewer@example.com', ['read_only']);
});
after(async () => rig.close());

const SHOTS = process.env.SECDESK_SCREENSHOTS ? 'docs/screenshots' : null;

/** Every checkbox inside a label sits on the line of the label's text, before it. */
async function checkboxesBesideTheirText(page: Page): Promise<void> {
  const misplaced = await page.evaluate(() => {
    const out: string[] = [];
    for (const box of document.querySelectorAll<HTMLInputElement>('label > input[type=checkbox]')) {
      const label = box.parentElement!;
      const b = box.getBoundingClientRect();
      if (b.width === 0 || !label.textContent!.trim()) continue;
      // The text after the box, on however many lines it wraps to.
      const range = document.createRange();
      range.setStartAfter(box);
      range.setEndAfter(label.lastChild!);
      const text = [...range.getClientRects()].filter((r) => r.width > 0);
      const left = Math.min(...text.map((r) => r.left));
      const top = Math.min(...text.map((r) => r.top));
      const bottom = Math.max(...text.map((r) => r.bottom));
      const middle = b.top + b.height / 2;
      if (text.length === 0 || middle < top || middle > bottom || b.right > left + 1) out.push(label.textContent!.trim());
    }
    return out;
  });
  assert.deepEqual(misplaced, []);
}

test('edit a condition: positioned error as one types, fixed, the preview follows, saved across a reload', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto('/incidents');
  await page.getByRole('link', { name: 'Stakeholder rules' }).click();
  await page.getByRole('heading', { name: 'Stakeholder rules' }).waitFor();

  const legal = page.getByRole('group', { name: '4. Legal' });
  const condition = legal.getByLabel('Condition');
  const preview = page.getByRole('region', { name: 'Engagement preview' });
  // The sample incident: a high-risk data breach; Legal's shipped condition holds.
  await preview.getByText('Legal', { exact: true }).waitFor();
  await legal.getByText(/^Engages when enterprise \(self-managed\) customers are impacted, there is a data breach/).waitFor();

  await condition.fill('personal_data_exposd and impact >= high');
  await legal.getByText("unknown field 'personal_data_exposd' at column 1; did you mean 'personal_data_exposed'?").waitFor();
  await page.waitForFunction(() => document.querySelector('textarea.condition[aria-invalid="true"]') !== null);
  await preview.getByText(/Rules with problems are left out: legal: unknown field 'personal_data_exposd'/).waitFor();
  assert.equal(await preview.getByText('Legal', { exact: true }).count(), 0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/stakeholder-rules-error-1280.png`, fullPage: true });

  await condition.fill('personal_data_exposed and impact >= high');
  await legal.getByText('Engages when personal data is exposed and overall impact is High or higher.').waitFor();
  assert.equal(await legal.getByText(/unknown field/).count(), 0);
  // The preview has caught up with the fixed rule: no rule is left out any more.
  await page.waitForFunction(() => !document.querySelector('[aria-label="Engagement preview"]')?.textContent?.includes('Rules with problems'));
  assert.equal(await preview.getByText('Legal', { exact: true }).count(), 0);
  // Personal data exposed in the sample: Legal is engaged by the edited, unsaved rule, and GDPR's clock would start.
  const sample = page.getByRole('region', { name: 'Sample incident' });
  await sample.getByRole('checkbox', { name: 'personal data exposed' }).check();
  await preview.getByText('Legal', { exact: true }).waitFor();
  await preview
    .getByRole('listitem')
    .filter({ hasText: /^Legal — by .*\(because personal data is exposed and overall impact is High or higher\)$/ })
    .waitFor();
  await preview.getByText('GDPR Art. 33: notify the supervisory authority').waitFor();

  await legal.getByRole('button', { name: 'Add contact' }).click();
  await legal.getByRole('group', { name: 'Contact 1' }).getByLabel('Name').fill('Lee Legal');
  await legal.getByRole('group', { name: 'Contact 1' }).getByLabel('Email').fill('legal@example.com');
  await page.getByText('Unsaved changes').waitFor();
  await page.getByRole('button', { name: 'Save rules' }).click();
  const saved = page.getByRole('status').filter({ hasText: 'Saved.' });
  await saved.waitFor();
  // The server's warnings: the groups still without contacts.
  await saved.getByText("e-group: 'Broader e-group' has no contacts yet").waitFor();
  assert.equal(await saved.getByText(/legal:/).count(), 0);
  await checkboxesBesideTheirText(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/stakeholder-rules.png`, fullPage: true });

  await page.reload();
  const reloaded = page.getByRole('group', { name: '4. Legal' });
  await reloaded.getByLabel('Condition').waitFor();
  assert.equal(await reloaded.getByLabel('Condition').inputValue(), 'personal_data_exposed and impact >= high');
  assert.equal(await reloaded.getByRole('group', { name: 'Contact 1' }).getByLabel('Name').inputValue(), 'Lee Legal');
  assert.equal(await page.getByText('Unsaved changes').count(), 0);
  const api = await signIn(rig.t.http, 'viewer@example.com');
  const stored = (await api.request('GET', '/api/stakeholder-rules')).json().rules.find((r: { id: string }) => r.id === 'legal');
  assert.deepEqual([stored.condition, stored.contacts], ['personal_data_exposed and impact >= high', [{ name: 'Lee Legal', email: 'legal@example.com' }]]);

  await page.setViewportSize({ width: 390, height: 844 });
  await checkboxesBesideTheirText(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390 px`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/stakeholder-rules-390.png`, fullPage: true });
  await page.context().close();
});

test('a reader sees the rules and the preview of the saved rules, without controls to change them', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'viewer@example.com', PASSWORD);
  await page.goto('/incidents/stakeholder-rules');
  const legal = page.getByRole('group', { name: /^4\. Legal$/ });
  assert.equal(await legal.getByLabel('Condition').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Save rules' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Remove/ }).count(), 0);
  await page.getByRole('region', { name: 'Engagement preview' }).getByText('Sr. Director of Security', { exact: true }).waitFor();
  await page.context().close();
});

test("the declare form's preview names the regulatory clocks the facts start", async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const form = page.getByRole('form', { name: 'Declare incident' });
  const clocks = form.getByRole('region', { name: 'Regulatory clocks preview' });
  await clocks.getByText('None.').waitFor();
  await form.getByRole('checkbox', { name: 'personal data exposed' }).check();
  await clocks.getByText('GDPR Art. 33: notify the supervisory authority').waitFor();
  await clocks.getByText(/72 hours from awareness, owned by the Security Incident Manager On Call/).waitFor();
  await clocks.getByText('US state breach notice (shortest common deadline)').waitFor();
  await checkboxesBesideTheirText(page);
  if (SHOTS) await form.screenshot({ path: `${SHOTS}/declare-preview-clocks-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkboxesBesideTheirText(page);
  if (SHOTS) await form.screenshot({ path: `${SHOTS}/declare-preview-clocks-390.png` });
  await page.context().close();
});
