// In real Chromium: the irreversible asks once and says what will happen. Resolving an incident says
// that engagements end; Cancel changes nothing. Starting the final round names the channels that will
// carry the all clear, and Cancel starts nothing. (Sending to a list is asked in communications.test.ts, with its recipient count.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
let incident: { id: string; number: number };

before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'im@example.com', ['incident_manager']);
  incident = await rig.t.app.services.incidents.declare(
    { actor: SYSTEM_ACTOR },
    {
      title: 'Customer export bucket readable',
      description: 'A storage bucket was readable.',
      type: 'data_breach',
      impact: 4,
      likelihood: 4,
      facts: { impactDetermined: true },
    },
  );
  const im = await signIn(rig.t.http, 'im@example.com');
  const base = `/api/incidents/${incident.id}/communications/plan`;
  assert.equal(
    (
      await im.request('PUT', `${base}/scope`, {
        scope: 'Customers with exports in the bucket',
        frequencyMinutes: 240,
        publicTitle: 'Customer exports were readable',
      })
    ).statusCode,
    200,
  );
  assert.equal((await im.request('PUT', `${base}/medium`, { channels: ['customer_email', 'status_page'] })).statusCode, 200);
});
after(async () => rig?.close());

test('resolving an incident asks once and says what ends; Cancel changes nothing', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'im@example.com', PASSWORD);
  await page.goto(`/incidents/${incident.id}`);
  const facts = page.getByRole('form', { name: 'Incident facts' });
  await facts.getByRole('button', { name: 'Mark resolved' }).click();
  const confirm = facts.getByRole('group', { name: 'Confirm: Mark resolved' });
  await confirm.getByText(`Incident #${incident.number} becomes resolved: every stakeholder engagement ends and its update reminders stop.`).waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await rig.t.app.services.incidents.get({ actor: SYSTEM_ACTOR }, incident.id)).status, 'declared');
  await facts.getByRole('button', { name: 'Mark resolved' }).click();
  await confirm.getByRole('button', { name: 'Yes, mark resolved' }).click();
  await page
    .getByRole('list', { name: 'Timeline' })
    .getByText(/resolved/i)
    .first()
    .waitFor();
  assert.equal((await rig.t.app.services.incidents.get({ actor: SYSTEM_ACTOR }, incident.id)).status, 'resolved');
});

test('starting the final round names the channels that carry the all clear', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'im@example.com', PASSWORD);
  await page.goto(`/communications/${incident.id}`);
  const rounds = page.getByRole('region', { name: 'Rounds' });
  await rounds.getByRole('button', { name: 'Start the final round (all clear)' }).click();
  const confirm = rounds.getByRole('group', { name: 'Confirm: Start the final round (all clear)' });
  await confirm.getByText(/Round 2 will be the last: its 2 channels \(Incident response customer email, Status page update\) carry the all clear/).waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await rig.t.app.store.read.communications.rounds(incident.id)).length, 1, 'Cancel starts nothing');
  // Confirmed, the server still decides: round 1 has sent nothing, so no final round yet.
  await rounds.getByRole('button', { name: 'Start the final round (all clear)' }).click();
  await confirm.getByRole('button', { name: 'Start the final round' }).click();
  await rounds.getByRole('alert').getByText('round 1 has sent nothing yet: send its communications first').waitFor();
});
