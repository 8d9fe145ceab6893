// A compliance report request in real Chromium: an admin imports the customer directory and
// uploads the SOC 2 report on Admin → Customers; a customer's mail arrives over SMTP; the analyst
// handles it as a compliance request (the preview names the delivery day) and the receipt reaches
// the SMTP sink; the delivery job runs through the real queue; the requester opens the personal link,
// is refused with another address, downloads the report with theirs (the same bytes), and the
// ticket shows solved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Transporter } from 'nodemailer';
import { COMPLIANCE_DELIVERY_QUEUE, type DeliveryRunJob } from '../../src/domains/compliance/compliance.service.ts';
import { formatDeliveryDate } from '../../src/domains/compliance/delivery-schedule.ts';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startBrowserMailRig, type BrowserMailRig } from '../support/browser-mail-rig.ts';
import { PASSWORD } from '../support/session.ts';
import { signInThroughUi, type BrowserRig } from './support.ts';

const INBOX = 'security@secdesk.example';
const REPORT = randomBytes(50_000);
let rig: BrowserRig;
let sink: SmtpSink;
let desk: BrowserMailRig;
let requester: Transporter;

before(async () => {
  desk = await startBrowserMailRig({ SECDESK_INBOX_ADDRESS: INBOX, SECDESK_PUBLIC_URL: 'https://secdesk.example' });
  ({ rig, sink, requester } = desk);
});
after(async () => {
  await desk.close();
});

const sinkMail = (to: string, bodyPart: string) =>
  waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes(to) && (m.text ?? '').includes(bodyPart)), `mail to ${to} with ${bodyPart}`);

async function runDelivery() {
  const boss = rig.t.app.jobs.boss;
  const [job] = await boss.findJobs<DeliveryRunJob>(COMPLIANCE_DELIVERY_QUEUE, { queued: true });
  assert.ok(job, 'a delivery run is scheduled');
  await boss.update(COMPLIANCE_DELIVERY_QUEUE, undefined, { id: job.id, startAfter: new Date() });
  await waitFor(
    async () => ((await boss.findJobs(COMPLIANCE_DELIVERY_QUEUE, { id: job.id }))[0]?.state === 'completed' ? true : undefined),
    'the delivery run completes',
  );
}

test('directory and report on Admin → Customers; a SOC 2 request handled, delivered and downloaded in the browser', async () => {
  const admin = await rig.page();
  await signInThroughUi(admin, 'lead@example.com', PASSWORD);
  await admin.goto('/admin/customers');
  const importer = admin.getByRole('form', { name: 'Import customers' });
  await importer.getByLabel('CSV file').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,account_id,email_domains,soc2,pentest,nda_on_file\nAcme Corp,ACME-1,acme.example,yes,no,no\nBroken,B-1,,yes,no,no\n'),
  });
  await importer.getByRole('button', { name: 'Import' }).click();
  await importer.getByRole('alert').getByText('line 3: email_domains needs at least one domain', { exact: false }).waitFor();
  await importer.getByLabel('CSV file').setInputFiles({
    name: 'customers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,account_id,email_domains,soc2,pentest,nda_on_file\nAcme Corp,ACME-1,acme.example,yes,no,no\n'),
  });
  await importer.getByRole('button', { name: 'Import' }).click();
  await importer.getByRole('status').getByText('Imported: 1 new, 0 updated.').waitFor();
  await admin.getByRole('table', { name: 'Customers' }).getByText('Acme Corp').waitFor();
  await admin.getByLabel('Upload soc2').setInputFiles({ name: 'SOC2-2026.pdf', mimeType: 'application/pdf', buffer: REPORT });
  await admin.getByText('SOC2-2026.pdf (version 1', { exact: false }).waitFor();
  await admin.context().close();

  const info = await requester.sendMail({ from: 'Carla <carla@acme.example>', to: INBOX, subject: 'SOC 2 report', text: 'Please send us your SOC 2 report.' });
  const ticketId = (await rig.t.app.store.read.tickets.byNumber(Number(/ticket (\d+)/.exec(String(info.response))![1])))!.id;
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${ticketId}`);
  const form = page.getByRole('form', { name: 'Reply' });
  await form.getByLabel('Start from').selectOption({ label: 'Compliance report request (SOC 2, pen test)' });
  const deliveryDate = formatDeliveryDate(rig.t.app.services.compliance.nextDelivery().date);
  const message = form.getByRole('region', { name: 'Preview' }).getByLabel('Message to the requester');
  await message.waitFor();
  assert.match(await message.inputValue(), new RegExp(`will go out on ${deliveryDate}`));
  await form.getByRole('button', { name: 'Send (ticket pending)' }).click();
  const facts = (term: string) => page.getByRole('term').filter({ hasText: term }).locator('xpath=..');
  await facts('Status').getByText('pending').waitFor();
  await sinkMail('carla@acme.example', deliveryDate);

  await runDelivery();
  const delivery = await sinkMail('carla@acme.example', '/compliance/download/');
  const token = /\/compliance\/download\/([\w-]{43})/.exec(delivery.text!)![1];
  const requesterPage = await rig.page();
  await requesterPage.goto(`/compliance/download/${token}`);
  await requesterPage.getByLabel('Your email address').fill('someone@else.example');
  await requesterPage.getByRole('button', { name: 'Download' }).click();
  await requesterPage.getByRole('alert').getByText('works only for the address it was sent to', { exact: false }).waitFor();
  await requesterPage.goto(`/compliance/download/${token}`);
  await requesterPage.getByLabel('Your email address').fill('carla@acme.example');
  const [download] = await Promise.all([requesterPage.waitForEvent('download'), requesterPage.getByRole('button', { name: 'Download' }).click()]);
  assert.equal(download.suggestedFilename(), 'SOC2-2026.pdf');
  assert.ok((await readFile((await download.path())!)).equals(REPORT), 'the uploaded bytes');

  await page.reload();
  await facts('Status').getByText('solved').waitFor();
  await facts('Disposition').getByText('compliance request', { exact: false }).waitFor();
  await page.context().close();
  await requesterPage.context().close();
});
