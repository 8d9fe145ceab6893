// The incident's timeline in event order, a note with its own event time, and the exports. The
// timeline is never edited: a mistake is corrected by a note that names the entry it corrects.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Badge, label, Time } from '../../components/ui.tsx';
import { DateTimeField, nowIso } from '../../components/DateTimeField.tsx';
import type { Incident } from '../../types.ts';

function NoteForm({ incident, onAdded }: { incident: Incident; onAdded(): void }) {
  const [at, setAt] = useState(nowIso);
  const [text, setText] = useState('');
  const [corrects, setCorrects] = useState('');
  const [error, setError] = useState('');
  async function add(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      await api('POST', `/api/incidents/${incident.id}/notes`, { at, text, ...(corrects ? { corrects } : {}) });
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
        <DateTimeField label="Event time" required value={at} onChange={setAt} />
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
