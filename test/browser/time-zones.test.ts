// In real Chromium: every absolute time says its zone — the team's (SECDESK_TIME_ZONE) by default,
// the viewer's own when they choose it on the Account page; the choice stays in the browser. (Berlin
// is CET or CEST by season, so both are accepted: the test does not depend on today's date.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, PASSWORD } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;

before(async () => {
  rig = await startRig({ SECDESK_TIME_ZONE: 'Asia/Tokyo', SECDESK_HOLIDAYS: 'JP' });
  await createUser(rig.t.app, 'analyst@example.com', ['security_analyst']);
  await rig.t.app.services.mailIntake.receive(
    Buffer.from('From: r@example.org\r\nTo: security@localhost\r\nSubject: A report\r\nMessage-ID: <tz-1@example.org>\r\n\r\nHello.\r\n'),
    'import',
  );
});
after(async () => rig?.close());

test("times are in the team's zone by default and in the viewer's on request", async () => {
  const context = await rig.browser.newContext({ baseURL: rig.url, timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto('/inbox');
  const received = page.locator('td[data-label="Received"] time').first();
  await received.waitFor();
  await page.waitForFunction(() => /GMT\+9/.test(document.querySelector('td[data-label="Received"] time')?.getAttribute('title') ?? ''));

  await page.goto('/account');
  const zone = page.getByRole('region', { name: 'Time zone' }).or(page.locator('section[aria-labelledby="tz-heading"]'));
  await zone.getByText(/Now: .* GMT\+9\. Exports are always in UTC/).waitFor();
  await zone.getByLabel(/my own \(Europe\/Berlin\)/).check();
  await zone.getByText(/Now: .* CES?T\./).waitFor();

  await page.goto('/inbox');
  await page.waitForFunction(() => /CES?T/.test(document.querySelector('td[data-label="Received"] time')?.getAttribute('title') ?? ''));
  assert.match((await received.getAttribute('title'))!, /CES?T$/);
  await context.close();
});
