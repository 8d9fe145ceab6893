// In real Chromium against a local Slack Web API: a person sets their chat handle on the Account
// page, declares an incident, and the incident page shows the channel creating while Slack is
// down, then open with its link when Slack is back.
import { after, before, test } from 'node:test';
import { createUser, PASSWORD } from '../support/session.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
let slack: FakeSlack;
before(async () => {
  slack = await new FakeSlack().start();
  rig = await startRig({ SECDESK_SLACK_TOKEN: slack.token, SECDESK_SLACK_API_URL: slack.url, SECDESK_CHAT_RETRY_SECONDS: '1' });
  await createUser(rig.t.app, 'simoc@example.com', ['incident_manager']);
});
after(async () => {
  await rig?.close();
  await slack?.stop();
});

test('chat handle on the Account page; the incident page shows the channel failing, retrying, then open with its link', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Chat handle' });
  await form.getByLabel(/Chat handle \(your Slack member id/).fill('U0ALICE01');
  await form.getByRole('button', { name: 'Save chat handle' }).click();
  await form.getByText('Chat handle saved.').waitFor();

  slack.setDown(true);
  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const declare = page.getByRole('form', { name: 'Declare incident' });
  await declare.getByLabel('Title').fill('Leaked signing key');
  await declare.getByRole('button', { name: 'Declare' }).click();
  await page.getByRole('heading', { name: /Incident \d+: Leaked signing key/ }).waitFor();
  const state = page.getByTestId('incident-channel');
  await state.getByText(/incident channel: creating… \(last attempt failed: Slack is unreachable.*retrying at about/).waitFor({ timeout: 60_000 });
  slack.setDown(false);
  const link = state.getByRole('link', { name: /#inc-\d+-leaked-signing-key/ });
  await link.waitFor({ timeout: 60_000 });
  const href = await link.getAttribute('href');
  if (!href?.startsWith(`${slack.url.replace(/\/api$/, '')}/app_redirect?channel=C`)) throw new Error(`unexpected link ${href}`);
  if (!slack.channelNamed((await link.textContent())!.replace(/^#/, ''))?.members.has('U0ALICE01')) throw new Error('declarer not invited');
});
