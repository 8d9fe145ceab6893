// The ticket page has one reply box. In real Chromium: exactly one composer and one send button;
// Accept on the triage suggestion preselects its disposition there (rendered for the ticket); a
// templated redirect and a free-text reply both reach the SMTP sink and the ticket's status follows
// the box; internal notes stay apart; the SLA panel says why the clock stands still, with its zone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startBrowserMailRig, type BrowserMailRig } from '../support/browser-mail-rig.ts';
import { PASSWORD } from '../support/session.ts';
import { signInThroughUi, type BrowserRig } from './support.ts';

const INBOX = 'security@secdesk.example';
let rig: BrowserRig;
let sink: SmtpSink;
let desk: BrowserMailRig;

before(async () => {
  desk = await startBrowserMailRig({ SECDESK_INBOX_ADDRESS: INBOX, SECDESK_DMCA_ADDRESS: 'dmca@legal.example', SECDESK_SLA_PAUSE_WHEN_PENDING: 'true' });
  ({ rig, sink } = desk);
});
after(async () => {
  await desk.close();
});

async function mailIn(from: string, subject: string, text: string): Promise<string> {
  const info = await desk.requester.sendMail({ from, to: INBOX, subject, text });
  return (await rig.t.app.store.read.tickets.byNumber(Number(/ticket (\d+)/.exec(String(info.response))![1])))!.id;
}

const sinkMail = (to: string, text: string) =>
  waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes(to) && (m.text ?? '').includes(text)), `mail to ${to}`);
const fact = (page: Page, term: string) => page.getByRole('term').filter({ hasText: term }).locator('xpath=..');

async function screenshots(page: Page, name: string) {
  if (!process.env.SECDESK_SCREENSHOTS) return;
  mkdirSync('docs/screenshots', { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 860 });
    await page.screenshot({ path: `docs/screenshots/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

test('one reply box: Accept preselects the suggested redirect, which goes out and solves the ticket', async () => {
  const ticketId = await mailIn(
    'Rights Desk <notices@rights-agency.example>',
    'DMCA takedown notice',
    'We represent the copyright owner. The repository linked below infringes our copyrighted work. Under the DMCA, 17 U.S.C. 512(c), please remove or disable access to it. I have a good faith belief that this use is not authorized.',
  );
  await waitFor(async () => (await rig.t.app.services.triage.view({ actor: SYSTEM_ACTOR }, ticketId)) ?? undefined, 'the triage suggestion', 180_000);
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${ticketId}`);

  const box = page.getByRole('form', { name: 'Reply' });
  await box.waitFor();
  assert.equal(await page.getByRole('form', { name: 'Reply' }).count(), 1, 'one composer');
  assert.equal(await page.getByRole('button', { name: /^Send/ }).count(), 1, 'one send button on the page');
  assert.equal(
    await page.getByRole('complementary', { name: 'Ticket details' }).getByLabel('Disposition').count(),
    0,
    'no disposition selector in the side panel',
  );
  const note = page.getByRole('form', { name: 'Internal note' });
  await note.getByText('never mailed').waitFor();
  assert.equal(await note.getByRole('button', { name: /^Send/ }).count(), 0);
  await page
    .getByRole('region', { name: 'SLA' })
    .getByText(/^Due .* America\/New_York$/)
    .waitFor();

  const card = page.getByRole('region', { name: 'Triage suggestion' });
  await card.getByText('redirect: copyright').waitFor();
  await card.getByRole('button', { name: 'Accept' }).click();
  const start = box.getByLabel('Start from');
  await waitFor(async () => (await start.inputValue()) === 'redirect:copyright' || undefined, 'the suggested disposition preselected');
  assert.ok(await start.evaluate((el) => el === document.activeElement), 'the composer has the focus');
  const message = box.getByRole('region', { name: 'Preview' }).getByLabel('Message to the requester');
  assert.match(await message.inputValue(), /dmca@legal\.example/, 'the redirect rendered for this ticket');
  await box.getByText('solved', { exact: true }).waitFor();
  await screenshots(page, 'reply-box');
  await message.fill(`${await message.inputValue()}\n\nReference: RB-1`);
  await box.getByRole('button', { name: 'Send and solve' }).click();
  await fact(page, 'Status').getByText('solved').waitFor();
  await fact(page, 'Disposition').getByText('redirect: copyright').waitFor();
  assert.match((await sinkMail('notices@rights-agency.example', 'Reference: RB-1')).text!, /dmca@legal\.example/);
  await page.context().close();
});

test('one reply box: free text goes out as written and the ticket becomes the status chosen in the box', async () => {
  const ticketId = await mailIn('Rita <rita@reporter.example>', 'Password rules?', 'How long must a password be?');
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${ticketId}`);

  // Pending on the requester with the clock paused: the panel says so and when it resumes.
  await page.getByRole('complementary', { name: 'Ticket details' }).getByLabel('Status').selectOption('pending');
  await page
    .getByRole('region', { name: 'SLA' })
    .getByRole('note')
    .getByText('Paused while pending on the requester — resumes when the ticket leaves pending')
    .waitFor();

  const box = page.getByRole('form', { name: 'Reply' });
  assert.equal(await box.getByLabel('Start from').inputValue(), 'text', 'free text unless a disposition is chosen');
  assert.equal(await box.getByRole('button', { name: 'Send and solve' }).isDisabled(), true, 'nothing to send yet');
  await box.getByLabel('Message to the requester (plain text)').fill('At least 12 characters; a passphrase is best.');
  await box.getByLabel('Then the ticket is').selectOption('open');
  await box.getByRole('button', { name: 'Send (ticket open)' }).click();
  await fact(page, 'Status').getByText('open').waitFor();
  assert.equal((await sinkMail('rita@reporter.example', 'passphrase')).text!.trim(), 'At least 12 characters; a passphrase is best.');
  await page.getByRole('list', { name: 'Conversation' }).getByText('a passphrase is best').waitFor();
  assert.equal(await box.getByLabel('Message to the requester (plain text)').inputValue(), '', 'the box is empty again');
  assert.equal((await rig.t.app.services.tickets.get({ actor: SYSTEM_ACTOR }, ticketId)).status, 'open');
  await page.context().close();
});
