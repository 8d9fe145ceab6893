// A stakeholder rule's condition: compiled once (parse + check against the fact catalogue), then
// evaluated against any incident's facts. Nothing is ever eval'd; the tree is walked.
import type { FactCatalogue, FactValue } from '../incidents/fact-catalogue.ts';
import type { IncidentFacts } from '../incidents/incidents.types.ts';
import { checkCondition, type Condition } from './condition-check.ts';
import { parseCondition } from './condition-parser.ts';

export type { Condition } from './condition-check.ts';
export { ConditionError } from './condition-syntax.ts';

export interface CompiledCondition {
  source: string;
  tree: Condition;
  catalogue: FactCatalogue;
}

/** Parses and checks; throws a ConditionError naming the position of the first problem. */
export function compileCondition(source: string, catalogue: FactCatalogue): CompiledCondition {
  return { source, tree: checkCondition(source, parseCondition(source), catalogue), catalogue };
}

type Values = ReadonlyMap<string, FactValue>;

function rank(catalogue: FactCatalogue, field: string, value: FactValue): number {
  const type = catalogue.field(field)?.type;
  return type?.kind === 'enum' ? type.values.findIndex((v) => v.value === value) : -1;
}

function holds(tree: Condition, values: Values, catalogue: FactCatalogue): boolean {
  switch (tree.kind) {
    case 'or':
      return tree.items.some((item) => holds(item, values, catalogue));
    case 'and':
      return tree.items.every((item) => holds(item, values, catalogue));
    case 'not':
      return !holds(tree.item, values, catalogue);
    case 'flag':
      return values.get(tree.field) === tree.value;
    case 'in':
      return tree.values.includes(values.get(tree.field) as string) !== tree.negated;
    case 'compare': {
      const actual = values.get(tree.field);
      if (tree.op === '=') return actual === tree.value;
      if (tree.op === '!=') return actual !== tree.value;
      const have = rank(catalogue, tree.field, actual ?? '');
      const want = rank(catalogue, tree.field, tree.value);
      if (have < 0) return false;
      if (tree.op === '<') return have < want;
      if (tree.op === '<=') return have <= want;
      if (tree.op === '>') return have > want;
      return have >= want;
    }
  }
}

function valuesOf(catalogue: FactCatalogue, facts: IncidentFacts): Values {
  return new Map(catalogue.fields.map((f) => [f.name, f.read(facts)]));
}

export function evaluate(condition: CompiledCondition, facts: IncidentFacts): boolean {
  return holds(condition.tree, valuesOf(condition.catalogue, facts), condition.catalogue);
}

/** The top-level alternatives (the clauses joined by `or`) that hold: why a rule fires. */
export function matchingClauses(condition: CompiledCondition, facts: IncidentFacts): Condition[] {
  const values = valuesOf(condition.catalogue, facts);
  const clauses = condition.tree.kind === 'or' ? condition.tree.items : [condition.tree];
  return clauses.filter((clause) => holds(clause, values, condition.catalogue));
}
