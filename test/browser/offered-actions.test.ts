// In real Chromium: an action is offered only to those whose roles allow it. An administrator, who
// may manage communications but does not draft the customer email by the plan's table, sees the
// draft button disabled with the role that drafts it; the incident manager, who does, drafts it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
let incidentId: string;

before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'admin@example.com', ['admin']);
  await createUser(rig.t.app, 'im@example.com', ['incident_manager']);
  const incident = await rig.t.app.services.incidents.declare(
    { actor: SYSTEM_ACTOR },
    {
      title: 'Customer export bucket readable',
      description: 'A storage bucket with customer exports was readable.',
      type: 'data_breach',
      impact: 4,
      likelihood: 4,
      facts: { impactDetermined: true, personalDataExposed: true },
    },
  );
  incidentId = incident.id;
  const im = await signIn(rig.t.http, 'im@example.com');
  const base = `/api/incidents/${incidentId}/communications/plan`;
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
  assert.equal((await im.request('PUT', `${base}/medium`, { channels: ['customer_email'] })).statusCode, 200);
});
after(async () => rig?.close());

test('the draft button is disabled, naming who drafts, for a person who may not draft the channel', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'admin@example.com', PASSWORD);
  await page.goto(`/communications/${incidentId}`);
  const draft = page.getByRole('button', { name: 'Draft Incident response customer email from template' });
  await draft.waitFor();
  await page.getByText('Drafted by: Incident manager').waitFor();
  assert.equal(await draft.isDisabled(), true);
  assert.equal(await draft.getAttribute('aria-describedby'), 'draft-who-customer_email');
});

test('the incident manager, who drafts the customer email, may press it and gets a draft', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'im@example.com', PASSWORD);
  await page.goto(`/communications/${incidentId}`);
  const draft = page.getByRole('button', { name: 'Draft Incident response customer email from template' });
  await draft.waitFor();
  assert.equal(await draft.isEnabled(), true);
  assert.equal(await page.getByText(/Drafted by:/).count(), 0);
  await draft.click();
  await page.getByRole('button', { name: 'Open Incident response customer email' }).waitFor();
});
