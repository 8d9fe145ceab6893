// In real Chromium: setting "personal data exposed" on the incident page starts the regulatory
// clocks; the panel shows each deadline in the team's zone and UTC with a live countdown, an
// overdue one in words (not colour alone), and marking one met stops it.
import { after, before, test } from 'node:test';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'simoc@example.com', ['incident_manager']);
});
after(async () => rig.close());

test('facts start the regulatory clocks; the panel counts down, shows overdue in words and marks met', async () => {
  const api = await signIn(rig.t.http, 'simoc@example.com');
  const declared = await api.request('POST', '/api/incidents', {
    title: 'Support export leaked',
    description: '',
    type: 'data_breach',
    impact: 2,
    likelihood: 2,
  });
  if (declared.statusCode !== 201) throw new Error(declared.body);
  const id = declared.json().id as string;
  // The team became aware 80 hours ago: the 72-hour GDPR deadline has passed already.
  const aware = await api.request('PUT', `/api/incidents/${id}/aware-at`, { awareAt: new Date(Date.now() - 80 * 3_600_000).toISOString() });
  if (aware.statusCode !== 200) throw new Error(aware.body);

  const page = await rig.page();
  await signInThroughUi(page, 'simoc@example.com', PASSWORD);
  await page.goto(`/incidents/${id}`);
  const panel = page.getByRole('region', { name: 'Regulatory deadlines' });
  await panel.getByText(/No regulatory clock has started/).waitFor();

  const facts = page.getByRole('form', { name: 'Incident facts' });
  await facts.getByRole('checkbox', { name: 'personal data exposed' }).check();
  await facts.getByRole('button', { name: 'Save facts' }).click();

  const clocks = page.getByRole('table', { name: 'Regulatory clocks' });
  const gdpr = clocks.getByRole('row', { name: /GDPR Art\. 33: notify the supervisory authority/ });
  await gdpr.getByText(/^Overdue by 8h 0m/).waitFor();
  await gdpr.getByText(/UTC/).first().waitFor();
  const usState = clocks.getByRole('row', { name: /US state breach notice/ });
  const before = await usState.getByRole('timer').textContent();
  await page.waitForFunction((text) => document.querySelector('[role="timer"]')?.textContent !== text, before);
  if (!/^26d \d+h \d+m \d+s left$/.test((await usState.getByRole('timer').textContent()) ?? ''))
    throw new Error('the US state clock does not count down from 26 days');
  await page
    .getByRole('list', { name: 'Timeline' })
    .getByText(/Regulatory clock started: GDPR Art\. 33/)
    .waitFor();

  if (process.env.SECDESK_SCREENSHOTS) await panel.screenshot({ path: 'docs/screenshots/regulatory-deadlines.png' });
  await gdpr.getByRole('button', { name: 'Mark met…' }).click();
  const form = page.getByRole('form', { name: /Mark met: GDPR Art\. 33/ });
  await form.getByLabel('Reference').fill('DPA-2026-114');
  await form.getByRole('button', { name: 'Save: met' }).click();
  await gdpr.getByText('Met (after the deadline)').waitFor();
  await gdpr.getByText('Ref. DPA-2026-114').waitFor();
  await page
    .getByRole('list', { name: 'Timeline' })
    .getByText(/Regulatory clock met: GDPR Art\. 33.*after the deadline; reference DPA-2026-114/)
    .waitFor();
  await page.context().close();
});
