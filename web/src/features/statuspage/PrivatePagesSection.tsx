// Private status pages (/status/p/:slug): customer-specific status with a subset of the components and
// incidents of their own, behind a password, allowed mail domains and/or IP ranges. Their incidents
// never reach the public page.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { ErrorNote, Loading } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { StatusComponent, Wire } from '../../types.ts';
import type { PrivateIncident as DomainIncident, PrivatePage as DomainPage } from '../../../../src/domains/status-private/private-pages.types.ts';
import { COMPONENT_STATES, INCIDENT_UPDATE_STATUSES } from '../../../../src/domains/statuspage/statuspage.types.ts';
import { ComponentPicker } from './ComponentPicker.tsx';
import { STATE_LABELS, STATUS_LABELS } from './labels.ts';

type PrivatePage = Wire<DomainPage>;
type PrivateIncident = Wire<DomainIncident>;
const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function protections(page: PrivatePage): string {
  const parts = [
    page.hasPassword ? 'password' : '',
    page.emailDomains.length ? `mail at ${page.emailDomains.join(', ')}` : '',
    page.ipRanges.length ? `from ${page.ipRanges.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

function CreatePage({ components, onDone }: { components: StatusComponent[]; onDone(): void }) {
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [domains, setDomains] = useState('');
  const [ranges, setRanges] = useState('');
  const [slugs, setSlugs] = useState<string[]>([]);
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api('POST', '/api/statuspage/private-pages', {
        slug,
        name,
        componentSlugs: slugs,
        emailDomains: list(domains),
        ipRanges: list(ranges),
        ...(password ? { password } : {}),
      });
      setSlug('');
      setName('');
      setPassword('');
      onDone();
    });
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Create a private status page">
      <h3>New private page</h3>
      <div className="row">
        <label>
          Address /status/p/
          <input required pattern="[a-z0-9][a-z0-9-]{0,62}" value={slug} onChange={(e) => setSlug(e.target.value)} />
        </label>
        <label>
          Name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          Password (12+ characters)
          <input type="password" minLength={12} maxLength={256} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Mail domains
          <input placeholder="customer.example" value={domains} onChange={(e) => setDomains(e.target.value)} />
        </label>
        <label>
          IP ranges
          <input placeholder="203.0.113.0/24" value={ranges} onChange={(e) => setRanges(e.target.value)} />
        </label>
      </div>
      <ComponentPicker components={components} value={slugs} onChange={setSlugs} legend="Components shown (none ticked: all)" />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        Create page
      </button>
    </form>
  );
}

function PublishPrivate({ page, incidents, onDone }: { page: PrivatePage; incidents: PrivateIncident[]; onDone(): void }) {
  const open = incidents.filter((i) => !i.resolvedAt);
  const [target, setTarget] = useState('new');
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<string>('investigating');
  const [state, setState] = useState('');
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const common = { status, body, ...(state ? { componentState: state } : {}) };
      if (target === 'new')
        await api('POST', `/api/statuspage/private-pages/${page.slug}/incidents`, { ...common, title, componentSlugs: page.componentSlugs });
      else await api('POST', `/api/statuspage/private-pages/${page.slug}/incidents/${target}/updates`, common);
      setBody('');
      setTitle('');
      onDone();
    });
  }
  return (
    <form className="form" onSubmit={submit} aria-label={`Publish on ${page.name}`}>
      <div className="row">
        <label>
          Incident
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="new">New incident</option>
            {open.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </label>
        {target === 'new' ? (
          <label>
            Title
            <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
        ) : null}
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
        <label>
          Components on this page
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">unchanged</option>
            {COMPONENT_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        Update
        <textarea required rows={2} maxLength={10_000} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Publish on this page only
      </button>
    </form>
  );
}

function PageCard({ page, onChanged }: { page: PrivatePage; onChanged(): void }) {
  const detail = useApi<PrivatePage & { incidents: PrivateIncident[] }>(`/api/statuspage/private-pages/${page.slug}`);
  const { busy, error, run } = useAction();
  const reload = () => {
    detail.reload();
    onChanged();
  };
  return (
    <article className="card">
      <h3>
        {page.name}{' '}
        <a href={`/status/p/${page.slug}`} target="_blank" rel="noreferrer">
          /status/p/{page.slug}
        </a>
      </h3>
      <p className="muted">
        Open to: {protections(page)}. Components: {page.componentSlugs.length ? page.componentSlugs.join(', ') : 'all'}.
      </p>
      {detail.data ? (
        <ul>
          {detail.data.incidents.map((i) => (
            <li key={i.id}>
              {i.title}: {STATUS_LABELS[i.status as keyof typeof STATUS_LABELS] ?? i.status}
              {i.resolvedAt ? ' (resolved)' : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <PublishPrivate page={page} incidents={detail.data?.incidents ?? []} onDone={reload} />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          if (confirm(`Delete the private page ${page.name} and its incidents?`))
            void run(async () => {
              await api('DELETE', `/api/statuspage/private-pages/${page.slug}`);
              onChanged();
            });
        }}
      >
        Delete page
      </button>
    </article>
  );
}

export function PrivatePagesSection({ components }: { components: StatusComponent[] }) {
  const pages = useApi<{ items: PrivatePage[] }>('/api/statuspage/private-pages');
  if (pages.error) return <ErrorNote error={pages.error} retry={pages.reload} />;
  if (!pages.data) return <Loading what="the private pages" />;
  return (
    <section aria-labelledby="private-pages-h">
      <h2 id="private-pages-h">Private pages</h2>
      <p className="lead">Status for one customer: the components you choose and incidents of their own, never shown on the public page.</p>
      {pages.data.items.map((page) => (
        <PageCard key={page.slug} page={page} onChanged={pages.reload} />
      ))}
      <CreatePage components={components} onDone={pages.reload} />
    </section>
  );
}
