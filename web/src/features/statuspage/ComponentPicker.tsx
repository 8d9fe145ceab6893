// Checkboxes for the components an update or maintenance affects.
import type { StatusComponent } from '../../types.ts';

export function ComponentPicker({
  components,
  value,
  onChange,
  legend,
}: {
  components: StatusComponent[];
  value: string[];
  onChange(slugs: string[]): void;
  legend: string;
}) {
  if (components.length === 0) return <p className="muted">No components yet: add them below.</p>;
  const toggle = (slug: string, on: boolean) => onChange(on ? [...value, slug] : value.filter((s) => s !== slug));
  return (
    <fieldset className="row">
      <legend>{legend}</legend>
      {components.map((c) => (
        <label key={c.slug} className="inline">
          <input type="checkbox" checked={value.includes(c.slug)} onChange={(e) => toggle(c.slug, e.target.checked)} /> {c.name}
        </label>
      ))}
    </fieldset>
  );
}
