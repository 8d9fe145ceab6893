// In real Chromium: sign in with password and TOTP, reach every section, administer users,
// declare an incident.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../src/app/seed/demo.ts';
import { createUser, PASSWORD, signIn, totpCode } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
let totpSecret = '';
before(async () => {
  // Its own data directory: "Verify chain" compares with, and writes, this database's audit checkpoints only.
  rig = await startRig({ SECDESK_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'secdesk-workspace-')) });
  await seedDemo(rig.t.app, { onlyIfEmpty: false });
  await createUser(rig.t.app, 'lead@example.com', ['admin', 'incident_manager']);
  await createUser(rig.t.app, 'viewer@example.com', ['read_only']);
  const client = await signIn(rig.t.http, 'lead@example.com');
  totpSecret = (await client.request('POST', '/api/me/totp/setup')).json().secret;
  assert.equal((await client.request('POST', '/api/me/totp/enable', { code: totpCode(totpSecret) })).statusCode, 204);
});
after(async () => rig.close());

// Codes are single-use: each sign-in waits for a time step whose code was not used yet.
let lastUsed = '';
async function freshCode(): Promise<string> {
  lastUsed ||= totpCode(totpSecret); // the enrolment used the current one
  while (totpCode(totpSecret) === lastUsed) await new Promise((resolve) => setTimeout(resolve, 500));
  lastUsed = totpCode(totpSecret);
  return lastUsed;
}

async function signInLead() {
  const page = await rig.page();
  const code = await freshCode();
  await signInThroughUi(page, 'lead@example.com', PASSWORD, () => code);
  return page;
}

test('sign in with password and TOTP, then reach every section', async () => {
  const page = await signInLead();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.getByRole('link', { name: /Stored XSS in markdown preview/ }).waitFor();
  if (process.env.SECDESK_SCREENSHOTS) {
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/inbox.png' });
  }

  await page.getByRole('link', { name: /Locked out after losing my phone/ }).click();
  await page.getByText('my phone was stolen on Saturday').waitFor();
  await page.getByRole('list', { name: 'Conversation' }).waitFor();
  // This rig has no outgoing relay: the reply box says so instead of pretending to send.
  const reply = page.getByRole('form', { name: 'Reply' });
  await reply.getByRole('heading', { name: 'Reply to d.okafor@gmail.example' }).waitFor();
  await reply.getByLabel('Message to the requester (plain text)').fill('We can help you regain access.');
  await reply.getByRole('button', { name: 'Send and solve' }).click();
  await page.getByRole('alert').getByText('outgoing mail is not configured').waitFor();

  const sections: [string, RegExp | string, string][] = [
    ['Incidents', 'Incidents', 'CI job logs exposed masked variables in public projects'],
    ['Communications', 'Communications', 'CI job logs exposed masked variables in public projects'],
    ['Status page', 'Status page', 'CI job logs may show masked variables'],
    ['Admin', 'Users', 'viewer@example.com'],
  ];
  for (const [nav, heading, content] of sections) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: nav }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    await page.getByText(content).first().waitFor();
  }
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await page.getByText(/^Intact: \d+ entries/).waitFor();
  await page.getByRole('link', { name: 'Jobs' }).click();
  await page.getByRole('heading', { name: 'Dead letters' }).waitFor();
  await page
    .getByRole('link', { name: 'Administrator' })
    .or(page.getByRole('link', { name: 'lead' }))
    .first()
    .click();
  await page.getByRole('heading', { name: 'Account' }).waitFor();
  await page.getByText('Personal API tokens').waitFor();

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Incidents' }).click();
  await page.getByRole('link', { name: /CI job logs exposed/ }).click();
  await page.getByRole('heading', { name: /Incident \d+: CI job logs/ }).waitFor();
  if (process.env.SECDESK_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/incident.png', fullPage: true });
  await page.context().close();
});

test('an admin creates a user with two roles; a read-only user sees no Admin', async () => {
  const page = await signInLead();
  await page.goto('/admin/users');
  const form = page.getByRole('form', { name: 'Create user' });
  await form.getByLabel('Email').fill('new.analyst@example.com');
  await form.getByLabel('Name').fill('New Analyst');
  await form.getByLabel('Security analyst (inbox)').check();
  await form.getByLabel('Support', { exact: true }).check();
  await form.getByRole('button', { name: 'Create user' }).click();
  await page.getByText(/Initial password \(shown once\)/).waitFor();
  const row = page.getByRole('row', { name: /new\.analyst@example\.com/ });
  await row.getByText('Security analyst (inbox)').waitFor();
  await row.getByText('Support').waitFor();
  await page.context().close();

  const viewer = await rig.page();
  await signInThroughUi(viewer, 'viewer@example.com', PASSWORD);
  const nav = viewer.getByRole('navigation', { name: 'Sections' });
  assert.equal(await nav.getByRole('link', { name: 'Admin' }).count(), 0);
  await viewer.goto('/admin/users');
  await viewer.getByText("You don't have access to this section").waitFor();
  await viewer.context().close();
});

test('declare an incident and see its risk in the list', async () => {
  const page = await signInLead();
  await page.goto('/incidents');
  await page.getByRole('button', { name: 'Declare incident' }).click();
  const form = page.getByRole('form', { name: 'Declare incident' });
  await form.getByLabel('Title').fill('Phishing kit impersonating our sign-in page');
  await form.getByLabel('Type').selectOption('abuse');
  await form.getByLabel('Impact', { exact: true }).selectOption('4');
  await form.getByLabel('Likelihood').selectOption('5');
  await form.getByText('Critical (20)').waitFor();
  await form.getByText('The communications plan applies (High or above).').waitFor();
  await form.getByRole('button', { name: 'Declare' }).click();
  await page.getByRole('heading', { name: /Phishing kit impersonating/ }).waitFor();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Incidents' }).click();
  const row = page.getByRole('row', { name: /Phishing kit impersonating/ });
  await row.getByText('Critical (20)').waitFor();
  await page.context().close();
});
