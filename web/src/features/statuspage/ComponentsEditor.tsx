// The page's components: name, group, order and state (a state change is public at once), and a
// form to add one. The slug is the stable identifier subscriptions and other modules use.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { COMPONENT_STATES } from '../../../../src/domains/statuspage/statuspage.types.ts';
import { useAction } from '../../useAction.ts';
import type { StatusComponent } from '../../types.ts';
import { STATE_LABELS } from './labels.ts';

function ComponentRow({ component, onSaved }: { component: StatusComponent; onSaved(): void }) {
  const [name, setName] = useState(component.name);
  const [description, setDescription] = useState(component.description);
  const [group, setGroup] = useState(component.group ?? '');
  const [position, setPosition] = useState(component.position);
  const [state, setState] = useState(component.state);
  const { busy, error, run } = useAction();
  function save(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api('PATCH', `/api/statuspage/components/${component.slug}`, { name, description, group: group.trim() || null, position, state });
      onSaved();
    });
  }
  return (
    <form className="row" onSubmit={save} aria-label={`Component ${component.slug}`}>
      <code>{component.slug}</code>
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Description
        <input maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Group
        <input maxLength={100} value={group} onChange={(e) => setGroup(e.target.value)} />
      </label>
      <label>
        Order
        <input type="number" min={0} max={10000} value={position} onChange={(e) => setPosition(Number(e.target.value))} />
      </label>
      <label>
        State
        <select value={state} onChange={(e) => setState(e.target.value as StatusComponent['state'])}>
          {COMPONENT_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        Save
      </button>
      {error ? (
        <span className="state error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

function NewComponent({ onSaved }: { onSaved(): void }) {
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const { busy, error, run } = useAction();
  function add(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api('POST', '/api/statuspage/components', { slug, name, ...(group.trim() ? { group: group.trim() } : {}) });
      setSlug('');
      setName('');
      onSaved();
    });
  }
  return (
    <form className="row" onSubmit={add} aria-label="New component">
      <label>
        Slug
        <input
          required
          pattern="[a-z0-9][a-z0-9\-]{0,62}"
          title="lower-case letters, digits and dashes"
          value={slug}
          onChange={(e) => setSlug(e.target.value)}
        />
      </label>
      <label>
        Name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Group
        <input maxLength={100} value={group} onChange={(e) => setGroup(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Add component
      </button>
      {error ? (
        <span className="state error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

export function ComponentsEditor({ components, onSaved }: { components: StatusComponent[]; onSaved(): void }) {
  return (
    <section className="card form" aria-labelledby="components-h">
      <h2 id="components-h">Components</h2>
      {components.map((c) => (
        <ComponentRow key={`${c.slug}-${c.updatedAt}`} component={c} onSaved={onSaved} />
      ))}
      <NewComponent onSaved={onSaved} />
    </section>
  );
}
