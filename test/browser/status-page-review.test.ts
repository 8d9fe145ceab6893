// In real Chromium: an incident manager reviews a status page update they may not publish. The
// communication opens with its review actions and the send form, and the page asks the server for
// nothing the reviewer may not read (the status page's components are the publishers').
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
let address: string;

before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'cmoc@example.com', ['communications_manager']);
  await createUser(rig.t.app, 'im@example.com', ['incident_manager']);
  const incident = await rig.t.app.services.incidents.declare(
    { actor: SYSTEM_ACTOR },
    {
      title: 'Sign-in errors',
      description: 'A faulty release.',
      type: 'other',
      impact: 4,
      likelihood: 4,
      facts: { impactDetermined: true },
    },
  );
  const cm = await signIn(rig.t.http, 'cmoc@example.com');
  const plan = `/api/incidents/${incident.id}/communications/plan`;
  assert.equal(
    (await cm.request('PUT', `${plan}/scope`, { scope: 'Everyone signing in', frequencyMinutes: 240, publicTitle: 'Sign-in is failing' })).statusCode,
    200,
  );
  assert.equal((await cm.request('PUT', `${plan}/medium`, { channels: ['status_page'] })).statusCode, 200);
  const drafted = await cm.request('POST', `/api/incidents/${incident.id}/communications`, { channel: 'status_page' });
  assert.equal(drafted.statusCode, 201, drafted.body);
  address = `/communications/${incident.id}?c=${drafted.json().id}`;
});
after(async () => rig?.close());

test('a reviewer who may not publish the status page opens its update without a refused request', async () => {
  const page = await rig.page();
  const refused: string[] = [];
  page.on('response', (res) => void (res.status() >= 400 && refused.push(`${res.status()} ${res.url()}`)));
  await signInThroughUi(page, 'im@example.com', PASSWORD);
  await page.goto(address);
  await page.getByRole('region', { name: 'Review', exact: true }).getByRole('button', { name: 'Approve version 1' }).waitFor();
  const send = page.getByRole('form', { name: 'Send through the channel' });
  await send.getByLabel('Status').waitFor();
  assert.equal(await send.getByRole('button', { name: 'Send' }).isDisabled(), true, 'the reviewer cannot send it');
  await page.getByText('Linter: version 1', { exact: false }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(
    refused.filter((r) => !/\/api\/(session|me)\b/.test(r) || !r.startsWith('401')),
    [],
  );
  await page.context().close();
});
