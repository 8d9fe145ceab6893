// Splits a condition into tokens, each with its offset.
import { ConditionError, type Comparison } from './condition-syntax.ts';

export type Token =
  | { kind: 'name'; text: string; offset: number }
  | { kind: 'op'; text: Comparison; offset: number }
  | { kind: '(' | ')' | ','; text: string; offset: number }
  | { kind: 'end'; text: ''; offset: number };

export const MAX_CONDITION_LENGTH = 2000;

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const OPERATOR = /!=|<=|>=|=|<|>/y;
const SPACE = /\s+/y;
/** Habits from programming languages, answered with the word to write instead. */
const HABITS: [RegExp, string][] = [
  [/==/y, "write '='"],
  [/&&?/y, "write 'and'"],
  [/\|\|?/y, "write 'or'"],
  [/!(?!=)/y, "write 'not', or '!=' to compare"],
  [/["']/y, 'values are written without quotes'],
];

function matchAt(pattern: RegExp, source: string, offset: number): string | null {
  pattern.lastIndex = offset;
  return pattern.exec(source)?.[0] ?? null;
}

export function tokenize(source: string): Token[] {
  if (source.length > MAX_CONDITION_LENGTH)
    throw new ConditionError(source, MAX_CONDITION_LENGTH, `the condition is longer than ${MAX_CONDITION_LENGTH} characters`);
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < source.length) {
    const space = matchAt(SPACE, source, offset);
    if (space) {
      offset += space.length;
      continue;
    }
    const char = source[offset]!;
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, offset });
      offset += 1;
      continue;
    }
    for (const [pattern, hint] of HABITS) {
      const habit = matchAt(pattern, source, offset);
      if (habit) throw new ConditionError(source, offset, `unexpected '${habit}'`, hint);
    }
    const op = matchAt(OPERATOR, source, offset);
    if (op) {
      tokens.push({ kind: 'op', text: op as Comparison, offset });
      offset += op.length;
      continue;
    }
    const name = matchAt(NAME, source, offset);
    if (!name) throw new ConditionError(source, offset, `unexpected character '${char}'`, 'names are letters, digits and _; values are names too (no quotes)');
    tokens.push({ kind: 'name', text: name, offset });
    offset += name.length;
  }
  tokens.push({ kind: 'end', text: '', offset: source.length });
  return tokens;
}
