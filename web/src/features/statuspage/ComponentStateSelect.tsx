// The state the affected components take with an update (or none: they stay as they are).
import { COMPONENT_STATES } from '../../../../src/domains/statuspage/statuspage.types.ts';
import { STATE_LABELS } from './labels.ts';

export function ComponentStateSelect({ value, onChange }: { value: string; onChange(state: string): void }) {
  return (
    <label>
      Set their state
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">leave as is (resolved: operational)</option>
        {COMPONENT_STATES.map((s) => (
          <option key={s} value={s}>
            {STATE_LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
