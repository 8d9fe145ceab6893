// In real Chromium: an admin sets the outgoing mail relay in Admin → Setup (no restart), pointing at a
// loopback SMTP sink, sends the test mail, and the sink receives it; the checklist item turns done. A
// setting the environment holds is shown disabled, saying so; a saved one resets to its default.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, PASSWORD } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
let sink: SmtpSink;
before(async () => {
  sink = await startSmtpSink();
  rig = await startRig({ SECDESK_TEAM_NAME: 'Field Security' });
  await createUser(rig.t.app, 'lead@example.com', ['admin']);
});
after(async () => {
  await rig.close();
  await sink.close();
});

test('an admin saves the relay in Admin → Setup and the test mail reaches it; the checklist item turns done', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'lead@example.com', PASSWORD);
  await page.goto('/admin/setup');
  const relayItem = page.getByRole('listitem', { name: 'Outgoing mail relay' });
  await relayItem.getByText('missing').waitFor();

  const relay = page.getByRole('form', { name: 'Outgoing mail relay' });
  await relay.getByLabel('Outgoing mail relay').fill(sink.url);
  await relay.getByRole('button', { name: 'Save' }).click();
  await relay.getByRole('status').getByText('Saved.').waitFor();
  await relayItem.getByText('done').waitFor();
  await relay.getByRole('button', { name: 'Reset to default' }).waitFor();

  await relayItem.getByRole('button', { name: 'Send a test mail to me' }).click();
  await relayItem.getByText('Sent to lead@example.com: the relay accepted the test mail.').waitFor();
  const mail = await waitFor(() => sink.received.find((m) => m.subject === 'secdesk test mail'), 'the test mail at the sink');
  assert.equal((mail.to as { text: string }).text, 'lead@example.com');

  // The team name comes from the environment: its form is disabled and says so.
  const team = page.getByRole('form', { name: 'Team name' });
  assert.equal(await team.getByLabel('Team name').isDisabled(), true);
  await team.getByText('Set by the environment (SECDESK_TEAM_NAME)').waitFor();

  // A bad time zone is refused naming the setting; a good one is saved, and reset to the default.
  const zone = page.getByRole('form', { name: 'Time zone' });
  await zone.getByLabel('Time zone').fill('Mars/Olympus');
  await zone.getByRole('button', { name: 'Save' }).click();
  await zone
    .getByRole('alert')
    .getByText(/Time zone \(SECDESK_TIME_ZONE\): "Mars\/Olympus" is not a time zone/)
    .waitFor();
  await zone.getByLabel('Time zone').fill('Europe/Berlin');
  await zone.getByRole('button', { name: 'Save' }).click();
  await zone.getByRole('status').getByText('Saved.').waitFor();
  await page
    .getByRole('listitem', { name: 'Team calendar and time zone' })
    .getByText(/Europe\/Berlin, public holidays of US/)
    .waitFor();
  await zone.getByRole('button', { name: 'Reset to default' }).click();
  await page
    .getByRole('listitem', { name: 'Team calendar and time zone' })
    .getByText(/America\/New_York, public holidays of US/)
    .waitFor();
  assert.equal(await zone.getByLabel('Time zone').inputValue(), 'America/New_York');

  // The support address has no checklist item of its own: its form is among the more settings.
  await page.getByRole('region', { name: 'More settings' }).getByRole('form', { name: 'Support address' }).waitFor();
});
