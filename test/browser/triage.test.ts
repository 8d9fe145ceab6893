// In real Chromium: the ticket page shows the triage suggestion (label → disposition, confidence,
// reasons as chips); an analyst changes it, then accepts it, and each choice is recorded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { createUser, PASSWORD } from '../support/session.ts';
import { waitFor } from '../support/until.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
before(async () => {
  rig = await startRig({ SECDESK_INBOX_ADDRESS: 'security@secdesk.example' });
  await createUser(rig.t.app, 'analyst@example.com', ['security_analyst']);
});
after(async () => rig.close());

const notice = Buffer.from(
  'From: "Rights Desk" <notices@rights-agency.example>\r\nTo: security@secdesk.example\r\nSubject: DMCA takedown notice\r\nMessage-ID: <dmca-ui-1@rights-agency.example>\r\n\r\n' +
    'We represent the copyright owner. The repository linked below infringes our copyrighted work. Under the DMCA, 17 U.S.C. 512(c), please remove or disable access to it. I have a good faith belief that this use is not authorized.\r\n',
);

test("the suggestion with its confidence and reasons; Change… and Accept record the analyst's choice", async () => {
  const { ticketId, ticketNumber } = await rig.t.app.services.mailIntake.receive(notice, 'import');
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && !(await rig.t.app.services.triage.view({ actor: SYSTEM_ACTOR }, ticketId))) await new Promise((r) => setTimeout(r, 100));
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${ticketId}`);
  await page.getByRole('heading', { name: new RegExp(`#${ticketNumber} DMCA takedown notice`) }).waitFor();
  const card = page.getByRole('region', { name: 'Triage suggestion' });
  await card.getByText(/copyright dmca/).waitFor();
  await card.getByText('redirect: copyright').waitFor();
  assert.match(await card.getByTitle("the classifier's confidence").innerText(), /^\d{1,3} %$/);
  const chips = card.getByRole('list', { name: 'Reasons' }).getByRole('listitem');
  assert.ok((await chips.count()) >= 2);
  await card
    .getByText(/“dmca”/)
    .first()
    .waitFor();

  await card.getByRole('button', { name: 'Change…' }).click();
  await card.getByLabel('Label').selectOption('security_question');
  await card.getByLabel('Disposition').selectOption('engage');
  await card.getByRole('button', { name: 'Record choice' }).click();
  await card
    .getByRole('status')
    .getByText(/Changed to security question → engage by analyst/)
    .waitFor();

  await card.getByRole('button', { name: 'Accept' }).click();
  await card
    .getByRole('status')
    .getByText(/Accepted by analyst/)
    .waitFor();
  const ticket = await rig.t.app.services.tickets.get({ actor: SYSTEM_ACTOR }, ticketId);
  assert.equal(ticket.disposition, null, 'deciding on a suggestion does not act on the ticket');
});

const begBounty = Buffer.from(
  'From: hunter@mail.example\r\nTo: security@secdesk.example\r\nSubject: Critical vulnerability: Missing DMARC record\r\nMessage-ID: <beg-ui-1@mail.example>\r\n\r\n' +
    'Hi team, I found a vulnerability on your domain. Your domain has no DMARC record, so an attacker can send emails on behalf of your domain. Please let me know about the bounty.\r\n',
);

test('a likely out-of-scope report: the flag names the family and the words; Accept starts the reply from the out-of-scope template', async () => {
  const { ticketId } = await rig.t.app.services.mailIntake.receive(begBounty, 'import');
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && !(await rig.t.app.services.triage.view({ actor: SYSTEM_ACTOR }, ticketId))) await new Promise((r) => setTimeout(r, 100));
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${ticketId}`);
  const card = page.getByRole('region', { name: 'Triage suggestion' });
  const flag = card.getByRole('note', { name: 'Likely out of scope' });
  await flag.getByText(/email authentication records \(SPF, DMARC, DKIM\): .*“no dmarc record”/).waitFor();
  await card.getByRole('button', { name: 'Accept' }).click();
  const box = page.getByRole('form', { name: 'Reply' });
  const start = box.getByLabel('Start from');
  await waitFor(async () => (await start.inputValue()) === 'template:reply.out-of-scope' || undefined, 'the out-of-scope template preselected');
  const message = box.getByRole('region', { name: 'Preview' }).getByLabel('Message to the requester');
  await message.waitFor();
  await waitFor(async () => /treats as out of scope/.test(await message.inputValue()) || undefined, 'the out-of-scope reply rendered for this ticket');
  const ticket = await rig.t.app.services.tickets.get({ actor: SYSTEM_ACTOR }, ticketId);
  assert.equal(ticket.status, 'new', 'nothing is sent or closed until the analyst sends');
});

const report = (id: string, subject: string, body: string) =>
  Buffer.from(
    `From: ${id}@researcher.example\r\nTo: security@secdesk.example\r\nSubject: ${subject}\r\nMessage-ID: <${id}@researcher.example>\r\n\r\n${body}\r\n`,
  );

test('a possible duplicate: the ticket names the earlier report and the matching passages; Link starts the duplicate reply', async () => {
  const a = await rig.t.app.services.mailIntake.receive(
    report(
      'dup-ui-a',
      'Stored XSS in project comments',
      'I found a stored XSS vulnerability. A comment with an onerror payload posted on https://app.example.com/projects/12/comments runs in the session of every member who opens the project. Steps to reproduce attached.',
    ),
    'import',
  );
  const b = await rig.t.app.services.mailIntake.receive(
    report(
      'dup-ui-b',
      'XSS via the comment field of projects',
      'Comments are not escaped, a stored XSS: my onerror image tag posted at https://app.example.com/projects/88/comments ran in the session of my second account when it opened the project. Proof of concept below.',
    ),
    'import',
  );
  const first = await rig.t.app.services.tickets.get({ actor: SYSTEM_ACTOR }, a.ticketId);
  await waitFor(
    async () => ((await rig.t.app.services.duplicates.view({ actor: SYSTEM_ACTOR }, b.ticketId)).length ? true : undefined),
    'the possible duplicates',
    180_000,
  );
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.goto(`/inbox/${b.ticketId}`);
  const card = page.getByRole('region', { name: 'Possible duplicates' });
  await card.getByText(`Possible duplicate of #${first.number}`).waitFor();
  await card.getByText(/same target app\.example\.com\/projects\/\{id\}\/comments/).waitFor();
  await card.getByText(new RegExp(`#${first.number}: “.*onerror`)).waitFor();
  await card.getByRole('button', { name: `Link as duplicate of #${first.number}` }).click();
  await card
    .getByRole('status')
    .getByText(/Linked as a duplicate by analyst/)
    .waitFor();
  const start = page.getByRole('form', { name: 'Reply' }).getByLabel('Start from');
  await waitFor(async () => (await start.inputValue()) === 'template:reply.duplicate' || undefined, 'the duplicate reply preselected');
  const ticket = await rig.t.app.services.tickets.get({ actor: SYSTEM_ACTOR }, b.ticketId);
  assert.equal(ticket.status, 'new', 'linking sends nothing and changes no status');
});
