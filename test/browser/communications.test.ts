// External communications in real Chromium: the communications manager (A) walks an incident's plan
// to the content (scope & frequency, channel, extended teams with owners, a distribution list
// imported from CSV with a broken row reported) and drafts the customer email from its template; A
// cannot approve their own version (the button is disabled with the reason); a second reviewer (B)
// signs in in another browser context, reads the diff and approves; A sends a test to the reviewers,
// then the real send, pauses and resumes it on the live progress panel and watches it reach all
// sent; the SMTP sink holds exactly one message per recipient; the sent snapshot shows approved =
// sent. Then a holding statement is prepared, approved by another and published onto an incident in
// one step, and a public channel waits for the customer email until an incident manager records why
// it may go first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { startBrowserMailRig, type BrowserMailRig } from '../support/browser-mail-rig.ts';
import { createUser, PASSWORD, signIn } from '../support/session.ts';
import { waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { signInThroughUi, type BrowserRig } from './support.ts';

const SECURITY = 'security@secdesk.example';
const RECIPIENTS = ['ana@acme.example', 'bo@acme.example', 'cy@globex.example', 'di@globex.example', 'ed@initech.example'];
const CSV = ['email,first name,company,region,audience', ...RECIPIENTS.map((e, i) => `${e},Name${i},Co${i},Region${i},customers`)];
CSV.splice(3, 0, 'not-an-address,Broken,Co,EU,customers');

let desk: BrowserMailRig;
let rig: BrowserRig;
let sink: SmtpSink;
let incidentId: string;

before(async () => {
  desk = await startBrowserMailRig({ SECDESK_INBOX_ADDRESS: SECURITY, SECDESK_PUBLIC_URL: 'https://secdesk.example' });
  ({ rig, sink } = desk);
  await createUser(rig.t.app, 'cm@example.com', ['communications_manager']);
  await createUser(rig.t.app, 'reviewer@example.com', ['security_engineer']);
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
});
after(async () => desk.close());

const section = (page: Page, name: string) => page.getByRole('form', { name, exact: true });

/** The plan's table, edited on Admin → Communications: the communications manager drafts and sends the customer email here. */
async function letTheCommunicationsManagerDraftAndSend() {
  const admin = await rig.page();
  await signInThroughUi(admin, 'lead@example.com', PASSWORD);
  await admin.goto('/admin/communications');
  const roles = section(admin, 'Roles for Incident response customer email');
  await roles.getByRole('group', { name: 'Drafts' }).getByLabel('Communications manager').check();
  await roles.getByRole('group', { name: 'Sends' }).getByLabel('Communications manager').check();
  await roles.getByRole('button', { name: 'Save roles' }).click();
  await roles.getByRole('status').getByText('Saved.').waitFor();
  await admin.context().close();
}

async function planTheCommunications(page: Page) {
  await page.goto('/communications');
  const row = page.getByRole('table', { name: 'Incidents under the communications plan' }).getByRole('row', { name: /Customer export bucket readable/ });
  await row.getByText('Decide scope & frequency').waitFor();
  await row.getByRole('link', { name: 'Customer export bucket readable' }).click();
  await page.getByRole('heading', { name: /Communications: incident \d+ — Customer export bucket readable/ }).waitFor();
  const flow = page.getByRole('list', { name: 'Communications flow' });
  await flow.getByRole('listitem').filter({ hasText: 'Decide scope & frequency' }).filter({ hasText: 'current step' }).waitFor();

  await section(page, 'Scope and frequency').getByLabel('Communications scope').fill('All customers whose exports were in the bucket');
  await section(page, 'Scope and frequency').getByLabel('Public title').fill('Customer exports were readable');
  await section(page, 'Scope and frequency').getByLabel('Frequency').selectOption({ label: 'every 4 hours' });
  // Until the medium is decided, the scope's save also records the channels ticked under Medium.
  await section(page, 'Scope and frequency').getByRole('button', { name: 'Save scope, frequency & channels' }).click();
  await section(page, 'Scope and frequency')
    .getByText(/Decided by cm@example\.com: every 4 hours/)
    .waitFor();
  await section(page, 'Medium')
    .getByText(/Decided by cm@example\.com/)
    .waitFor();
  await section(page, 'Scope and frequency').getByRole('button', { name: 'Save scope & frequency' }).waitFor();
  await page
    .getByRole('list', { name: 'Blockers' })
    .getByText(/Marketing Programs is not engaged/)
    .waitFor();

  for (const team of ['Marketing Programs', 'Marketing Ops']) {
    const engage = section(page, 'Engage a team');
    await engage.getByLabel('Team').selectOption({ label: team });
    await engage.getByLabel('Task').fill(`${team}: customer email for the bucket incident`);
    await engage.getByLabel('Owner').selectOption({ label: 'cm' });
    await engage.getByRole('button', { name: 'Engage team' }).click();
    await page
      .getByRole('table', { name: 'Extended team tasks' })
      .getByRole('row', { name: new RegExp(`${team}.*cm`) })
      .waitFor();
  }

  const importer = section(page, 'Import a list');
  // The form says what the file must hold; its sample imports, leaving out the row that opted out.
  await importer.getByText(/a header row with an email column \(required\)/).waitFor();
  const sample = await page.request.get((await importer.getByRole('link', { name: 'Download a sample file' }).getAttribute('href'))!);
  assert.equal(sample.status(), 200);
  await importer.getByLabel('New list name').fill('Sample');
  await importer.getByLabel('CSV file').setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: await sample.body() });
  await importer.getByRole('button', { name: 'Import list' }).click();
  await importer
    .getByRole('status')
    .getByText(/Imported “Sample”: 3 members, 0 duplicates merged, 1 rows dropped/)
    .waitFor();
  await importer
    .getByRole('list', { name: 'Dropped rows' })
    .getByText(/line 5: opted out/)
    .waitFor();
  await importer.getByLabel('New list name').fill('Bucket customers');
  await importer.getByLabel('CSV file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(`${CSV.join('\n')}\n`) });
  await importer.getByRole('button', { name: 'Import list' }).click();
  await importer
    .getByRole('status')
    .getByText(/5 members, 0 duplicates merged, 1 rows dropped/)
    .waitFor();
  await importer
    .getByRole('list', { name: 'Dropped rows' })
    .getByText(/line 4/)
    .waitFor();
  const attach = section(page, 'Attach a list');
  await attach.getByLabel('Audience').selectOption('customers');
  await attach.getByLabel('List').selectOption({ label: 'Bucket customers (5 members)' });
  await attach.getByRole('button', { name: 'Attach list' }).click();
  await page
    .getByRole('table', { name: 'Distribution lists by audience' })
    .getByRole('row', { name: /customers.*Bucket customers/ })
    .waitFor();
}

