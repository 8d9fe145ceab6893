// The customer directory as CSV: one customer per row, with the header
// name,account_id,email_domains,soc2,pentest,nda_on_file
// (domains separated by spaces or semicolons; yes/no, true/false or 1/0). Parsed as a stream with
// csv-parse; every broken row is reported by its line.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CustomerInput } from './compliance.types.ts';

export const CSV_COLUMNS = ['name', 'account_id', 'email_domains', 'soc2', 'pentest', 'nda_on_file'] as const;
export const MAX_CUSTOMERS = 20_000;
const DOMAIN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n', '']);

export interface ParsedCustomers {
  customers: { line: number; customer: CustomerInput }[];
  errors: { line: number; message: string }[];
}

function flag(value: string, column: string): boolean {
  const v = value.trim().toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  throw new Error(`${column} must be yes or no (got ${JSON.stringify(value.slice(0, 20))})`);
}

function toCustomer(row: Record<string, string>): CustomerInput {
  const name = (row.name ?? '').trim();
  const accountId = (row.account_id ?? '').trim();
  if (!name || name.length > 200) throw new Error('name must have 1 to 200 characters');
  if (!accountId || accountId.length > 100) throw new Error('account_id must have 1 to 100 characters');
  const emailDomains = [
    ...new Set(
      (row.email_domains ?? '')
        .toLowerCase()
        .split(/[\s;,]+/)
        .filter(Boolean),
    ),
  ];
  if (emailDomains.length === 0) throw new Error('email_domains needs at least one domain');
  const bad = emailDomains.find((d) => !DOMAIN.test(d));
  if (bad) throw new Error(`${JSON.stringify(bad.slice(0, 80))} is not a domain`);
  return {
    name,
    accountId,
    emailDomains,
    soc2: flag(row.soc2 ?? '', 'soc2'),
    pentest: flag(row.pentest ?? '', 'pentest'),
    ndaOnFile: flag(row.nda_on_file ?? '', 'nda_on_file'),
  };
}

/** Every customer of the file, or the problems by line (a row is checked on its own; the caller checks across rows). */
export async function parseCustomersCsv(text: string): Promise<ParsedCustomers> {
  const out: ParsedCustomers = { customers: [], errors: [] };
  let invalidSoFar = 0; // csv-parse counts rows of the wrong width cumulatively
  const parser = Readable.from([text]).pipe(
    parse({
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase());
        const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
        if (missing.length) throw new Error(`the header lacks ${missing.join(', ')} (columns: ${CSV_COLUMNS.join(',')})`);
        return names;
      },
      bom: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: true,
      max_record_size: 10_000,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      if (out.customers.length + out.errors.length >= MAX_CUSTOMERS) {
        out.errors.push({ line: info.lines, message: `a file holds at most ${MAX_CUSTOMERS} customers` });
        break;
      }
      try {
        const wrongWidth = info.invalid_field_length > invalidSoFar;
        invalidSoFar = info.invalid_field_length;
        if (wrongWidth) throw new Error('the row does not have as many fields as the header');
        out.customers.push({ line: info.lines, customer: toCustomer(record) });
      } catch (err) {
        out.errors.push({ line: info.lines, message: (err as Error).message });
      }
    }
  } catch (err) {
    const e = err as Error & { lines?: number };
    out.errors.push({ line: e.lines ?? 1, message: e.message });
  }
  return out;
}
