// The draft editor: subject and body (prefilled from the channel's template with the incident's
// facts), a preview with those facts, template errors at their line and column, and saving a new
// version (which voids any approval of the previous one). An email channel lists the placeholders
// filled per recipient: the fixed ones and the columns of the list it goes to.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import type { Communication, CommsTemplatePreview as TemplatePreview } from '../../types.ts';
import { commPath, commsPath } from './paths.ts';

interface Problem {
  part?: string;
  line: number;
  column: number;
  message: string;
  placeholder?: string;
}

/** Positioned problems from an error's details (template errors), if it carries any. */
export function problemsOf(err: unknown): Problem[] {
  const details = err instanceof ApiError ? err.details : null;
  const list = Array.isArray(details)
    ? details
    : Array.isArray((details as { problems?: unknown })?.problems)
      ? (details as { problems: unknown[] }).problems
      : [];
  return list.filter(
    (p): p is Problem => typeof p === 'object' && p !== null && typeof (p as Problem).line === 'number' && typeof (p as Problem).message === 'string',
  );
}

export function ProblemList({ problems, label }: { problems: Problem[]; label: string }) {
  if (!problems.length) return null;
  return (
    <ul className="state error" aria-label={label}>
      {problems.map((p, i) => (
        <li key={i}>
          {p.part ? `${p.part[0]!.toUpperCase()}${p.part.slice(1)} line` : 'Line'} {p.line}, column {p.column}:{' '}
          {p.placeholder ? <code>{p.placeholder}</code> : null} {p.message}
        </li>
      ))}
    </ul>
  );
}

function RecipientPlaceholders({ placeholders }: { placeholders: Communication['placeholders'] }) {
  if (!placeholders.names.length) return null;
  return (
    <p className="muted small" role="note" aria-label="Placeholders for each recipient">
      Filled in for each recipient{placeholders.list ? ` from the list “${placeholders.list}”` : ''}:{' '}
      {placeholders.names.map((name, i) => (
        <span key={name}>
          {i ? ', ' : ''}
          <code>{`{{${name}}}`}</code>
        </span>
      ))}
      {placeholders.list ? null : ' (attach a list to use its columns)'}
    </p>
  );
}

export function DraftEditor({ incidentId, communication, onSaved }: { incidentId: string | null; communication: Communication; onSaved(): void }) {
  const current = communication.versions.find((v) => v.version === communication.currentVersion) ?? communication.versions[0];
  const [subject, setSubject] = useState(current?.subject ?? communication.subject);
  const [body, setBody] = useState(current?.body ?? '');
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState('');
  const save = useAction({ describe: (err) => (setProblems(problemsOf(err)), (err as Error).message) });
  const previewing = useAction({ describe: (err) => (setProblems(problemsOf(err)), (err as Error).message) });
  const changed = subject !== current?.subject || body !== current?.body;
  const approved = communication.approval?.version === communication.currentVersion;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblems([]);
    setNotice('');
    void save.run(async () => {
      const saved = await api<Communication>('POST', `${commPath(incidentId, communication.id)}/versions`, { subject, body });
      setNotice(`Saved as version ${saved.currentVersion}.${approved ? ' The earlier approval is void: the new version needs review.' : ''}`);
      onSaved();
    });
  };
  const showPreview = (forIncident: string) => {
    setProblems([]);
    void previewing.run(async () =>
      setPreview(await api<TemplatePreview>('POST', `${commsPath(forIncident)}/preview`, { channel: communication.channel, subject, body })),
    );
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Draft">
      <label>
        Subject
        <input value={subject} required maxLength={300} onChange={(e) => (setSubject(e.target.value), setPreview(null))} />
      </label>
      <label>
        Body
        <textarea rows={14} value={body} required onChange={(e) => (setBody(e.target.value), setPreview(null))} />
      </label>
      <RecipientPlaceholders placeholders={communication.placeholders} />
      {approved && changed ? <p className="state warning">Saving this edit voids the approval of version {communication.currentVersion}.</p> : null}
      <ProblemList problems={problems} label="Template errors" />
      {save.error || previewing.error ? (
        <p className="state error" role="alert">
          {save.error || previewing.error}
        </p>
      ) : null}
      {notice ? (
        <p className="state notice" role="status">
          {notice}
        </p>
      ) : null}
      <div className="row">
        {incidentId ? (
          <button type="button" disabled={previewing.busy} onClick={() => showPreview(incidentId)}>
            Preview with the incident's facts
          </button>
        ) : null}
        <button type="submit" className="primary" disabled={save.busy || !changed}>
          Save new version
        </button>
      </div>
      {preview ? (
        <section aria-label="Preview" className="preview">
          <h4>Preview</h4>
          <p>
            <strong>{preview.subject}</strong>
          </p>
          <pre className="forward-body">{preview.body}</pre>
        </section>
      ) : null}
    </form>
  );
}