async function draftTheCustomerEmail(page: Page): Promise<string> {
  const start = page.getByRole('button', { name: 'Start round 1' });
  if (await start.count()) await start.click();
  await page
    .getByRole('list', { name: 'Communication rounds' })
    .getByText(/Round 1/)
    .waitFor();
  await page.getByRole('button', { name: 'Draft Incident response customer email from template' }).click();
  const draft = section(page, 'Draft');
  await draft.waitFor();
  const communicationId = new URL(page.url()).searchParams.get('c')!;
  assert.ok(communicationId, 'the draft is opened');
  // The attached list's own column is offered beside the fixed per-recipient placeholders.
  await draft
    .getByRole('note', { name: 'Placeholders for each recipient' })
    .getByText(/from the list “Bucket customers”: .*\{\{first_name\}\}.*\{\{region\}\}/)
    .waitFor();
  await draft.getByRole('button', { name: "Preview with the incident's facts" }).click();
  await draft.getByRole('region', { name: 'Preview', exact: true }).waitFor();
  const body = draft.getByLabel('Body');
  await body.fill(`${await body.inputValue()}\n\nQuestions: reply to this message.`);
  await draft.getByRole('button', { name: 'Save new version' }).click();
  await page.getByText('Version 2 of 2.').waitFor();
  await page.getByText('Linter: version 2 is clean.').waitFor();
  await page.getByRole('region', { name: 'Review', exact: true }).getByRole('button', { name: 'Request review' }).click();
  await page
    .getByRole('region', { name: 'Review', exact: true })
    .getByRole('status')
    .getByText(/Review of version 2 requested of .*reviewer.* by cm@example\.com/)
    .waitFor();
  return communicationId;
}

