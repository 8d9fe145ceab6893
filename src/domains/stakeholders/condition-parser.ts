// A hand-written recursive-descent parser for the condition language (grammar in
// condition-syntax.ts). Hand-written rather than a parser library because the grammar is six
// rules, and what matters is the error text: each error names the exact column and what was
// expected there ("expected a value after '=' at column 12"), which generated parsers (ohm,
// peggy) report only as generic "expected one of …" lists that we would rewrite anyway.
import { tokenize, type Token } from './condition-lexer.ts';
import { ConditionError, type Name, type Syntax } from './condition-syntax.ts';

const KEYWORDS = new Set(['and', 'or', 'not', 'in']);
/** Deep enough for any real rule; stops hostile input from exhausting the stack. */
const MAX_DEPTH = 32;

const keyword = (token: Token) => (token.kind === 'name' ? token.text.toLowerCase() : null);
const shown = (token: Token) => (token.kind === 'end' ? 'the end' : `'${token.text}'`);
const found = (token: Token) => (token.kind === 'end' ? 'the condition ends there' : `found '${token.text}'`);

class Parser {
  readonly #source: string;
  readonly #tokens: Token[];
  #next = 0;
  #depth = 0;

  constructor(source: string) {
    this.#source = source;
    this.#tokens = tokenize(source);
  }

  parse(): Syntax {
    if (this.#peek().kind === 'end') throw new ConditionError(this.#source, 0, 'the condition is empty');
    const tree = this.#disjunction();
    const rest = this.#peek();
    if (rest.kind !== 'end') {
      const hint = rest.kind === ')' ? "there is no '(' to close" : "expected 'and', 'or' or the end";
      throw this.#error(rest, `unexpected ${shown(rest)}`, hint);
    }
    return tree;
  }

  #peek(): Token {
    return this.#tokens[this.#next]!;
  }

  #take(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#next += 1;
    return token;
  }

  #error(token: Token, what: string, hint?: string): ConditionError {
    return new ConditionError(this.#source, token.offset, what, hint);
  }

  #list(kind: 'or' | 'and', item: () => Syntax): Syntax {
    const first = item();
    const items = [first];
    while (keyword(this.#peek()) === kind) {
      this.#take();
      items.push(item());
    }
    return items.length === 1 ? first : { kind, items, offset: first.offset };
  }

  #disjunction(): Syntax {
    if (++this.#depth > MAX_DEPTH) throw this.#error(this.#peek(), `the condition nests deeper than ${MAX_DEPTH} levels`);
    const tree = this.#list('or', () => this.#conjunction());
    this.#depth -= 1;
    return tree;
  }

  #conjunction(): Syntax {
    return this.#list('and', () => this.#negation());
  }

  #negation(): Syntax {
    const token = this.#peek();
    if (keyword(token) !== 'not') return this.#primary();
    this.#take();
    if (++this.#depth > MAX_DEPTH) throw this.#error(token, `the condition nests deeper than ${MAX_DEPTH} levels`);
    const item = this.#negation();
    this.#depth -= 1;
    return { kind: 'not', item, offset: token.offset };
  }

  #primary(): Syntax {
    const token = this.#take();
    if (token.kind === '(') {
      const inner = this.#disjunction();
      const close = this.#take();
      if (close.kind !== ')') throw this.#error(close, `expected ')' to close the '(' of column ${token.offset + 1}`, found(close));
      return inner;
    }
    const field = this.#name(token, 'expected a field name');
    const next = this.#peek();
    if (next.kind === 'op') {
      this.#take();
      const value = this.#name(this.#take(), `expected a value after '${next.text}'`);
      return { kind: 'compare', field, op: next.text, opOffset: next.offset, value, offset: field.offset };
    }
    if (keyword(next) === 'in') return this.#membership(field, false);
    if (keyword(next) === 'not' && keyword(this.#tokens[this.#next + 1]!) === 'in') {
      this.#take();
      return this.#membership(field, true);
    }
    return { kind: 'flag', field, offset: field.offset };
  }

  #membership(field: Name, negated: boolean): Syntax {
    const word = this.#take();
    const open = this.#take();
    if (open.kind !== '(') throw this.#error(open, `expected '(' after '${word.text}'`, `${found(open)}; write e.g. impact in (high, critical)`);
    const values = [this.#name(this.#take(), "expected a value after '('")];
    for (let sep = this.#take(); sep.kind !== ')'; sep = this.#take()) {
      if (sep.kind !== ',') throw this.#error(sep, "expected ',' or ')' in the list", found(sep));
      values.push(this.#name(this.#take(), "expected a value after ','"));
    }
    return { kind: 'in', field, negated, values, offset: field.offset };
  }

  #name(token: Token, expected: string): Name {
    if (token.kind !== 'name') throw this.#error(token, expected, found(token));
    if (KEYWORDS.has(token.text.toLowerCase())) throw this.#error(token, expected, `found the keyword '${token.text}'`);
    return { text: token.text, offset: token.offset };
  }
}

export function parseCondition(source: string): Syntax {
  return new Parser(source).parse();
}
