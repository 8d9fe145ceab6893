// Engaging a team in real Chromium: an admin gives Application Security a GitLab project on
// Admin → Teams (a local server speaking GitLab's REST API); an analyst engages the team from the
// Handle panel; the requester's notice reaches the SMTP sink; the ticket shows the engagement with
// its issue link; the team's answer is recorded and sent as the reply that solves the ticket.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transporter } from 'nodemailer';
import type { Page } from 'playwright-core';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startBrowserMailRig, type BrowserMailRig } from '../support/browser-mail-rig.ts';
import { PASSWORD } from '../support/session.ts';
import { startFakeGitlab, type FakeGitlab } from '../support/fake-gitlab.ts';
import { signInThroughUi, type BrowserRig } from './support.ts';

const INBOX = 'security@secdesk.example';
let rig: BrowserRig;
let sink: SmtpSink;
let gitlab: FakeGitlab;
let desk: BrowserMailRig;
let requester: Transporter;

before(async () => {
  gitlab = await startFakeGitlab();
  desk = await startBrowserMailRig({ SECDESK_INBOX_ADDRESS: INBOX, SECDESK_TRACKER_ALLOW_PRIVATE: '127.0.0.1/32' });
  ({ rig, sink, requester } = desk);
});
after(async () => {
  await desk.close();
  await gitlab.close();
});

const sinkMail = (to: string, text: string) =>
  waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes(to) && (m.text ?? '').includes(text)), `mail to ${to} with ${text}`);
const fact = (page: Page, term: string) => page.getByRole('term').filter({ hasText: term }).locator('xpath=..');

test('admin sets up a team; an analyst engages it, sees the issue, records the answer and sends it', async () => {
  const admin = await rig.page();
  await signInThroughUi(admin, 'lead@example.com', PASSWORD);
  await admin.goto('/admin/teams');
  const team = admin.getByRole('form', { name: 'Team Application Security' });
  await team.getByLabel('Owner').selectOption({ label: 'analyst (analyst@example.com)' });
  await team.getByLabel('Update the requester every (hours)').fill('24');
  await team.getByLabel("Members' address").fill('appsec@team.example');
  await team.getByLabel('Issue tracker').selectOption('gitlab');
  await team.getByLabel('Base URL').fill(gitlab.url);
  await team.getByLabel('Project id or path').fill(String(gitlab.projectId));
  await team.getByLabel('Access token').fill(gitlab.token);
  await team.getByRole('button', { name: 'Save team' }).click();
  await admin.getByRole('form', { name: 'Team Application Security' }).getByPlaceholder('stored (leave empty to keep)').waitFor();
  assert.ok(!(await admin.content()).includes(gitlab.token), 'the token is not shown again');
  await admin.context().close();

  const info = await requester.sendMail({
    from: 'Rita <rita@reporter.example>',
    to: INBOX,
    subject: 'Certificate pinning?',
    text: 'Does your app pin certificates?',
  });
  const ticket = (await rig.t.app.store.read.tickets.byNumber(Number(/ticket (\d+)/.exec(String(info.response))![1])))!;

  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${ticket.id}`);
  const form = page.getByRole('form', { name: 'Reply' });
  await form.getByLabel('Start from').selectOption({ label: 'Engage a subject-matter team (research; the requester is told)' });
  await form.getByLabel('Team', { exact: true }).selectOption({ label: 'Application Security (gitlab issue)' });
  await form.getByLabel('Question for the team (internal, never sent to the requester)').fill('Do the mobile apps pin TLS certificates?');
  await form.getByRole('button', { name: 'Preview' }).click();
  const message = form.getByRole('region', { name: 'Preview' }).getByLabel('Message to the requester');
  assert.match(await message.inputValue(), /Research is under way/);
  await form.getByRole('button', { name: 'Send and engage the team' }).click();
  await fact(page, 'Status').getByText('pending').waitFor();
  await sinkMail('rita@reporter.example', 'Research is under way');
  await sinkMail('appsec@team.example', 'Do the mobile apps pin TLS certificates?');
  // The team's mail is shown as internal, with its recipient; the notice as the reply to the requester.
  const conversation = page.getByRole('list', { name: 'Conversation' });
  const teamMail = conversation.getByRole('listitem').filter({ hasText: 'Do the mobile apps pin TLS certificates?' });
  await teamMail.getByText('Internal — not to the requester').waitFor();
  await teamMail.getByText('To Application Security <appsec@team.example>').waitFor();
  assert.equal(await teamMail.evaluate((li) => li.className), 'message message-internal');
  const notice = conversation
    .getByRole('listitem')
    .filter({ hasText: /Research is under way/ })
    .filter({ hasNotText: 'pin TLS certificates' });
  await notice.getByText('Reply to the requester').waitFor();
  await notice.getByText(/^To .*rita@reporter\.example/).waitFor();

  // The issue is made by a job: the ticket shows its link once it exists.
  const panel = page.getByRole('region', { name: 'Engagements' });
  await waitFor(async () => {
    await page.reload();
    return (await panel.getByRole('link', { name: '#1' }).count()) > 0 || undefined;
  }, 'the issue link on the ticket');
  assert.equal(await panel.getByRole('link', { name: '#1' }).getAttribute('href'), gitlab.issues[0]!.web_url);
  await panel.getByText('Application Security').waitFor();
  await panel.getByText('open', { exact: true }).waitFor();
  await fact(page, 'Next update due').waitFor();
  if (process.env.SECDESK_SCREENSHOTS) await panel.screenshot({ path: 'docs/screenshots/engagement.png' });

  const answer = 'Yes: both apps pin our CA public keys since version 5.2.';
  await panel.getByRole('textbox', { name: "The team's answer" }).fill(answer);
  await panel.getByRole('button', { name: 'Record answer' }).click();
  await panel.getByRole('button', { name: 'Use the answer as the reply' }).click();
  // The composer takes the answer on its next render, after the click has returned.
  const reply = form.getByLabel('Message to the requester (plain text)');
  await waitFor(async () => ((await reply.inputValue()) === answer ? true : undefined), 'the answer offered as the reply');
  await form.getByRole('button', { name: 'Send and solve' }).click();
  await fact(page, 'Status').getByText('solved').waitFor();
  await panel.getByText('closed', { exact: true }).waitFor();
  assert.equal((await sinkMail('rita@reporter.example', 'since version 5.2')).text?.trim(), answer);
  assert.equal(gitlab.issues.length, 1);
  await page.context().close();
});
