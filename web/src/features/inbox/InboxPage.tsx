// The security inbox: views with counts, full-text search, filters, and each ticket's SLA clock.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, query, type Page } from '../../api.ts';
import { Badge, Empty, ErrorNote, label, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { DISPOSITIONS, TICKET_STATUSES } from '../../../../src/domains/tickets/tickets.types.ts';
import type { TicketSummary, ViewCounts } from '../../types.ts';
import { SlaCell } from './SlaClock.tsx';
import { UploadMail } from './UploadMail.tsx';

const VIEWS = [
  { view: 'all', label: 'All tickets' },
  { view: 'unassigned', label: 'Unassigned' },
  { view: 'mine', label: 'Assigned to me' },
  { view: 'sla_at_risk', label: 'SLA at risk' },
  { view: 'breached', label: 'SLA breached' },
] as const;

type Params = { view: string; q: string; status: string; disposition: string };

function ViewList({ counts, params, go }: { counts: ViewCounts | null; params: Params; go(next: Partial<Params>): void }) {
  return (
    <nav className="views" aria-label="Views">
      <ul>
        {VIEWS.map((v) => (
          <li key={v.view}>
            <button
              type="button"
              className={params.view === v.view && !params.disposition ? 'active' : undefined}
              aria-current={params.view === v.view && !params.disposition ? 'page' : undefined}
              onClick={() => go({ view: v.view, disposition: '' })}
            >
              <span>{v.label}</span> <span className="count">{counts ? counts.views[v.view] : ''}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2>By disposition</h2>
      <ul>
        {['none', ...DISPOSITIONS].map((d) => (
          <li key={d}>
            <button
              type="button"
              className={params.disposition === d ? 'active' : undefined}
              aria-current={params.disposition === d ? 'page' : undefined}
              onClick={() => go({ view: 'all', disposition: d })}
            >
              <span>{d === 'none' ? 'Not yet decided' : label(d)}</span> <span className="count">{counts ? (counts.dispositions[d] ?? 0) : ''}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function InboxPage() {
  const [search, setSearch] = useSearchParams();
  const params: Params = {
    view: search.get('view') ?? 'all',
    q: search.get('q') ?? '',
    status: search.get('status') ?? '',
    disposition: search.get('disposition') ?? '',
  };
  const { view, q, status, disposition } = params;
  const [text, setText] = useState(q);
  const [items, setItems] = useState<TicketSummary[] | null>(null);
  const [counts, setCounts] = useState<ViewCounts | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [version, setVersion] = useState(0);
  const listQuery = { view: view === 'all' ? '' : view, q, status, disposition };

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    api<Page<TicketSummary>>('GET', `/api/tickets${query({ ...listQuery, limit: 50 })}`)
      .then((page) => current && (setItems(page.items), setNext(page.nextCursor)))
      .catch((err: Error) => current && setError(err));
    api<ViewCounts>('GET', '/api/tickets/views')
      .then((c) => current && setCounts(c))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [view, q, status, disposition, version]);

  function go(change: Partial<Params>) {
    setSearch(Object.fromEntries(Object.entries({ ...params, ...change }).filter(([k, v]) => v && !(k === 'view' && v === 'all'))));
  }

  async function more() {
    if (!next) return;
    const page = await api<Page<TicketSummary>>('GET', `/api/tickets${query({ ...listQuery, limit: 50, cursor: next })}`);
    setItems((old) => [...(old ?? []), ...page.items]);
    setNext(page.nextCursor);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    go({ q: text.trim() });
  }

  const filtered = Boolean(q || status || disposition || view !== 'all');
  return (
    <section>
      <PageHeader title="Inbox" />
      <UploadMail onUploaded={() => setVersion((v) => v + 1)} />
      <div className="inbox">
        <ViewList counts={counts} params={params} go={go} />
        <div className="inbox-main">
          <form className="filters" role="search" onSubmit={submit}>
            <label className="grow">
              Search
              <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Words in subject, messages or requester" />
            </label>
            <label>
              Status
              <select value={status} onChange={(e) => go({ status: e.target.value })}>
                <option value="">All</option>
                {TICKET_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Disposition
              <select value={disposition} onChange={(e) => go({ disposition: e.target.value })}>
                <option value="">All</option>
                <option value="none">not yet decided</option>
                {DISPOSITIONS.map((d) => (
                  <option key={d} value={d}>
                    {label(d)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">Search</button>
          </form>
          {error ? <ErrorNote error={error} retry={() => setVersion((v) => v + 1)} /> : null}
          {!items && !error ? <Loading what="tickets" /> : null}
          {items && items.length === 0 ? <Empty>{filtered ? 'No tickets match.' : 'The inbox is empty.'}</Empty> : null}
          {items && items.length > 0 ? (
            <table className="list stack">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Subject</th>
                  <th>Requester</th>
                  <th>Status</th>
                  <th>Assignee</th>
                  <th>Disposition</th>
                  <th>Received</th>
                  <th>SLA</th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <tr key={t.id}>
                    <td className="num" data-label="#">
                      {t.number}
                    </td>
                    <td data-label="Subject">
                      <Link to={`/inbox/${t.id}`}>{t.subject}</Link>
                      {t.tags.length ? (
                        <div>
                          {t.tags.map((tag) => (
                            <Badge key={tag} kind="tag">
                              {tag}
                            </Badge>
                          ))}
                        </div>
                      ) : null}
                    </td>
                    <td data-label="Requester">
                      {t.requester.name ?? t.requester.email}
                      <div className="muted small">{t.organisation ?? t.requester.email}</div>
                    </td>
                    <td className="nowrap" data-label="Status">
                      <Badge kind={t.status}>{t.status}</Badge>
                    </td>
                    <td className="words" data-label="Assignee">
                      {t.assignee ? t.assignee.name : <span className="muted">—</span>}
                    </td>
                    <td className="words" data-label="Disposition">
                      {t.disposition ? label(t.disposition) : <span className="muted">—</span>}
                    </td>
                    <td className="words" data-label="Received">
                      <Time iso={t.createdAt} />
                    </td>
                    <td className="words" data-label="SLA">
                      <SlaCell sla={t.sla} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {next ? (
            <button type="button" onClick={() => void more()}>
              Load more
            </button>
          ) : null}
        </div>
      </div>
    </section>
  );
}
