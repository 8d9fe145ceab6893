// Personalisation: {{first_name}}, {{last_name}}, {{company}}, {{email}} and {{unsubscribe_url}} in
// a plain-text body or subject. Values are inserted as text once (never re-expanded); an unknown
// placeholder is an error when the send is created, not a blank in someone's mail.
export const PLACEHOLDERS = ['first_name', 'last_name', 'company', 'email', 'unsubscribe_url'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type Values = Record<Placeholder, string>;

const PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Placeholders a template uses that do not exist. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PATTERN)].map((m) => m[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

export function personalise(template: string, values: Values): string {
  return template.replace(PATTERN, (_all, name: string) => values[name as Placeholder] ?? '');
}
