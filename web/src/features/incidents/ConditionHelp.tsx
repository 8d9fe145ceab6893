// The condition language in brief, with the fields a condition can name and their values (the
// overall impact's levels come from the configured risk matrix).
import { factCatalogue } from '../../../../src/domains/incidents/fact-catalogue.ts';
import { useRiskMatrix } from './useRiskMatrix.tsx';

export function ConditionHelp() {
  const matrix = useRiskMatrix();
  const fields = matrix ? factCatalogue(matrix).fields : [];
  return (
    <details className="card condition-help">
      <summary>How to write a condition</summary>
      <p>
        Name a yes/no fact (<code>data_breach</code>), compare a field with a value (<code>impact &gt;= high</code>, <code>users_impacted != none</code>), or
        list values (<code>type in (data_breach, rce)</code>); join with <code>and</code>, <code>or</code>, <code>not</code> and parentheses. <code>&lt;</code>,{' '}
        <code>&lt;=</code>, <code>&gt;</code>, <code>&gt;=</code> work on ordered fields.
      </p>
      <dl className="condition-fields">
        {fields.map((f) => (
          <div key={f.name}>
            <dt>
              <code>{f.name}</code>
            </dt>
            <dd>
              {f.type.kind === 'boolean' ? 'yes/no' : `${f.type.ordered ? 'ordered, lowest first' : 'one of'}: ${f.type.values.map((v) => v.value).join(', ')}`}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
