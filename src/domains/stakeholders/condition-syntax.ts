// The stakeholder rule condition language, as written (before its fields are checked):
//
//   condition  := conjunct ('or' conjunct)*
//   conjunct   := negation ('and' negation)*
//   negation   := 'not' negation | primary
//   primary    := '(' condition ')'
//               | field                              bare yes/no fact: data_breach
//               | field op value                     op: = != < <= > >= (order only on ordered fields)
//               | field ['not'] 'in' '(' value (',' value)* ')'
//
// Keywords are case-insensitive; names are snake_case. Offsets are 0-based here; errors speak
// 1-based columns (and lines, when a condition spans several).
import { ValidationError } from '../errors.ts';

export const COMPARISONS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface Name {
  text: string;
  offset: number;
}

export type Syntax =
  | { kind: 'or' | 'and'; items: Syntax[]; offset: number }
  | { kind: 'not'; item: Syntax; offset: number }
  | { kind: 'flag'; field: Name; offset: number }
  | { kind: 'compare'; field: Name; op: Comparison; opOffset: number; value: Name; offset: number }
  | { kind: 'in'; field: Name; negated: boolean; values: Name[]; offset: number };

export interface ConditionProblem {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
  offset: number;
}

/** Where in the source: "column 12", or "line 2, column 3" for a condition over several lines. */
export function positionOf(source: string, offset: number): { line: number; column: number; words: string } {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  const words = source.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
  return { line, column, words };
}

/** A condition that does not parse or does not fit the fact catalogue; the message names the position. */
export class ConditionError extends ValidationError {
  readonly problem: ConditionProblem;
  constructor(source: string, offset: number, what: string, hint?: string) {
    const { line, column, words } = positionOf(source, offset);
    const message = `${what} at ${words}${hint ? `; ${hint}` : ''}`;
    super(message, { line, column, offset });
    this.problem = { message, line, column, offset };
  }
}
