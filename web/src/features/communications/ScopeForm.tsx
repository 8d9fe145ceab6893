// Decision: the communications scope (who hears, about what) and how often they hear. While the
// medium is undecided, one save also records the channels ticked under Medium (each decision audited).
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import type { CommsChannel, CommsPlan } from '../../types.ts';
import { CHANNEL_LABELS, every } from './labels.ts';
import { saveMedium } from './MediumForm.tsx';
import { planPath } from './paths.ts';

const FREQUENCIES = [60, 120, 240, 480, 720, 1440];

export function ScopeForm({ plan, canWrite, channels, onSaved }: { plan: CommsPlan; canWrite: boolean; channels: CommsChannel[]; onSaved(): void }) {
  const withMedium = !plan.mediumDecidedAt && channels.length > 0;
  const [scope, setScope] = useState(plan.scope ?? '');
  const [publicTitle, setPublicTitle] = useState(plan.publicTitle ?? '');
  const [frequency, setFrequency] = useState(String(plan.frequencyMinutes ?? 240));
  const { busy, error, run } = useAction();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      try {
        await api('PUT', `${planPath(plan.incidentId)}/scope`, {
          scope,
          frequencyMinutes: Number(frequency),
          ...(publicTitle.trim() ? { publicTitle: publicTitle.trim() } : {}),
        });
        if (withMedium) await saveMedium(plan, channels);
      } finally {
        onSaved();
      }
    });
  };
  const options = FREQUENCIES.includes(Number(frequency)) ? FREQUENCIES : [...FREQUENCIES, Number(frequency)].sort((a, b) => a - b);
  return (
    <form className="card form" onSubmit={save} aria-label="Scope and frequency">
      <h3>Scope &amp; frequency</h3>
      {plan.scopeDecidedBy ? (
        <p className="muted small">
          Decided by {plan.scopeDecidedBy}: {every(plan.frequencyMinutes)}.
        </p>
      ) : (
        <p className="muted small">Not decided yet.</p>
      )}
      <label>
        Communications scope
        <textarea
          rows={3}
          value={scope}
          required
          maxLength={5000}
          disabled={!canWrite}
          onChange={(e) => setScope(e.target.value)}
          placeholder="Who is told what, e.g. all customers of the affected region"
        />
      </label>
      <label>
        Public title
        <input
          value={publicTitle}
          required
          maxLength={200}
          disabled={!canWrite}
          onChange={(e) => setPublicTitle(e.target.value)}
          placeholder="How outsiders will read about it, e.g. Unauthorised access to customer exports"
        />
      </label>
      <p className="small muted">
        Every public channel names the incident by this title ({'{{incident.public_title}}'}); the incident's own title stays internal.
      </p>
      <label>
        Frequency
        <select value={frequency} disabled={!canWrite} onChange={(e) => setFrequency(e.target.value)}>
          {options.map((m) => (
            <option key={m} value={m}>
              {every(m)}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {canWrite && withMedium ? (
        <p className="small" role="note">
          Also decides the medium: {channels.map((c) => CHANNEL_LABELS[c]).join(', ')} (as ticked under Medium).
        </p>
      ) : null}
      {canWrite ? (
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {withMedium ? 'Save scope, frequency & channels' : 'Save scope & frequency'}
          </button>
        </div>
      ) : null}
    </form>
  );
}
