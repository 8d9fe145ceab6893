// Personalisation: {{first_name}}, {{last_name}}, {{company}}, {{email}}, {{unsubscribe_url}} and
// each of the list's own columns ({{region}}) in a plain-text body or subject. Values are inserted as
// text once (never re-expanded); an unknown placeholder is an error when the send is created, not a
// blank in someone's mail.
export const PLACEHOLDERS = ['first_name', 'last_name', 'company', 'email', 'unsubscribe_url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Values = Record<Placeholder, string> & Record<string, string>;

const PATTERN = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
const MAX_COLUMN = 40;

/** The placeholders a send to a list with these columns may use. */
export function placeholdersFor(columns: readonly string[]): string[] {
  return [...PLACEHOLDERS, ...columns];
}

/**
 * A list column's placeholder name: lower case, accents dropped, every run of other characters one
 * underscore ("Account ID" → account_id, "Région" → region); null when nothing usable is left.
 */
export function listColumnName(header: string): string | null {
  const name = header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z][a-z0-9_]*$/.test(name) && name.length <= MAX_COLUMN ? name : null;
}

/** Names of the placeholders a template uses, in order, each once. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PATTERN)].map((m) => m[1]!))];
}

/** Placeholders a template uses that do not exist for a list with these columns. */
export function unknownPlaceholders(template: string, columns: readonly string[] = []): string[] {
  const known = placeholdersFor(columns);
  return [...template.matchAll(PATTERN)].map((m) => m[1]!).filter((name) => !known.includes(name));
}

export function personalise(template: string, values: Values): string {
  return template.replace(PATTERN, (_all, name: string) => values[name] ?? '');
}
