// One ticket: its conversation as plain text. Message text is rendered by React, never as HTML.
import { Link, useParams } from 'react-router';
import { Badge, ErrorNote, label, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Ticket } from '../../types.ts';

const DIRECTION = { inbound: 'From requester', outbound: 'Reply sent', note: 'Internal note' } as const;

export function TicketPage() {
  const { id } = useParams();
  const { data: ticket, error, reload } = useApi<Ticket>(`/api/tickets/${id}`);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!ticket) return <Loading what="the ticket" />;
  return (
    <section>
      <p><Link to="/inbox">← Inbox</Link></p>
      <PageHeader title={`#${ticket.number} ${ticket.subject}`} />
      <dl className="facts">
        <div><dt>Status</dt><dd><Badge kind={ticket.status}>{ticket.status}</Badge></dd></div>
        <div><dt>Requester</dt><dd>{ticket.requester.name ? `${ticket.requester.name} <${ticket.requester.email}>` : ticket.requester.email}</dd></div>
        {ticket.organisation ? <div><dt>Organisation</dt><dd>{ticket.organisation}</dd></div> : null}
        <div><dt>Disposition</dt><dd>{ticket.disposition ? label(ticket.disposition) : 'not yet decided'}</dd></div>
        <div><dt>SLA due</dt><dd><Time iso={ticket.slaDueAt} relativeTo={false} /></dd></div>
        {ticket.tags.length ? <div><dt>Tags</dt><dd>{ticket.tags.join(', ')}</dd></div> : null}
      </dl>
      <ol className="conversation" aria-label="Conversation">
        {ticket.messages.map((m) => (
          <li key={m.id} className={`message message-${m.direction}`}>
            <header>
              <strong>{DIRECTION[m.direction]}</strong> <span className="muted">{m.from}</span> <Time iso={m.createdAt} relativeTo={false} />
            </header>
            <pre className="body">{m.bodyText}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
