// Publish an update about a live incident on the public page: pick a non-restricted incident, the
// status, the text and the affected components; preview it as the page will show it; then publish
// it (subscribers are notified) or keep it as a draft.
import { useState, type FormEvent } from 'react';
import { api, type Page } from '../../api.ts';
import { renderMarkdown } from '../../../../src/domains/statuspage/render/markdown.ts';
import { INCIDENT_UPDATE_STATUSES } from '../../../../src/domains/statuspage/statuspage.types.ts';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { useSession } from '../../session.tsx';
import type { IncidentSummary, StatusComponent, StatusEvent, StatusPublished } from '../../types.ts';
import { ComponentPicker } from './ComponentPicker.tsx';
import { ComponentStateSelect } from './ComponentStateSelect.tsx';
import { STATE_LABELS, STATUS_LABELS } from './labels.ts';

/** What Publish does, shown with the preview before the one click that does it. */
function PublishConsequences({ components, state }: { components: string[]; state: string }) {
  const { can } = useSession();
  const counts = useApi<{ counts: { kind: string; state: string; count: number }[] }>(can('comms.send') ? '/api/status/subscribers?kind=email' : null);
  const confirmed = (kind: string) => counts.data?.counts.find((c) => c.kind === kind && c.state === 'confirmed')?.count ?? 0;
  const who = counts.data
    ? `${confirmed('email')} confirmed email subscriber${confirmed('email') === 1 ? '' : 's'} and ${confirmed('webhook')} webhook${confirmed('webhook') === 1 ? '' : 's'}`
    : 'its confirmed subscribers and webhooks';
  const affected = components.length
    ? ` ${components.join(', ')} ${state ? `become ${STATE_LABELS[state as keyof typeof STATE_LABELS]}` : 'keep their state'}.`
    : '';
  return (
    <p className="small" role="note">
      Publish puts this on the public page, its feeds and JSON at once, and notifies {who}; a published update cannot be taken back, only followed by another.
      {affected}
    </p>
  );
}

export function PublishUpdateForm({ components, events, onDone }: { components: StatusComponent[]; events: StatusEvent[]; onDone(): void }) {
  const incidents = useApi<Page<IncidentSummary>>('/api/incidents?limit=200');
  const eligible = incidents.data?.items.filter((i) => i.visibility === 'normal') ?? [];
  const [incidentId, setIncidentId] = useState('');
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<string>('investigating');
  const [body, setBody] = useState('');
  const [slugs, setSlugs] = useState<string[]>([]);
  const [state, setState] = useState('');
  const [preview, setPreview] = useState(false);
  const [done, setDone] = useState<StatusPublished | null>(null);
  const { busy, error, run } = useAction();
  // The public title is the page's own text: needed until the incident is on the page (never its internal title).
  const onPage = events.find((e) => e.kind === 'incident' && e.incidentId === incidentId);

  const payload = () => ({
    status,
    body,
    ...(title.trim() ? { title: title.trim() } : {}),
    ...(slugs.length ? { componentSlugs: slugs } : {}),
    ...(state ? { componentState: state } : {}),
  });
  function send(kind: 'updates' | 'drafts') {
    void run(async () => {
      const result = await api<StatusPublished | { id: string }>('POST', `/api/statuspage/incidents/${incidentId}/${kind}`, payload());
      setDone('url' in result ? result : null);
      setBody('');
      setPreview(false);
      onDone();
    });
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!preview) setPreview(true);
    else send('updates');
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Publish a status page update">
      <h2>Publish an incident update</h2>
      <div className="row">
        <label>
          Incident
          <select required value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
            <option value="">choose…</option>
            {eligible.map((i) => (
              <option key={i.id} value={i.id}>
                #{i.number} {i.title} ({i.status})
              </option>
            ))}
          </select>
        </label>
        <label>
          Public title{onPage ? ` (now: ${onPage.title}; leave empty to keep it)` : " (shown to the public; the incident's own title never is)"}
          <input required={!onPage} maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {INCIDENT_UPDATE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Update (plain text; **bold**, *emphasis*, `code`, "- " lists, [links](https://…))
        <textarea
          required
          rows={5}
          maxLength={10_000}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setPreview(false);
          }}
        />
      </label>
      <ComponentPicker components={components} value={slugs} onChange={setSlugs} legend="Affected components (default: those already affected)" />
      <ComponentStateSelect value={state} onChange={setState} />
      {preview ? (
        <section className="card" aria-label="Preview">
          <p className="muted small">Preview: {STATUS_LABELS[status as 'investigating']}</p>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes every character of the text first: it only adds its own few tags. */}
          <div dangerouslySetInnerHTML={{ __html: renderMarkdown(body) }} />
          <PublishConsequences components={components.filter((c) => slugs.includes(c.slug)).map((c) => c.name)} state={state} />
        </section>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="state notice" role="status">
          Published:{' '}
          <a href={new URL(done.url).pathname} target="_blank" rel="noreferrer">
            view it on the public page
          </a>
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !incidentId || !body.trim()}>
          {preview ? 'Publish' : 'Preview'}
        </button>
        <button type="button" disabled={busy || !incidentId || !body.trim()} onClick={() => send('drafts')}>
          Save as draft
        </button>
      </div>
    </form>
  );
}
