// Schedule maintenance (published at once as "scheduled"), and move an open one along:
// in progress (its components show under maintenance), verifying, completed (operational again).
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { DateTimeField } from '../../components/DateTimeField.tsx';
import { MAINTENANCE_STATUSES } from '../../../../src/domains/statuspage/statuspage.types.ts';
import { useAction } from '../../useAction.ts';
import type { StatusComponent, StatusEvent } from '../../types.ts';
import { ComponentPicker } from './ComponentPicker.tsx';
import { STATUS_LABELS } from './labels.ts';

export function ScheduleMaintenance({ components, onDone }: { components: StatusComponent[]; onDone(): void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [slugs, setSlugs] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api('POST', '/api/statuspage/maintenance', {
        title,
        body,
        scheduledFor: from,
        scheduledUntil: until,
        componentSlugs: slugs,
      });
      setTitle('');
      setBody('');
      onDone();
    });
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Schedule maintenance">
      <h2>Schedule maintenance</h2>
      <div className="row">
        <label>
          Title
          <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <DateTimeField label="Starts" required value={from} onChange={setFrom} />
        <DateTimeField label="Ends" required value={until} onChange={setUntil} />
      </div>
      <label>
        What happens
        <textarea required rows={3} maxLength={10_000} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <ComponentPicker components={components} value={slugs} onChange={setSlugs} legend="Components" />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        Publish maintenance
      </button>
    </form>
  );
}

export function MaintenanceUpdate({ event, onDone }: { event: StatusEvent; onDone(): void }) {
  const [status, setStatus] = useState<string>('in_progress');
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction();
  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await api('POST', `/api/statuspage/maintenance/${event.id}/updates`, { status, body });
      setBody('');
      onDone();
    });
  }
  return (
    <form className="row" onSubmit={submit} aria-label={`Update maintenance ${event.title}`}>
      <label>
        Status
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          {MAINTENANCE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Update
        <input required maxLength={10_000} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Publish
      </button>
      {error ? (
        <span className="state error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
