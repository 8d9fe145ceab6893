// The security inbox: tickets with search and status filter.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, query, type Page } from '../../api.ts';
import { ago, Badge, Empty, ErrorNote, label, Loading, PageHeader, Time } from '../../components/ui.tsx';
import type { TicketSummary } from '../../types.ts';
import { UploadMail } from './UploadMail.tsx';

const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'];

function SlaDue({ ticket }: { ticket: TicketSummary }) {
  if (!ticket.slaDueAt || ticket.status === 'solved' || ticket.status === 'closed') return <span className="muted">—</span>;
  const late = new Date(ticket.slaDueAt).getTime() < Date.now();
  return <span className={late ? 'sla-breached' : undefined} title={new Date(ticket.slaDueAt).toLocaleString()}>{late ? `breached ${ago(ticket.slaDueAt)}` : `due ${ago(ticket.slaDueAt)}`}</span>;
}

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const [text, setText] = useState(q);
  const [items, setItems] = useState<TicketSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setItems(null);
    setError(null);
    api<Page<TicketSummary>>('GET', `/api/tickets${query({ q, status, limit: 50 })}`)
      .then((page) => current && (setItems(page.items), setNext(page.nextCursor)))
      .catch((err: Error) => current && setError(err));
    return () => { current = false; };
  }, [q, status, version]);

  async function more() {
    if (!next) return;
    const page = await api<Page<TicketSummary>>('GET', `/api/tickets${query({ q, status, limit: 50, cursor: next })}`);
    setItems((old) => [...(old ?? []), ...page.items]);
    setNext(page.nextCursor);
  }

  function search(event: FormEvent) {
    event.preventDefault();
    setParams(Object.fromEntries(Object.entries({ q: text, status }).filter(([, v]) => v)));
  }

  return (
    <section>
      <PageHeader title="Inbox" />
      <UploadMail onUploaded={() => setVersion((v) => v + 1)} />
      <form className="filters" role="search" onSubmit={search}>
        <label className="grow">Search<input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Words in subject, messages or requester" /></label>
        <label>Status
          <select value={status} onChange={(e) => setParams(Object.fromEntries(Object.entries({ q, status: e.target.value }).filter(([, v]) => v)))}>
            <option value="">All</option>
            {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      {error ? <ErrorNote error={error} retry={() => setVersion((v) => v + 1)} /> : null}
      {!items && !error ? <Loading what="tickets" /> : null}
      {items && items.length === 0 ? <Empty>{q || status ? 'No tickets match.' : 'The inbox is empty.'}</Empty> : null}
      {items && items.length > 0 ? (
        <table className="list">
          <thead><tr><th>#</th><th>Subject</th><th>Requester</th><th>Status</th><th>Disposition</th><th>Received</th><th>SLA</th></tr></thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td className="num">{t.number}</td>
                <td><Link to={`/inbox/${t.id}`}>{t.subject}</Link></td>
                <td>{t.requester.name ?? t.requester.email}<div className="muted small">{t.organisation ?? t.requester.email}</div></td>
                <td><Badge kind={t.status}>{t.status}</Badge></td>
                <td>{t.disposition ? label(t.disposition) : <span className="muted">—</span>}</td>
                <td><Time iso={t.createdAt} /></td>
                <td><SlaDue ticket={t} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {next ? <button type="button" onClick={() => void more()}>Load more</button> : null}
    </section>
  );
}
