// Tables as CSV (RFC 4180, by csv-stringify). Spreadsheets run cells that start with = + - @ (or a
// tab or carriage return) as formulas: such text cells get a leading apostrophe (OWASP's advice).
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet shows as text, never runs. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(columns: readonly { key: string; label: string }[], rows: readonly Record<string, string | number | null>[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columns.map((c) => ({ key: c.key, header: neutraliseFormula(c.label) })),
    cast: { string: neutraliseFormula },
    record_delimiter: 'windows',
  });
}
