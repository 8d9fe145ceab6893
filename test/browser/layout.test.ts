// In real Chromium: a checkbox sits on the same line as its label's text (the declare form's
// *Restricted*, the status page's *Affected components*), and the inbox fits a 390 px phone without
// sideways scrolling, each ticket a labelled card; at 1280 px it fits too, even with long addresses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
const LONG = 'a-very-long-local-part-that-does-not-wrap-by-itself@subdomain.of.a-long-domain-name.example';

before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'admin@example.com', ['admin']);
  const admin = await signIn(rig.t.http, 'admin@example.com');
  for (const [slug, name] of [
    ['api', 'API'],
    ['web', 'Web app'],
  ]) {
    assert.equal((await admin.request('POST', '/api/statuspage/components', { slug, name, group: 'Platform', description: `The ${name}` })).statusCode, 201);
  }
  for (const n of [1, 2, 3]) {
    const raw = Buffer.from(
      `From: Reporter ${n} <${LONG}>\r\nTo: security@localhost\r\nSubject: Report number ${n} about an exceptionally-long-unbroken-subject-word-${'x'.repeat(60)}\r\nMessage-ID: <layout-${n}@example.com>\r\n\r\nDetails ${n}.\r\n`,
    );
    await rig.t.app.services.mailIntake.receive(raw, 'import');
  }
});
after(async () => rig?.close());

/** The checkbox's vertical middle lies within the first line of its label's text, and left of it. */
async function inlineWithLabel(box: Locator): Promise<void> {
  const input = (await box.boundingBox())!;
  const label = box.locator('xpath=ancestor::label[1]');
  const text = await label.evaluate((el) => {
    const range = document.createRange();
    const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '')!;
    range.selectNodeContents(node);
    const first = range.getClientRects()[0]!;
    return { top: first.top, bottom: first.bottom, left: first.left };
  });
  const middle = input.y + input.height / 2;
  assert.ok(middle > text.top && middle < text.bottom, `checkbox middle ${middle} outside its label's first line ${text.top}–${text.bottom}`);
  assert.ok(input.x + input.width <= text.left, 'the checkbox comes before its text');
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `the page is ${scroll} px wide at a ${width} px viewport`);
}

test('checkboxes sit beside their labels: Restricted on the declare form, Affected components on the status page', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'admin@example.com', PASSWORD);
  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await inlineWithLabel(page.getByRole('checkbox', { name: /^Restricted/ }));
  await inlineWithLabel(page.getByRole('checkbox', { name: 'data breach' }));
  await page.goto('/status-page');
  await inlineWithLabel(page.getByRole('form', { name: 'Publish a status page update' }).getByRole('checkbox', { name: 'API' }));
});

test('the inbox fits a 390 px phone and a 1280 px screen without sideways scrolling', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'admin@example.com', PASSWORD);
  await page.goto('/inbox');
  await page.getByRole('link', { name: /Report number 3/ }).waitFor();
  await fitsWidth(page, 1280);
  // The ticket number stands on one line (a squeezed column once stacked it a digit a line).
  const numberLines = await page
    .locator('td[data-label="#"]')
    .first()
    .evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
  assert.equal(numberLines, 1, `the ticket number wraps onto ${numberLines} lines at 1280 px`);
  await page.setViewportSize({ width: 390, height: 844 });
  await fitsWidth(page, 390);
  // On a phone each row is a card whose cells say what they are.
  const status = page.locator('td[data-label="Status"]').first();
  assert.equal(await status.evaluate((el) => getComputedStyle(el, '::before').content), '"Status"');
});
