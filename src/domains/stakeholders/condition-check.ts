// Checks a parsed condition against the fact catalogue: every field exists, every value is one
// of the field's values, order comparisons only on ordered fields. The result is a typed
// condition that can be evaluated and described without looking at the source again.
import { closest, distance } from 'fastest-levenshtein';
import type { EnumField, FactCatalogue, FactField } from '../incidents/fact-catalogue.ts';
import { ConditionError, type Comparison, type Name, type Syntax } from './condition-syntax.ts';

export type Condition =
  | { kind: 'or' | 'and'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  /** A yes/no fact that must hold (`value: true`) or not hold. */
  | { kind: 'flag'; field: string; value: boolean }
  | { kind: 'compare'; field: string; op: Comparison; value: string }
  | { kind: 'in'; field: string; negated: boolean; values: string[] };

const ORDERED: readonly Comparison[] = ['<', '<=', '>', '>='];

/** "did you mean 'x'?" when a known word is close enough to be the one meant. */
function suggestion(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const near = closest(word, known as string[]);
  return distance(word, near) <= Math.max(2, Math.floor(word.length / 3)) ? `did you mean '${near}'?` : undefined;
}

class Checker {
  readonly #source: string;
  readonly #catalogue: FactCatalogue;

  constructor(source: string, catalogue: FactCatalogue) {
    this.#source = source;
    this.#catalogue = catalogue;
  }

  check(tree: Syntax): Condition {
    switch (tree.kind) {
      case 'or':
      case 'and':
        return { kind: tree.kind, items: tree.items.map((item) => this.check(item)) };
      case 'not':
        return { kind: 'not', item: this.check(tree.item) };
      case 'flag':
        return this.#flag(tree.field);
      case 'compare':
        return this.#compare(tree.field, tree.op, tree.opOffset, tree.value);
      case 'in':
        return this.#membership(tree.field, tree.negated, tree.values);
    }
  }

  #field(name: Name): FactField {
    const field = this.#catalogue.field(name.text.toLowerCase());
    if (field) return field;
    const names = this.#catalogue.fields.map((f) => f.name);
    throw new ConditionError(
      this.#source,
      name.offset,
      `unknown field '${name.text}'`,
      suggestion(name.text.toLowerCase(), names) ?? `known fields: ${names.join(', ')}`,
    );
  }

  #flag(name: Name): Condition {
    const field = this.#field(name);
    if (field.type.kind === 'boolean') return { kind: 'flag', field: field.name, value: true };
    const example = `${field.name} = ${field.type.values[0]?.value ?? '…'}`;
    throw new ConditionError(this.#source, name.offset, `'${field.name}' is not a yes/no fact`, `compare it with a value, e.g. ${example}`);
  }

  #compare(name: Name, op: Comparison, opOffset: number, value: Name): Condition {
    const field = this.#field(name);
    if (field.type.kind === 'boolean') {
      if (ORDERED.includes(op))
        throw new ConditionError(this.#source, opOffset, `'${op}' needs an ordered field; '${field.name}' is yes/no`, "use '=' or '!='");
      const wanted = this.#truth(field.name, value);
      return { kind: 'flag', field: field.name, value: op === '=' ? wanted : !wanted };
    }
    if (ORDERED.includes(op) && !field.type.ordered) {
      throw new ConditionError(this.#source, opOffset, `'${op}' needs an ordered field; '${field.name}' has no order`, "use '=', '!=' or 'in'");
    }
    return { kind: 'compare', field: field.name, op, value: this.#value({ name: field.name, type: field.type }, value) };
  }

  #membership(name: Name, negated: boolean, values: Name[]): Condition {
    const field = this.#field(name);
    if (field.type.kind === 'boolean')
      throw new ConditionError(
        this.#source,
        name.offset,
        `'in' needs a field with values; '${field.name}' is yes/no`,
        `write ${field.name} or not ${field.name}`,
      );
    const enumeration = { name: field.name, type: field.type };
    return { kind: 'in', field: field.name, negated, values: values.map((v) => this.#value(enumeration, v)) };
  }

  #truth(field: string, value: Name): boolean {
    const word = value.text.toLowerCase();
    if (word === 'true' || word === 'yes') return true;
    if (word === 'false' || word === 'no') return false;
    throw new ConditionError(this.#source, value.offset, `'${field}' is yes/no, not '${value.text}'`, 'compare it with true or false');
  }

  #value(field: Pick<EnumField, 'name' | 'type'>, value: Name): string {
    const known = field.type.values.map((v) => v.value);
    const word = value.text.toLowerCase();
    if (known.includes(word)) return word;
    const hint = [`expected one of ${known.join(', ')}`, suggestion(word, known)].filter(Boolean).join('; ');
    throw new ConditionError(this.#source, value.offset, `unknown value '${value.text}' for '${field.name}'`, hint);
  }
}

export function checkCondition(source: string, tree: Syntax, catalogue: FactCatalogue): Condition {
  return new Checker(source, catalogue).check(tree);
}
