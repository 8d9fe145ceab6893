// Done when: every column of an imported contact list is a placeholder of a send to it ({{region}}),
// each recipient's mail over real SMTP (a loopback sink) carries their own row's value, inserted as
// text once; a misspelt column and a recipient without a value are refused when the send is created,
// naming the placeholder and the recipient, and nothing of the send is kept. Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

const FROM = 'security@secdesk.example';
let t: TestApp;
let sink: SmtpSink;
let cm: Client;

before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({ env: { SMTP_URL: sink.url, SECDESK_FANOUT_RETRY_SECONDS: '0.2', SECDESK_PUBLIC_URL: 'https://secdesk.example' } });
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  cm = await signIn(t.http, 'cmoc@example.com');
});
after(async () => {
  await t?.close();
  await sink?.close();
});

async function importCsv(name: string, csv: string, expected = 201) {
  const res = await t.http.inject({
    method: 'POST',
    url: `/api/distribution-lists?name=${name}&audience=customers`,
    headers: { cookie: cm.cookie, 'x-csrf-token': cm.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
  assert.equal(res.statusCode, expected, res.body);
  return res.json();
}

const done = (sendId: string) =>
  waitFor(async () => {
    const p = (await cm.request('GET', `/api/sends/${sendId}/progress`)).json();
    return p.status === 'done' ? p : undefined;
  }, `send ${sendId} to finish`);
const sends = async () => (await t.app.database.db.selectFrom('sends').select('id').execute()).length;
const bodyTo = (address: string) => sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === address);

test(`a list column reaches each recipient's mail with their own value (${TEST_ENGINE})`, async () => {
  const { list } = await importCsv(
    'regional',
    [
      'Email,First Name,Region,Account ID',
      'ria@cust.example,Ria,EU-West,A-1',
      'rob@cust.example,Rob,US-East,A-2',
      // A value that looks like a placeholder is text: it is never expanded.
      'rae@cust.example,Rae,{{email}},A-3',
    ].join('\n'),
  );
  assert.deepEqual(list.columns, ['region', 'account_id']);
  const listed = (await cm.request('GET', `/api/distribution-lists/${list.id}`)).json();
  assert.deepEqual(listed.columns, ['region', 'account_id']);

  // A misspelt column is refused when the send is created, naming it and what the list offers.
  const before = await sends();
  const wrong = await cm.request('POST', '/api/sends', { listId: list.id, from: FROM, subject: 'Notice', body: 'Your data in {{regoin}}.\n' });
  assert.equal(wrong.statusCode, 400, wrong.body);
  assert.match(
    wrong.json().error.message,
    /^unknown placeholders: regoin \(this list has first_name, last_name, company, email, unsubscribe_url, region, account_id\)$/,
  );
  assert.equal(await sends(), before);

  const created = await cm.request('POST', '/api/sends', {
    listId: list.id,
    from: FROM,
    subject: 'Security notice for {{region}}',
    body: 'Dear {{first_name}},\nyour account {{account_id}} in {{region}} was not affected.\n',
  });
  assert.equal(created.statusCode, 201, created.body);
  const send = created.json() as { id: string };
  // The reviewers' test shows each column by its name.
  const tested = await cm.request('POST', `/api/sends/${send.id}/test`, { reviewers: ['reviewer@secdesk.example'] });
  assert.equal(tested.statusCode, 201, tested.body);
  await done(tested.json().id);
  const [test] = bodyTo('reviewer@secdesk.example');
  assert.equal(test!.subject, 'Security notice for [region]');
  assert.match(test!.text!, /your account \[account_id\] in \[region\] was not affected/);

  assert.equal((await cm.request('POST', `/api/sends/${send.id}/start`)).statusCode, 200);
  await done(send.id);
  const mine = (address: string) => {
    const mails = bodyTo(address);
    assert.equal(mails.length, 1, address);
    return [mails[0]!.subject, mails[0]!.text!.trim()];
  };
  assert.deepEqual(mine('ria@cust.example'), ['Security notice for EU-West', 'Dear Ria,\nyour account A-1 in EU-West was not affected.']);
  assert.deepEqual(mine('rob@cust.example'), ['Security notice for US-East', 'Dear Rob,\nyour account A-2 in US-East was not affected.']);
  assert.deepEqual(mine('rae@cust.example'), ['Security notice for {{email}}', 'Dear Rae,\nyour account A-3 in {{email}} was not affected.']);
});

test(`a recipient without a value for a column the text uses refuses the send at creation (${TEST_ENGINE})`, async () => {
  const { list } = await importCsv('gaps', ['Email,Region,Tier', 'a@cust.example,EU-West,', 'b@cust.example, ,gold', 'c@cust.example,,gold'].join('\n'));
  const before = await sends();
  const refused = await cm.request('POST', '/api/sends', { listId: list.id, from: FROM, subject: 'Notice', body: 'Your region: {{region}}.\n' });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.equal(
    refused.json().error.message,
    '{{region}} has no value for 2 recipients (b@cust.example and others) in the list "gaps": fill the region column and import the list again, or take the placeholder out',
  );
  assert.equal(await sends(), before, 'nothing of the refused send is kept');
  // A column the text does not use may be blank.
  assert.equal((await cm.request('POST', '/api/sends', { listId: list.id, from: FROM, subject: 'Notice', body: 'Hello {{email}}.\n' })).statusCode, 201);
});

test('a column that would shadow a placeholder secdesk fills refuses the import', async () => {
  const res = await importCsv('reserved', ['Email,Unsubscribe URL', 'a@cust.example,https://x.example'].join('\n'), 400);
  assert.match(res.error.message, /the column "Unsubscribe URL" is reserved: secdesk fills \{\{unsubscribe_url\}\} itself/);
});
