// The placeholder language of templates: `{{ name }}` where name is a dotted variable from the
// template's catalogue, nothing else. Written by hand rather than taken from Handlebars or Mustache:
// those add conditionals, loops, partials and helpers the team does not need, check names only
// against the values at render time, and escape for HTML, while these are plain-text mails. Here a
// template is checked against its catalogue at save and again at send, and every error names the
// placeholder and where it stands (line and column, 1-based). Values are inserted once, never re-read.

export interface PlaceholderProblem {
  placeholder: string;
  line: number;
  column: number;
  /** unknown: not in the catalogue; missing: known but without a value for this ticket; syntax: not a placeholder. */
  problem: 'unknown' | 'missing' | 'syntax';
  message: string;
}

export interface Placeholder {
  name: string;
  start: number;
  end: number;
  line: number;
  column: number;
}

const NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const MAX_PLACEHOLDER = 80;

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** Finds every placeholder, or the problems that keep text from being a template. */
export function scan(text: string): { placeholders: Placeholder[]; problems: PlaceholderProblem[] } {
  const placeholders: Placeholder[] = [];
  const problems: PlaceholderProblem[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('{{', from);
    const stray = text.indexOf('}}', from);
    if (stray !== -1 && (open === -1 || stray < open)) {
      problems.push({ placeholder: '}}', ...position(text, stray), problem: 'syntax', message: '"}}" without an opening "{{"' });
      from = stray + 2;
      continue;
    }
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    const at = position(text, open);
    if (close === -1 || close - open > MAX_PLACEHOLDER) {
      problems.push({ placeholder: text.slice(open, open + 20), ...at, problem: 'syntax', message: '"{{" is not closed by "}}"' });
      from = open + 2;
      continue;
    }
    const name = text.slice(open + 2, close).trim();
    if (!NAME.test(name))
      problems.push({
        placeholder: `{{${text.slice(open + 2, close)}}}`,
        ...at,
        problem: 'syntax',
        message: 'a placeholder is a variable name such as {{requester.name}}',
      });
    else placeholders.push({ name, start: open, end: close + 2, ...at });
    from = close + 2;
  }
  return { placeholders, problems };
}

/** Problems of a template against its variable catalogue (empty when it may be saved). */
export function check(text: string, known: readonly string[]): PlaceholderProblem[] {
  const { placeholders, problems } = scan(text);
  for (const p of placeholders) {
    if (!known.includes(p.name))
      problems.push({
        placeholder: `{{${p.name}}}`,
        line: p.line,
        column: p.column,
        problem: 'unknown',
        message: `unknown placeholder (known: ${known.join(', ')})`,
      });
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Renders text with the given values; a known placeholder without a value is a problem, never an empty gap. */
export function render(
  text: string,
  known: readonly string[],
  values: Readonly<Record<string, string | null | undefined>>,
): { text: string; problems: PlaceholderProblem[] } {
  const problems = check(text, known);
  const { placeholders } = scan(text);
  let out = '';
  let from = 0;
  for (const p of placeholders) {
    const value = values[p.name];
    if (known.includes(p.name) && (value === null || value === undefined || value === '')) {
      problems.push({ placeholder: `{{${p.name}}}`, line: p.line, column: p.column, problem: 'missing', message: 'has no value for this ticket' });
    }
    out += text.slice(from, p.start) + (value ?? '');
    from = p.end;
  }
  out += text.slice(from);
  return { text: out, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** One line per problem, e.g. `body line 3, column 7: {{ticket.nmber}} unknown placeholder (...)`. */
export function describeProblems(part: string, problems: readonly PlaceholderProblem[]): string {
  return problems.map((p) => `${part} line ${p.line}, column ${p.column}: ${p.placeholder} ${p.message}`).join('; ');
}
