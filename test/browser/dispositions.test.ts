// Handling tickets in real Chromium: for each disposition an analyst starts the reply box from it, edits the mail and
// sends it; the local SMTP sink receives it (and, for account support, the forward with the
// original attached); the ticket shows solved with its disposition. An admin edits a template:
// a bad placeholder is shown with its position, a good edit becomes version 2.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transporter } from 'nodemailer';
import type { Page } from 'playwright-core';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startBrowserMailRig, type BrowserMailRig } from '../support/browser-mail-rig.ts';
import { PASSWORD } from '../support/session.ts';
import { signInThroughUi, type BrowserRig } from './support.ts';

const INBOX = 'security@secdesk.example';
let rig: BrowserRig;
let sink: SmtpSink;
let desk: BrowserMailRig;
let requester: Transporter;

before(async () => {
  desk = await startBrowserMailRig({
    SECDESK_INBOX_ADDRESS: INBOX,
    SECDESK_SUPPORT_ADDRESS: 'help@support.example',
    SECDESK_DMCA_ADDRESS: 'dmca@legal.example',
    SECDESK_BUG_BOUNTY_URL: 'https://bounty.example/programme',
  });
  ({ rig, sink, requester } = desk);
});
after(async () => {
  await desk.close();
});

async function mailIn(from: string, subject: string, text: string): Promise<string> {
  const info = await requester.sendMail({ from, to: INBOX, subject, text });
  const number = Number(/ticket (\d+)/.exec(String(info.response))![1]);
  const ticket = await rig.t.app.store.read.tickets.byNumber(number);
  return ticket!.id;
}

const sinkMail = (to: string, subject: string) =>
  waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes(to) && (m.subject ?? '').includes(subject)), `mail to ${to}`);

async function handle(page: Page, ticketId: string, choice: string) {
  await page.goto(`/inbox/${ticketId}`);
  const form = page.getByRole('form', { name: 'Reply' });
  await form.getByLabel('Start from').selectOption(choice.startsWith('template:') ? choice : { label: choice });
  // Choosing a template renders it for the ticket at once.
  const preview = form.getByRole('region', { name: 'Preview' });
  await preview.waitFor();
  return { form, preview, message: preview.getByLabel('Message to the requester') };
}

async function expectSolved(page: Page, disposition: string) {
  const facts = (term: string) => page.getByRole('term').filter({ hasText: term }).locator('xpath=..');
  await facts('Status').getByText('solved').waitFor();
  await facts('Disposition').getByText(disposition).waitFor();
}

test('each disposition through the reply box: preview, edit, send; the sink gets the mail; the ticket is solved', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);

  const reply = await mailIn('Rita <rita@reporter.example>', 'Is data encrypted?', 'At rest?');
  let step = await handle(page, reply, 'template:reply.generic');
  assert.match(await step.message.inputValue(), /^Hello Rita,/);
  await step.message.fill((await step.message.inputValue()).replace('Thank you for writing to us.', 'Yes, with AES-256, keys in a KMS.'));
  await step.form.getByRole('button', { name: 'Send and solve' }).click();
  await expectSolved(page, 'reply');
  assert.match((await sinkMail('rita@reporter.example', 'Is data encrypted?')).text!, /Yes, with AES-256, keys in a KMS\./);
  await page.getByRole('list', { name: 'Conversation' }).getByText('template reply.generic v1').waitFor();

  const support = await mailIn('Lou <lou@reporter.example>', 'Locked out', 'Lost my 2FA device');
  step = await handle(page, support, 'Redirect: account support → forward to Support');
  await step.preview.getByText('Forward to Support: help@support.example, with the original message attached').waitFor();
  if (process.env.SECDESK_SCREENSHOTS) await step.form.screenshot({ path: 'docs/screenshots/handle-ticket.png' });
  assert.match(await step.message.inputValue(), /help@support\.example/);
  await step.form.getByRole('button', { name: 'Send and solve' }).click();
  await expectSolved(page, 'redirect: support');
  await sinkMail('lou@reporter.example', 'Locked out');
  const forward = await sinkMail('help@support.example', 'Locked out');
  assert.equal(forward.attachments[0]?.contentType, 'message/rfc822');
  assert.match(forward.attachments[0]!.content.toString('utf8'), /Lost my 2FA device/);

  const vulnerability = await mailIn('hacker@reporter.example', 'IDOR in the API', '/api/v4/projects/1 leaks');
  step = await handle(page, vulnerability, 'Redirect: vulnerability report → bug bounty');
  assert.match(await step.message.inputValue(), /https:\/\/bounty\.example\/programme/);
  await step.form.getByRole('button', { name: 'Send and solve' }).click();
  await expectSolved(page, 'redirect: vulnerability');
  assert.match((await sinkMail('hacker@reporter.example', 'IDOR in the API')).text!, /security@secdesk\.example/);

  const copyright = await mailIn('cora@studio.example', 'My artwork was copied', 'See project X');
  step = await handle(page, copyright, 'Redirect: copyright complaint → DMCA');
  assert.match(await step.message.inputValue(), /dmca@legal\.example/);
  await step.form.getByRole('button', { name: 'Send and solve' }).click();
  await expectSolved(page, 'redirect: copyright');
  await sinkMail('cora@studio.example', 'My artwork was copied');
  await page.context().close();
});

test('an admin edits a template: the bad placeholder is shown with its position, the fix is version 2', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'lead@example.com', PASSWORD);
  await page.goto('/admin/templates');
  await page.getByRole('button', { name: 'Redirect: copyright complaint (DMCA)' }).click();
  const editor = page.getByRole('region', { name: 'Template redirect.copyright' });
  const body = editor.getByLabel('Body');
  await body.waitFor();
  const original = await body.inputValue();
  await body.fill(`Hello {{requester.name}},\nplease write to {{dmca.adress}}.`);
  await editor.getByRole('button', { name: 'Save new version' }).click();
  await editor.getByRole('alert').getByText('body line 2, column 17: {{dmca.adress}} unknown placeholder', { exact: false }).waitFor();
  if (process.env.SECDESK_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/templates.png', fullPage: true });

  await body.fill(`${original}\n\nWe usually act on a complete notice within two working days.`);
  await editor.getByRole('button', { name: 'Preview' }).click();
  await editor.getByRole('region', { name: 'Rendered preview' }).getByText('Hello Alex Example,', { exact: false }).waitFor();
  await editor.getByRole('button', { name: 'Save new version' }).click();
  await editor.getByText('Saved as version 2.').waitFor();
  const versions = editor.getByRole('region', { name: 'Versions' });
  await versions.getByRole('button', { name: 'Version 2' }).waitFor();
  await versions.getByRole('button', { name: 'Version 1' }).click();
  await versions.getByRole('region', { name: 'Version 1' }).getByText('dedicated team', { exact: false }).waitFor();
  await page.context().close();
});
