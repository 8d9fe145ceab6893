// The incident's timeline in event order, a note with its own event time, and the exports. The
// timeline is never edited: a mistake is corrected by a note that names the entry it corrects.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Badge, label, Time } from '../../components/ui.tsx';
import type { Incident } from '../../types.ts';

/** The value of a datetime-local input for a moment, in the browser's time zone. */
function localInput(d: Date): string {
  const shifted = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function NoteForm({ incident, onAdded }: { incident: Incident; onAdded(): void }) {
  const [at, setAt] = useState(() => localInput(new Date()));
  const [text, setText] = useState('');
  const [corrects, setCorrects] = useState('');
  const [error, setError] = useState('');
  async function add(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      await api('POST', `/api/incidents/${incident.id}/notes`, { at: new Date(at).toISOString(), text, ...(corrects ? { corrects } : {}) });
      setText('');
      setCorrects('');
      onAdded();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form className="card form" onSubmit={add} aria-label="Add to the timeline">
      <div className="row">
        <label>
          Event time
          <input type="datetime-local" required value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
        <label>
          Corrects
          <select value={corrects} onChange={(e) => setCorrects(e.target.value)}>
            <option value="">— nothing (a new note)</option>
            {incident.timeline.map((e) => (
              <option key={e.id} value={e.id}>
                {e.summary.slice(0, 80)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Note
        <textarea rows={2} required maxLength={5000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit">Add note</button>
      </div>
    </form>
  );
}

export function TimelineSection({ incident, canWrite, onChange }: { incident: Incident; canWrite: boolean; onChange(): void }) {
  return (
    <>
      <p className="row">
        <a href={`/api/incidents/${incident.id}/timeline/export?format=markdown`} download>
          Export (Markdown)
        </a>
        <a href={`/api/incidents/${incident.id}/timeline/export?format=jsonl`} download>
          Export (JSON Lines)
        </a>
      </p>
      <ol className="timeline" aria-label="Timeline">
        {incident.timeline.map((e) => (
          <li key={e.id}>
            <Time iso={e.at} relativeTo={false} /> <Badge kind={e.kind}>{label(e.kind)}</Badge> {e.summary}{' '}
            <span className="muted small">— {e.actorLabel}</span>
          </li>
        ))}
      </ol>
      {canWrite ? <NoteForm incident={incident} onAdded={onChange} /> : null}
    </>
  );
}
