import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCustomersCsv } from './customers-csv.ts';

test('rows become customers; broken rows are reported by line', async () => {
  const parsed = await parseCustomersCsv(
    '\ufeffName,Account_ID,email_domains,soc2,pentest,nda_on_file\n"Acme, Inc.",A-1,"ACME.example; acme.test",yes,no,1\n,B-2,b.example,yes,no,no\nC,C-3,c.example,yes\n\nD,D-4,d.example,true,true,perhaps\n',
  );
  assert.deepEqual(parsed.customers, [
    { line: 2, customer: { name: 'Acme, Inc.', accountId: 'A-1', emailDomains: ['acme.example', 'acme.test'], soc2: true, pentest: false, ndaOnFile: true } },
  ]);
  assert.deepEqual(
    parsed.errors.map((e) => e.line),
    [3, 4, 6],
  );
  assert.match(parsed.errors[2]!.message, /nda_on_file must be yes or no/);
});

test('a missing column or broken quoting is reported', async () => {
  assert.match((await parseCustomersCsv('name,account_id\nA,1\n')).errors[0]!.message, /lacks email_domains/);
  const broken = await parseCustomersCsv('name,account_id,email_domains,soc2,pentest,nda_on_file\nA,1,a.example,yes,no,no\n"B,2,b.example,yes,no,no\n');
  assert.equal(broken.errors.length, 1);
  assert.match(broken.errors[0]!.message, /quote/i);
});
