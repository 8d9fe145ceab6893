// In real Chromium: the Metrics page from the navigation, its sections as tables with headers,
// a period picked, and a section downloaded as CSV; hidden from roles without metrics.read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createUser, PASSWORD } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

const SYSTEM = { actor: SYSTEM_ACTOR };
let rig: BrowserRig;
before(async () => {
  rig = await startRig();
  await createUser(rig.t.app, 'analyst@example.com', ['security_analyst']);
  await createUser(rig.t.app, 'support@example.com', ['support']);
  for (const subject of ['XSS in the login form', 'Is my account safe?']) {
    const createdAt = new Date(Date.now() - 3_600_000);
    await rig.t.app.services.tickets.open(SYSTEM, {
      subject,
      status: 'new',
      requesterEmail: 'reporter@example.org',
      requesterName: null,
      organisation: null,
      disposition: null,
      tags: [],
      slaDueAt: new Date(createdAt.getTime() + 86_400_000),
      createdAt,
      messages: [{ direction: 'inbound', from: 'reporter@example.org', subject, bodyText: 'Hello', createdAt }],
    });
  }
});
after(async () => rig.close());

test('the metrics page shows every section with its figures and tables, picks a period, downloads CSV', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Metrics' }).click();
  await page.getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
  for (const title of ['Tickets by disposition and week', 'Time to first handling', 'SLA attainment', 'Open tickets by status']) {
    await page.getByRole('region', { name: title }).waitFor();
  }
  const byWeek = page.getByRole('region', { name: 'Tickets by disposition and week' });
  assert.equal(await byWeek.getByRole('definition').first().innerText(), '2');
  assert.equal(await byWeek.getByRole('row').count(), 13, 'a header row and 12 weeks');
  await byWeek.getByRole('columnheader', { name: 'undecided' }).waitFor();
  const open = page.getByRole('region', { name: 'Open tickets by status' });
  await open.getByRole('rowheader', { name: 'new' }).waitFor();

  const status = page.getByRole('status').filter({ hasText: /both days included/ });
  const to = await page.getByLabel('To', { exact: true }).inputValue();
  await page.getByLabel('From', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Show' }).click();
  await status.getByText(`From ${to} to ${to}`).waitFor();
  assert.equal(await byWeek.getByRole('row').count(), 2, 'one week');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('region', { name: 'SLA attainment' }).getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `secdesk-sla_attainment-${to}-${to}.csv`);
  const csv = await readFile((await download.path())!, 'utf8');
  assert.match(csv, /^Week,Met,Missed,Not yet due,Paused,Attainment\r\n\d{4}-W\d{2},/);
});

test('roles without metrics.read have no Metrics entry and no page', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'support@example.com', PASSWORD);
  assert.equal(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Metrics' }).count(), 0);
  await page.goto('/metrics');
  await page.getByRole('heading', { name: 'No access' }).waitFor();
});
