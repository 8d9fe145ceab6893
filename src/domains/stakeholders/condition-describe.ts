// A condition in plain words for the UI: `impact >= high and not rce_exploited` reads
// "overall impact is High or higher, and no RCE has evidence of exploitation".
import type { EnumField, FactCatalogue } from '../incidents/fact-catalogue.ts';
import type { Condition } from './condition-check.ts';
import type { CompiledCondition } from './condition.ts';

const COMPARED: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is lower than',
  '<=': 'is',
  '>': 'is higher than',
  '>=': 'is',
};
const SUFFIX: Record<string, string> = { '<=': ' or lower', '>=': ' or higher' };

function alternatives(words: string[], joiner: 'or' | 'and'): string {
  if (words.length <= 2) return words.join(` ${joiner} `);
  return `${words.slice(0, -1).join(', ')} ${joiner} ${words.at(-1)}`;
}

function labelOf(catalogue: FactCatalogue, field: string, value: string): string {
  const type = (catalogue.field(field) as EnumField | undefined)?.type;
  return type?.values.find((v) => v.value === value)?.label ?? value;
}

function words(tree: Condition, catalogue: FactCatalogue, nested: boolean): string {
  switch (tree.kind) {
    case 'or': {
      const text = alternatives(
        tree.items.map((i) => words(i, catalogue, true)),
        'or',
      );
      return nested ? `either ${text}` : text;
    }
    case 'and': {
      const text = alternatives(
        tree.items.map((i) => words(i, catalogue, true)),
        'and',
      );
      return nested ? `(${text})` : text;
    }
    case 'not':
      if (tree.item.kind === 'flag') return words({ ...tree.item, value: !tree.item.value }, catalogue, nested);
      return `it is not the case that ${words(tree.item, catalogue, true)}`;
    case 'flag': {
      const field = catalogue.field(tree.field);
      if (field?.type.kind !== 'boolean' || !('yes' in field)) return `${tree.field} is ${tree.value ? 'true' : 'false'}`;
      return tree.value ? field.yes : field.no;
    }
    case 'compare': {
      const label = catalogue.field(tree.field)?.label ?? tree.field;
      return `${label} ${COMPARED[tree.op]} ${labelOf(catalogue, tree.field, tree.value)}${SUFFIX[tree.op] ?? ''}`;
    }
    case 'in': {
      const label = catalogue.field(tree.field)?.label ?? tree.field;
      const labels = tree.values.map((v) => labelOf(catalogue, tree.field, v));
      if (!tree.negated) return `${label} is ${alternatives(labels, 'or')}`;
      if (labels.length === 1) return `${label} is not ${labels[0]}`;
      return `${label} is neither ${alternatives(labels, 'or').replace(/ or (?=[^,]*$)/, ' nor ')}`;
    }
  }
}

export function describeTree(tree: Condition, catalogue: FactCatalogue): string {
  return words(tree, catalogue, false);
}

export function describe(condition: CompiledCondition): string {
  return describeTree(condition.tree, condition.catalogue);
}
