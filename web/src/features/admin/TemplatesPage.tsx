// Admin → Templates: the team's mail templates. Edit one (every save is a new version, placeholders
// checked with the position of any problem), preview it with example values or a ticket's, read
// older versions and load one back into the editor. A further reply template can be added.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { MessageTemplate, RenderedTemplate, TemplateDetail } from '../../types.ts';

interface Draft {
  name: string;
  subject: string;
  body: string;
}

function Editor({ templateKey, onSaved }: { templateKey: string; onSaved(): void }) {
  const { data, error, reload } = useApi<TemplateDetail>(`/api/templates/${templateKey}`);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<RenderedTemplate | null>(null);
  const [ticketId, setTicketId] = useState('');
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [viewing, setViewing] = useState<number | null>(null);
  useEffect(() => {
    if (data) setDraft({ name: data.current.name, subject: data.current.subject, body: data.current.body });
  }, [data]);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data || !draft) return <Loading what="the template" />;

  const edit = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setPreview(null);
    setNotice('');
  };
  async function attempt(work: () => Promise<void>) {
    setProblem('');
    setNotice('');
    try {
      await work();
    } catch (err) {
      setProblem((err as Error).message);
    }
  }
  const showPreview = () =>
    attempt(async () => {
      setPreview(
        await api<RenderedTemplate>('POST', `/api/templates/${templateKey}/preview`, {
          subject: draft.subject,
          body: draft.body,
          ...(ticketId.trim() ? { ticketId: ticketId.trim() } : {}),
        }),
      );
    });
  const save = (event: FormEvent) => {
    event.preventDefault();
    return attempt(async () => {
      const saved = await api<{ version: number }>('PUT', `/api/templates/${templateKey}`, draft);
      setNotice(`Saved as version ${saved.version}.`);
      reload();
      onSaved();
    });
  };
  const shown = viewing === null ? null : data.versions.find((v) => v.version === viewing);
  return (
    <section className="card form" aria-label={`Template ${templateKey}`}>
      <h2>
        {data.current.name}{' '}
        <span className="muted small">
          {templateKey} · version {data.current.version}
        </span>
      </h2>
      <p className="muted">{data.purpose}</p>
      <form onSubmit={save} aria-label="Edit template">
        <label>
          Name
          <input value={draft.name} required maxLength={120} onChange={(e) => edit({ name: e.target.value })} />
        </label>
        <label>
          Subject
          <input value={draft.subject} required maxLength={300} onChange={(e) => edit({ subject: e.target.value })} />
        </label>
        <label>
          Body
          <textarea rows={16} value={draft.body} required onChange={(e) => edit({ body: e.target.value })} />
        </label>
        <details>
          <summary>Placeholders</summary>
          <ul>
            {data.variables.map((v) => (
              <li key={v.name}>
                <code>{`{{${v.name}}}`}</code> {v.description}
              </li>
            ))}
          </ul>
        </details>
        <div className="row">
          <label>
            Preview with ticket id (optional)
            <input value={ticketId} onChange={(e) => setTicketId(e.target.value)} placeholder="example values" />
          </label>
        </div>
        <div className="row">
          <button type="button" onClick={() => void showPreview()}>
            Preview
          </button>
          <button type="submit" className="primary">
            Save new version
          </button>
        </div>
      </form>
      {problem ? (
        <p className="state error" role="alert">
          {problem}
        </p>
      ) : null}
      {notice ? (
        <p className="state notice" role="status">
          {notice}
        </p>
      ) : null}
      {preview ? (
        <section aria-label="Rendered preview">
          <p>
            <strong>{preview.subject}</strong>
          </p>
          <pre className="forward-body">{preview.body}</pre>
        </section>
      ) : null}
      <section aria-label="Versions">
        <h3>Versions</h3>
        <ol className="history">
          {data.versions.map((v) => (
            <li key={v.version}>
              <button type="button" className="link" onClick={() => setViewing(viewing === v.version ? null : v.version)}>
                Version {v.version}
              </button>{' '}
              {v.name}{' '}
              <span className="muted small">
                {v.createdBy} · <Time iso={v.createdAt} />
              </span>
            </li>
          ))}
        </ol>
        {shown ? (
          <div aria-label={`Version ${shown.version}`} role="region">
            <p>
              <strong>{shown.subject}</strong>
            </p>
            <pre className="forward-body">{shown.body}</pre>
            <button type="button" onClick={() => edit({ name: shown.name, subject: shown.subject, body: shown.body })}>
              Load into the editor
            </button>
          </div>
        ) : null}
      </section>
    </section>
  );
}

function AddReplyTemplate({ onAdded }: { onAdded(key: string): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    const key = `reply.${name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}`;
    try {
      await api('PUT', `/api/templates/${key}`, {
        name: name.trim(),
        subject: 'Re: [secdesk #{{ticket.number}}] {{ticket.subject}}',
        body: 'Hello {{requester.name}},\n\n\n\nKind regards,\n{{team.name}}',
      });
      setName('');
      onAdded(key);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="New reply template">
      <div className="row">
        <label>
          New reply template
          <input value={name} required maxLength={60} onChange={(e) => setName(e.target.value)} placeholder="e.g. Encryption at rest" />
        </label>
      </div>
      <button type="submit">Add reply template</button>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

export function TemplatesPage() {
  const { data, error, reload } = useApi<{ items: MessageTemplate[] }>('/api/templates');
  const [selected, setSelected] = useState<string | null>(null);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data) return <Loading what="templates" />;
  return (
    <section>
      <PageHeader title="Templates" />
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Key</th>
            <th>Version</th>
            <th>Saved</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((t) => (
            <tr key={t.key} aria-selected={selected === t.key}>
              <td>
                <button type="button" className="link" onClick={() => setSelected(t.key)}>
                  {t.current.name}
                </button>
              </td>
              <td>
                <code>{t.key}</code>
              </td>
              <td>{t.current.version}</td>
              <td>
                <Time iso={t.current.createdAt} /> <span className="muted small">{t.current.createdBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddReplyTemplate onAdded={(key) => (reload(), setSelected(key))} />
      {selected ? <Editor key={selected} templateKey={selected} onSaved={reload} /> : <p className="state">Choose a template to edit it.</p>}
    </section>
  );
}
