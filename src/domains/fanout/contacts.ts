// Reading impacted parties' contacts: a CSV stream of any size (parsed as it arrives), or JSON Lines.
// Each good row becomes a contact; each bad row a reject with its line number and reason, and the
// rest of the file is still read. Opted-out rows are rejected and reported as opt-outs. Columns other
// than the fixed ones are kept as the row's fields under their placeholder name (listColumnName).
import { finished, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { checkAddress } from './addresses.ts';
import { listColumnName, PLACEHOLDERS } from './personalise.ts';
import { AUDIENCES, type Audience, type Contact, type ContactReject } from './fanout.types.ts';

export type ContactItem = { contact: Contact } | { reject: ContactReject; optOut?: string };

const FIELD_CAP = 200;
const MAX_COLUMNS = 50;
const FIELD_PREFIX = 'field:';
type Column = Exclude<keyof RawContact, 'fields'>;
const COLUMN_NAMES: Record<string, Column> = {
  email: 'email',
  'email address': 'email',
  'e-mail': 'email',
  mail: 'email',
  'first name': 'firstName',
  first_name: 'firstName',
  firstname: 'firstName',
  'given name': 'firstName',
  'last name': 'lastName',
  last_name: 'lastName',
  lastname: 'lastName',
  surname: 'lastName',
  company: 'company',
  organisation: 'company',
  organization: 'company',
  audience: 'audience',
  type: 'audience',
  opt_out: 'optOut',
  'opt out': 'optOut',
  unsubscribed: 'optOut',
  optout: 'optOut',
};

interface RawContact {
  email?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  audience?: string;
  optOut?: string;
  fields?: Record<string, string>;
}

function columnOf(header: string): Column | undefined {
  return COLUMN_NAMES[header.trim().toLowerCase().replace(/\s+/g, ' ')];
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'x', 'opted out', 'unsubscribed']);

function audienceOf(value: string | undefined, fallback: Audience | null): Audience | null {
  const v = (value ?? '').trim().toLowerCase();
  if (!v) return fallback;
  if (v === 'user' || v === 'users') return 'users';
  if (v === 'customer' || v === 'customers') return 'customers';
  return null;
}

/** A display field: no line breaks or control characters, capped. */
function field(value: string | undefined): string {
  return (value ?? '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .trim()
    .slice(0, FIELD_CAP);
}

export function toContact(line: number, raw: RawContact, defaultAudience: Audience | null): ContactItem {
  const value = (raw.email ?? '').slice(0, 300);
  const checked = checkAddress(raw.email ?? '');
  if (!checked.ok) return { reject: { line, value, reason: checked.reason } };
  if (TRUE.has((raw.optOut ?? '').trim().toLowerCase())) return { reject: { line, value, reason: 'opted out' }, optOut: checked.key };
  const audience = audienceOf(raw.audience, defaultAudience);
  if (!audience)
    return {
      reject: { line, value, reason: raw.audience ? `unknown audience "${field(raw.audience)}" (users or customers)` : 'no audience (users or customers)' },
    };
  const fields = Object.fromEntries(Object.entries(raw.fields ?? {}).map(([name, v]) => [name, field(v)]));
  return {
    contact: {
      email: checked.email,
      key: checked.key,
      domain: checked.domain,
      firstName: field(raw.firstName),
      lastName: field(raw.lastName),
      company: field(raw.company),
      audience,
      fields,
    },
  };
}

/** A column beyond the fixed ones: its placeholder name, or why the header row is refused; null when it cannot be named. */
function extraColumn(header: string, taken: Set<string>): { name: string } | { error: string } | null {
  const name = listColumnName(header);
  if (name === null) return null;
  const shown = JSON.stringify(field(header));
  if ((PLACEHOLDERS as readonly string[]).includes(name)) return { error: `the column ${shown} is reserved: secdesk fills {{${name}}} itself` };
  if (taken.has(name)) return { error: `two columns are both {{${name}}} once normalised: rename one` };
  if (taken.size >= MAX_COLUMNS) return { error: `more than ${MAX_COLUMNS} columns besides email, names, company and audience` };
  taken.add(name);
  return { name };
}

/** The CSV parser's record (fixed columns by their key, others as `field:name`) as a raw contact. */
function rawOfCsv(record: Record<string, string>): RawContact {
  const raw: RawContact = { fields: {} };
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith(FIELD_PREFIX)) raw.fields![key.slice(FIELD_PREFIX.length)] = value;
    else raw[key as Column] = value;
  }
  return raw;
}

