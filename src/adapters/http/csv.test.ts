import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neutraliseFormula, toCsv } from './csv.ts';

test('text that a spreadsheet would run as a formula is neutralised; numbers stay numbers', () => {
  for (const risky of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
    assert.equal(neutraliseFormula(risky), `'${risky}`);
  assert.equal(neutraliseFormula('plain'), 'plain');
  const csv = toCsv(
    [
      { key: 'subject', label: 'Subject' },
      { key: 'n', label: 'N' },
      { key: 'empty', label: '=Label' },
    ],
    [
      { subject: '=HYPERLINK("http://evil.example","click")', n: -3, empty: null },
      { subject: 'a, "quoted" one', n: 4.5, empty: 'x' },
    ],
  );
  assert.equal(csv, 'Subject,N,\'=Label\r\n"\'=HYPERLINK(""http://evil.example"",""click"")",-3,\r\n"a, ""quoted"" one",4.5,x\r\n');
});
