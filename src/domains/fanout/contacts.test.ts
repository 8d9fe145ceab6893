import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { readCsvContacts, readJsonLinesContacts, type ContactItem } from './contacts.ts';
import { csvCell } from './lists.service.ts';

async function all(items: AsyncIterable<ContactItem>): Promise<ContactItem[]> {
  const out: ContactItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

test('CSV: broken rows are reported by line number and the rest is read', async () => {
  const csv =
    '\ufeffE-Mail,First Name,Type\na@example.com,A,users\nb"c@example.com,B,users\nd@example.com,D,customers,extra\ne@example.com,E,\nf@example.com\u202e,F,users\ng@example.com,G,customers\n';
  const items = await all(readCsvContacts(Readable.from([csv.slice(0, 40), csv.slice(40)]), 'users'));
  const contacts = items.flatMap((i) => ('contact' in i ? [i.contact] : []));
  const rejects = items.flatMap((i) => ('reject' in i ? [i.reject] : []));
  assert.deepEqual(
    contacts.map((c) => [c.email, c.audience]),
    [
      ['a@example.com', 'users'],
      ['e@example.com', 'users'],
      ['g@example.com', 'customers'],
    ],
  );
  assert.deepEqual(
    rejects.map((r) => r.line),
    [3, 4, 6],
  );
  assert.match(rejects[0]!.reason, /broken row/);
  assert.match(rejects[1]!.reason, /broken row/);
  assert.match(rejects[2]!.reason, /invisible/);
});

test('CSV without an email column is refused as a whole', async () => {
  await assert.rejects(all(readCsvContacts(Readable.from(['name,company\nA,B\n']), 'users')), /no email column/);
});

test('JSON Lines: one object per line; bad lines are reported', async () => {
  const items = await all(readJsonLinesContacts(Readable.from(['{"email":"x@example.com","first_name":"X"}\n[1]\n\n{"email":"bad"}\n']), 'customers'));
  assert.equal('contact' in items[0]! && items[0].contact.firstName, 'X');
  assert.deepEqual(
    items.slice(1).map((i) => ('reject' in i ? [i.reject.line, i.reject.reason] : null)),
    [
      [2, 'not a JSON object'],
      [4, 'not an address (local@domain)'],
    ],
  );
});

test('export cells are quoted and never start a spreadsheet formula', () => {
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('Ada'), '"Ada"');
});

test("a list's own columns are kept per row under their placeholder name", async () => {
  const csv = 'Email,First Name,Region,Account ID,Région du client\na@example.com,A,EU-West,42,Bretagne\nb@example.com,B,,7,\n';
  const contacts = (await all(readCsvContacts(Readable.from([csv]), 'users'))).flatMap((i) => ('contact' in i ? [i.contact] : []));
  assert.deepEqual(
    contacts.map((c) => c.fields),
    [
      { region: 'EU-West', account_id: '42', region_du_client: 'Bretagne' },
      { region: '', account_id: '7', region_du_client: '' },
    ],
  );
  const lines = await all(readJsonLinesContacts(Readable.from(['{"email":"x@example.com","region":"US-East","tier":2,"note":null}\n']), 'users'));
  assert.deepEqual('contact' in lines[0]! && lines[0].contact.fields, { region: 'US-East', tier: '2' });
});

test('a column that would shadow a placeholder secdesk fills, or two columns of one name, refuse the header', async () => {
  await assert.rejects(
    all(readCsvContacts(Readable.from(['email,Unsubscribe URL\na@example.com,x\n']), 'users')),
    /column "Unsubscribe URL" is reserved: secdesk fills \{\{unsubscribe_url\}\} itself/,
  );
  await assert.rejects(all(readCsvContacts(Readable.from(['email,Region,region \na@example.com,x,y\n']), 'users')), /two columns are both \{\{region\}\}/);
});