test('draft, review by a second user, send to a distribution list, watch the progress', async () => {
  await letTheCommunicationsManagerDraftAndSend();
  const a = await rig.page();
  await signInThroughUi(a, 'cm@example.com', PASSWORD);
  await flow(a);
});

async function flow(a: Page) {
  await planTheCommunications(a);
  const communicationId = await draftTheCustomerEmail(a);

  // Separation of duties: the author's approve button is disabled, with the reason beside it.
  const reviewA = a.getByRole('region', { name: 'Review', exact: true });
  assert.equal(await reviewA.getByRole('button', { name: 'Approve version 2' }).isDisabled(), true);
  await reviewA
    .getByRole('note')
    .getByText(/You wrote version 2: another reviewer must approve it/)
    .waitFor();
  await a
    .getByRole('region', { name: 'Send', exact: true })
    .getByText(/Cannot send yet: Sending needs a current approval/)
    .waitFor();

  const b = await rig.page();
  await signInThroughUi(b, 'reviewer@example.com', PASSWORD);
  await b.goto(`/communications/${incidentId}?c=${communicationId}`);
  await b
    .getByRole('region', { name: 'Changes from version 1 to 2', exact: true })
    .getByLabel('Body changes')
    .getByText('Questions: reply to this message.')
    .waitFor();
  const reviewB = b.getByRole('region', { name: 'Review', exact: true });
  await b.getByText('Linter: version 2 is clean.').waitFor();
  await reviewB.getByRole('button', { name: 'Approve version 2' }).click();
  await reviewB.getByText(/Version 2 approved by reviewer@example\.com/).waitFor();
  await b.context().close();

  await a.reload();
  const send = a.getByRole('region', { name: 'Send', exact: true });
  await send.getByRole('note').getByText('Distribution list: Bucket customers (attached for customers)').waitFor();
  await send.getByRole('button', { name: 'Send test to reviewers' }).click();
  const testPanel = send.getByRole('region', { name: 'Test send to reviewers', exact: true });
  await testPanel.getByText('Finished — all sent').waitFor({ timeout: 30_000 });
  const tests = sink.received.length;
  assert.ok(tests >= 1, 'the test reached the reviewers');

  await send.getByLabel('Recipients').getByText('To Bucket customers (customers): 5 recipients after suppressions.').waitFor();
  // The relay holds its answers, so the send is seen running, paused and resumed before it ends.
  let release = () => {};
  sink.behaviour.hold = new Promise<void>((resolve) => (release = resolve));
  await send.getByRole('button', { name: 'Send to the list' }).click();
  // Asked once, with what will happen: the version, the list and how many are on it.
  const confirm = send.getByRole('group', { name: 'Confirm: Send to the list' });
  await confirm.getByText(/Send version 2, .* to 5 customers on the list Bucket customers \(suppressed addresses are skipped\): one message each\./).waitFor();
  assert.equal(sink.received.length, tests, 'nothing is sent before the confirmation');
  await confirm.getByRole('button', { name: 'Send now' }).click();
  const progress = a.getByRole('region', { name: 'Send progress', exact: true });
  await progress.getByText('Sending', { exact: true }).waitFor();
  await progress.getByRole('button', { name: 'Pause' }).click();
  await progress.getByText('Paused: paused by cm@example.com').waitFor();
  await progress.getByRole('button', { name: 'Resume' }).click();
  await progress.getByText('Sending', { exact: true }).waitFor();
  sink.behaviour.hold = null;
  release();
  await progress.getByText('Finished — all sent').waitFor({ timeout: 60_000 });
  assert.equal(
    await progress
      .getByRole('term')
      .filter({ hasText: /^Sent$/ })
      .locator('xpath=following-sibling::dd')
      .innerText(),
    '5',
  );
  assert.equal(
    await progress
      .getByRole('term')
      .filter({ hasText: /^Failed$/ })
      .locator('xpath=following-sibling::dd')
      .innerText(),
    '0',
  );

  // Exactly one message per recipient, from the security address, in plain text.
  const addressed = (to: string) => sink.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === to)));
  await waitFor(() => (RECIPIENTS.every((r) => addressed(r).length > 0) ? true : undefined), 'every recipient in the sink');
  for (const recipient of RECIPIENTS) {
    const mail = addressed(recipient);
    assert.equal(mail.length, 1, `one message to ${recipient}`);
    assert.equal(mail[0]!.from?.value[0]?.address, SECURITY);
    assert.equal(mail[0]!.html, false, 'plain text only');
    assert.match(mail[0]!.subject ?? '', /Customer exports were readable/, 'the public title decided with the scope');
    assert.doesNotMatch(`${mail[0]!.subject}\n${mail[0]!.text}`, /Customer export bucket readable/, 'never the internal title');
  }
  await a
    .getByRole('region', { name: 'Sent', exact: true })
    .getByText(/Approved = sent/)
    .waitFor();
  assert.equal(sink.received.length, tests + RECIPIENTS.length, 'nothing else and nothing twice');
  if (process.env.SECDESK_SCREENSHOTS) await a.screenshot({ path: 'docs/screenshots/communications.png', fullPage: true });
  await a.context().close();
}

