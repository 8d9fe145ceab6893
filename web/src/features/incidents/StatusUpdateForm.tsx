// The structured status update, prefilled from the last one and the timeline; publishing it resets
// the cadence of every engaged group. Below it, the history with what changed each time.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { FIELD_LABELS, STATUS_UPDATE_FIELDS, type StatusUpdateFields } from '../../../../src/domains/incidents/status-update.ts';
import { USERS_IMPACTED } from '../../../../src/domains/incidents/incidents.types.ts';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { StatusUpdate } from '../../types.ts';

type Fields = Record<keyof StatusUpdateFields, string>;
const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function StatusUpdateForm({ incidentId, onPublished }: { incidentId: string; onPublished(): void }) {
  const draft = useApi<Fields & { noChangeSince: string | null }>(`/api/incidents/${incidentId}/updates/draft`);
  const [fields, setFields] = useState<Fields | null>(null);
  const { busy, error, run } = useAction();
  useEffect(() => {
    if (!draft.data) return;
    const { noChangeSince: _n, ...prefilled } = draft.data;
    setFields(prefilled);
  }, [draft.data]);
  if (!fields) return null;

  function publish(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api<StatusUpdate>('POST', `/api/incidents/${incidentId}/updates`, fields);
      onPublished();
    });
  }
  const set = (name: keyof StatusUpdateFields) => (e: { target: { value: string } }) => setFields({ ...fields, [name]: e.target.value });
  return (
    <form className="card form" onSubmit={publish} aria-label="Status update">
      {draft.data?.noChangeSince ? <p className="muted">Prefilled: no change since the last update.</p> : null}
      {STATUS_UPDATE_FIELDS.map((name) =>
        name === 'usersImpacted' ? (
          <label key={name}>
            {capital(FIELD_LABELS[name])}
            <select value={fields[name]} onChange={set(name)}>
              {USERS_IMPACTED.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label key={name}>
            {capital(FIELD_LABELS[name])}
            <textarea rows={name === 'timelineOfEvents' ? 5 : 2} value={fields[name]} onChange={set(name)} />
          </label>
        ),
      )}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Publish update
        </button>
      </div>
    </form>
  );
}

export function StatusUpdateHistory({ incidentId }: { incidentId: string }) {
  const { data } = useApi<{ items: StatusUpdate[] }>(`/api/incidents/${incidentId}/updates`);
  if (!data || data.items.length === 0) return null;
  return (
    <ol className="timeline" aria-label="Status updates">
      {[...data.items].reverse().map((u) => (
        <li key={u.id}>
          <strong>Update #{u.number}</strong> <Time iso={u.publishedAt} relativeTo={false} /> <span className="muted small">— {u.authorLabel}</span>
          {u.notDelivered.map((n) => (
            <p key={n.engagementId} className="state error small">
              Not delivered to {n.group}: {n.reason}
            </p>
          ))}
          <dl className="facts update-fields">
            {u.changes.map((c) => (
              <div key={c.field}>
                <dt>
                  {FIELD_LABELS[c.field]}
                  {u.number > 1 ? ' (changed)' : ''}
                </dt>
                <dd>{c.after}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}
