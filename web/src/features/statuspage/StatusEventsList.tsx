// What the page carries: each status-page incident and maintenance with its updates, drafts marked
// and publishable from here.
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import type { StatusEvent } from '../../types.ts';
import { MaintenanceUpdate } from './MaintenanceForm.tsx';
import { STATUS_LABELS } from './labels.ts';

export function StatusEventsList({ events, onChanged }: { events: StatusEvent[]; onChanged(): void }) {
  const { busy, error, run } = useAction();
  const publish = (id: string) =>
    void run(async () => {
      await api('POST', `/api/statuspage/updates/${id}/publish`);
      onChanged();
    });
  if (events.length === 0) return <p className="muted">Nothing published yet.</p>;
  return (
    <section aria-labelledby="events-h">
      <h2 id="events-h">On the page</h2>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {events.map((ev) => (
        <article key={ev.id} className="card">
          <h3>
            <a href={`/status/incidents/${ev.id}`} target="_blank" rel="noreferrer">
              {ev.title}
            </a>{' '}
            <span className="muted small">
              {ev.kind} · {STATUS_LABELS[ev.status]}
            </span>
          </h3>
          <ol className="timeline">
            {ev.updates.map((u) => (
              <li key={u.id}>
                <strong>{STATUS_LABELS[u.status]}</strong>{' '}
                {u.publishedAt ? (
                  <>
                    <Time iso={u.publishedAt} relativeTo={false} /> <span className="muted small">— {u.publishedBy}</span>
                  </>
                ) : (
                  <>
                    <span className="badge">draft</span>{' '}
                    <button type="button" disabled={busy} onClick={() => publish(u.id)}>
                      Publish draft
                    </button>
                  </>
                )}
                <p className="pre-wrap">{u.body}</p>
              </li>
            ))}
          </ol>
          {ev.kind === 'maintenance' && !ev.resolvedAt ? <MaintenanceUpdate event={ev} onDone={onChanged} /> : null}
        </article>
      ))}
    </section>
  );
}
