// In real Chromium: an analyst uploads .eml files on the inbox page and follows the link to the new ticket.
import { after, before, test } from 'node:test';
import { createUser, PASSWORD } from '../support/session.ts';
import { signInThroughUi, startRig, type BrowserRig } from './support.ts';

let rig: BrowserRig;
before(async () => {
  rig = await startRig({ SECDESK_INBOX_ADDRESS: 'security@secdesk.example' });
  await createUser(rig.t.app, 'analyst@example.com', ['security_analyst']);
});
after(async () => rig.close());

const eml = (subject: string, id: string) =>
  Buffer.from(
    `From: "Rae T" <rae@example.com>\r\nTo: security@secdesk.example\r\nSubject: ${subject}\r\nMessage-ID: <${id}@example.com>\r\n\r\nForwarded from my own mailbox.\r\n`,
  );

test('upload two .eml files in the inbox, see each outcome, open the new ticket', async () => {
  const page = await rig.page();
  await signInThroughUi(page, 'analyst@example.com', PASSWORD);
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  await page.getByLabel('Add mail from .eml files').setInputFiles([
    { name: 'report.eml', mimeType: 'message/rfc822', buffer: eml('Token leak in referrer header', 'ui-1') },
    { name: 'again.eml', mimeType: 'message/rfc822', buffer: eml('Token leak in referrer header', 'ui-1') },
  ]);
  const outcomes = page.getByRole('list', { name: 'Uploaded messages' });
  await outcomes.getByText(/report\.eml: new ticket/).waitFor();
  await outcomes.getByText(/again\.eml: already in ticket/).waitFor();
  await page.getByRole('table').getByRole('link', { name: 'Token leak in referrer header' }).waitFor();
  await outcomes.getByRole('link').first().click();
  await page.getByRole('heading', { name: /Token leak in referrer header/ }).waitFor();
  await page.getByText('Forwarded from my own mailbox.').waitFor();
});
