// The facts that drive the communications plan, as checkboxes and a select; used when declaring and on the incident page.
import { FACT_LABELS, FLAG_FACTS } from '../../../../src/domains/incidents/incident-facts.ts';
import { USERS_IMPACTED, type PlanFacts } from '../../../../src/domains/incidents/incidents.types.ts';

export function FactsFields({ facts, onChange, disabled }: { facts: PlanFacts; onChange(next: PlanFacts): void; disabled?: boolean }) {
  return (
    <fieldset className="fact-fields" disabled={disabled}>
      <legend>Facts</legend>
      {FLAG_FACTS.map((name) => (
        <label key={name} className="check">
          <input type="checkbox" checked={facts[name]} onChange={(e) => onChange({ ...facts, [name]: e.target.checked })} /> {FACT_LABELS[name]}
        </label>
      ))}
      <label>
        Users impacted
        <select value={facts.usersImpacted} onChange={(e) => onChange({ ...facts, usersImpacted: e.target.value as PlanFacts['usersImpacted'] })}>
          {USERS_IMPACTED.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
