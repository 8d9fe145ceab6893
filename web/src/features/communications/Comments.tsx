// Comments on a draft, each tied to the version it was written on.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import type { Communication } from '../../types.ts';
import { commPath } from './paths.ts';

export function Comments({ incidentId, communication, onAdded }: { incidentId: string | null; communication: Communication; onAdded(): void }) {
  const { can } = useSession();
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction();
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', `${commPath(incidentId, communication.id)}/comments`, { body });
      setBody('');
      onAdded();
    });
  };
  return (
    <section aria-label="Comments">
      <h4>Comments</h4>
      {communication.comments.length === 0 ? (
        <p className="muted small">No comments yet.</p>
      ) : (
        <ul className="history">
          {communication.comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author}</strong> on version {c.version} · <Time iso={c.createdAt} />
              <pre className="body">{c.body}</pre>
            </li>
          ))}
        </ul>
      )}
      {can('comms.draft') ? (
        <form className="form" onSubmit={add} aria-label="Add a comment">
          <label>
            Comment
            <textarea rows={2} value={body} required maxLength={5000} onChange={(e) => setBody(e.target.value)} />
          </label>
          {error ? (
            <p className="state error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="row">
            <button type="submit" disabled={busy || !body.trim()}>
              Add comment
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