test('a holding statement: prepared, approved by another, published onto an incident in one step; a public channel waits for customers first until an incident manager records why', async () => {
  await createUser(rig.t.app, 'simoc@example.com', ['incident_manager']);
  const incident = await rig.t.app.services.incidents.declare(
    { actor: SYSTEM_ACTOR },
    {
      title: 'Session tokens logged',
      description: 'Session tokens appeared in request logs.',
      type: 'data_breach',
      impact: 4,
      likelihood: 4,
      facts: { impactDetermined: true },
    },
  );
  const admin = await signIn(rig.t.http, 'lead@example.com');
  const plan = `/api/incidents/${incident.id}/communications/plan`;
  for (const [method, url, body] of [
    ['PUT', `${plan}/scope`, { scope: 'Customers whose sessions were logged', frequencyMinutes: 240, publicTitle: 'Session tokens in logs' }],
    ['PUT', `${plan}/medium`, { channels: ['customer_email', 'customer_faq', 'press_statement'] }],
  ] as const) {
    const res = await admin.request(method, url, body);
    assert.ok(res.statusCode < 300, `${url}: ${res.body}`);
  }

  const a = await rig.page();
  await signInThroughUi(a, 'cm@example.com', PASSWORD);
  await a.goto('/communications');
  const prepare = section(a, 'Prepare a holding statement');
  await prepare.getByLabel('Title').fill('Investigating, no action needed yet');
  await prepare.getByLabel('Channel').selectOption({ label: 'Customer FAQ (prepared responses for Support)' });
  await prepare.getByLabel('Subject').fill('Are my sessions safe?');
  await prepare.getByLabel('Body').fill('Q: Do I need to do anything?\nA: Not yet. We are investigating and will write again.');
  await prepare.getByRole('button', { name: 'Save holding statement' }).click();
  const statements = a.getByRole('table', { name: 'Holding statements' });
  await statements.getByRole('row', { name: /Investigating, no action needed yet.*needs approval/ }).waitFor();
  const reviewA = a.getByRole('region', { name: 'Review', exact: true });
  assert.equal(await reviewA.getByRole('button', { name: 'Approve version 1' }).isDisabled(), true);
  await reviewA
    .getByRole('note')
    .getByText(/You wrote version 1/)
    .waitFor();

  const m = await rig.page();
  await signInThroughUi(m, 'simoc@example.com', PASSWORD);
  await m.goto('/communications');
  await m.getByRole('table', { name: 'Holding statements' }).getByRole('button', { name: 'Investigating, no action needed yet' }).click();
  await m.getByText('Linter: version 1 is clean.').waitFor();
  await m.getByRole('region', { name: 'Review', exact: true }).getByRole('button', { name: 'Approve version 1' }).click();
  await m
    .getByRole('region', { name: 'Review', exact: true })
    .getByText(/Version 1 approved by simoc@example\.com/)
    .waitFor();

  // Published onto the incident in one step: its FAQ goes to Support at once, approved = sent.
  await a.goto(`/incidents/${incident.id}`);
  await a.getByRole('link', { name: 'External communications' }).click();
  const publish = section(a, 'Publish a holding statement');
  await publish
    .getByLabel('Approved holding statement')
    .selectOption({ label: 'Investigating, no action needed yet (Customer FAQ (prepared responses for Support))' });
  await publish.getByRole('button', { name: 'Publish onto this incident' }).click();
  await a
    .getByRole('region', { name: 'Sent', exact: true })
    .getByText(/Approved = sent/)
    .waitFor();
  await a
    .getByRole('table', { name: 'Communications of round 1' })
    .getByRole('row', { name: /Customer FAQ.*sent/ })
    .waitFor();

  // The press statement is public: it waits for the customer email; the author cannot override.
  const board = a.getByRole('table', { name: 'Communications of round 1' });
  await board.getByRole('row', { name: /Press statement.*waits for the customer email/ }).waitFor();
  await board.getByRole('button', { name: 'Draft Press statement from template' }).click();
  // A tracking link is flagged where it stands, and blocks approval.
  const draft = section(a, 'Draft');
  await draft.getByLabel('Body').fill(`${await draft.getByLabel('Body').inputValue()}\nMore: https://example.com/statement?utm_source=press`);
  await draft.getByRole('button', { name: 'Save new version' }).click();
  const findings = a.getByRole('region', { name: 'Linter findings', exact: true });
  await findings.getByText(/1 finding in version 2/).waitFor();
  await findings
    .getByLabel('Body with findings marked')
    .locator('mark')
    .getByText(/utm_source/)
    .waitFor();
  const send = a.getByRole('region', { name: 'Send', exact: true });
  await send.getByText(/Only an incident manager or an administrator can let it go first/).waitFor();
  assert.equal(await send.getByRole('button', { name: 'Send' }).isDisabled(), true);
  const pressUrl = a.url();

  await m.goto(pressUrl);
  const override = m.getByRole('form', { name: 'Send Press statement before the customer email' });
  await override.getByLabel('Reason to send before the customer email').fill('A journalist published the story; we answer before the customer email is ready.');
  await override.getByRole('button', { name: 'Record override' }).click();
  await m
    .getByRole('list', { name: 'Customers-first overrides' })
    .getByText(/Press statement allowed before the customer email by simoc@example\.com/)
    .waitFor();
  await m
    .getByRole('table', { name: 'Communications of round 1' })
    .getByRole('row', { name: /Press statement.*may go out/ })
    .waitFor();
  // The final round names its channels: all clear waits for each of them.
  const finalRound = m.getByRole('group', { name: /The final round's channels/ });
  assert.equal(await finalRound.getByRole('checkbox', { name: 'Incident response customer email' }).isChecked(), true);
  await finalRound.getByRole('checkbox', { name: 'Press statement' }).check();
  await finalRound.getByRole('button', { name: 'Start the final round (all clear)' }).click();
  await finalRound.getByRole('group', { name: 'Confirm: Start the final round (all clear)' }).getByRole('button', { name: 'Start the final round' }).click();
  await m
    .getByRole('list', { name: 'Communication rounds' })
    .getByText(/Round 2 \(final: all clear\): Incident response customer email, Press statement/)
    .waitFor();
  await m.context().close();

  await a.goto('/communications');
  await a
    .getByRole('region', { name: 'Prepared responses for Support' })
    .getByText(/Are my sessions safe\? — incident \d+: Session tokens logged/)
    .waitFor();
  await a.context().close();
});