/** Contacts from a CSV stream with a header row. Broken rows are reported by line; the rest are read. */
export async function* readCsvContacts(input: Readable, defaultAudience: Audience | null): AsyncGenerator<ContactItem> {
  const skipped: ContactReject[] = [];
  let headerError: string | null = null;
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: 64 * 1024,
    columns: (header: string[]) => {
      const taken = new Set<string>();
      const mapped = header.map((h) => {
        const known = columnOf(h);
        if (known) return known;
        const extra = extraColumn(h, taken);
        if (extra && 'error' in extra) headerError ??= extra.error;
        return extra && 'name' in extra ? `${FIELD_PREFIX}${extra.name}` : false;
      });
      if (!mapped.includes('email')) headerError = `no email column in the header (found: ${header.map(field).join(', ').slice(0, 200)})`;
      return mapped as never;
    },
  });
  // csv-parse counts a CR LF inside a quoted field as two lines; an editor shows one.
  let extraLines = 0;
  parser.on('skip', (err: Error & { lines?: number }) =>
    skipped.push({ line: (err.lines ?? 0) - extraLines, value: '', reason: `broken row: ${err.message.slice(0, 200)}` }),
  );
  // finished() also reports an error the input had before we listened (e.g. a body refused as not
  // UTF-8 while the list's row was being created); the input itself is left for its owner to close.
  finished(input, { writable: false }, (err) => err && parser.destroy(err));
  input.pipe(parser);
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>) {
    if (headerError) throw new Error(headerError);
    while (skipped.length) yield { reject: skipped.shift()! };
    extraLines += raw.split('\r\n').length - 1;
    yield toContact(info.lines - extraLines, rawOfCsv(record), defaultAudience);
  }
  if (headerError) throw new Error(headerError);
  while (skipped.length) yield { reject: skipped.shift()! };
}

/** Contacts from JSON Lines: one object per line with email, first_name, last_name, company, audience. */
export async function* readJsonLinesContacts(input: Readable, defaultAudience: Audience | null): AsyncGenerator<ContactItem> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    if (text.length > 64 * 1024) {
      yield { reject: { line, value: '', reason: 'line longer than 64 KiB' } };
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      yield { reject: { line, value: text.slice(0, 100), reason: 'not JSON' } };
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      yield { reject: { line, value: text.slice(0, 100), reason: 'not a JSON object' } };
      continue;
    }
    yield toContact(line, rawOf(parsed as Record<string, unknown>), defaultAudience);
  }
}

/**
 * A record's columns (email, first_name or firstName, …, and its own, e.g. region); values other than
 * text, numbers and booleans are ignored, so a null is a missing value. A reserved or clashing name
 * (unsubscribe_url, a second "Region") is left out of the row's fields.
 */
function rawOf(record: Record<string, unknown>): RawContact {
  const raw: RawContact = { fields: {} };
  const taken = new Set<string>();
  for (const [k, v] of Object.entries(record)) {
    if (typeof v !== 'string' && typeof v !== 'boolean' && typeof v !== 'number') continue;
    const column = columnOf(k.replace(/([a-z])([A-Z])/g, '$1 $2'));
    const extra = column ? null : extraColumn(k, taken);
    if (column) raw[column] = String(v);
    else if (extra && 'name' in extra) raw.fields![extra.name] = String(v);
  }
  return raw;
}

/** Contacts from a query's rows, read in pages; rejects name the row number (1 = the first row). */
export async function* readRowContacts(pages: AsyncIterable<Record<string, unknown>[]>, defaultAudience: Audience | null): AsyncGenerator<ContactItem> {
  let row = 0;
  let checkedColumns = false;
  for await (const page of pages) {
    for (const record of page) {
      row++;
      if (!checkedColumns) {
        checkedColumns = true;
        if (!Object.keys(record).some((k) => columnOf(k) === 'email'))
          throw new Error(`the query returns no email column (found: ${Object.keys(record).map(field).join(', ').slice(0, 200)})`);
      }
      yield toContact(row, rawOf(record), defaultAudience);
    }
  }
}

export function isAudience(value: string): value is Audience {
  return (AUDIENCES as readonly string[]).includes(value);
}
