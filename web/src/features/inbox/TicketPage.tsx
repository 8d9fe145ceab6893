// One ticket: its conversation as plain text, the one reply box (free text or a disposition's
// template), internal notes apart from it, and the side panel (status, assignee, tags, requester,
// SLA clock, history). Message text is rendered by React, never as HTML.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api.ts';
import { Badge, ErrorNote, label, Loading, PageHeader } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { Ticket } from '../../types.ts';
import { HistoryList, TicketSidePanel } from './TicketSidePanel.tsx';
import { Conversation } from './Conversation.tsx';
import { choiceFor, ReplyComposer, type Choice, type ComposerPreset } from './ReplyComposer.tsx';
import { TriageSuggestion } from './TriageSuggestion.tsx';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { TicketIncidents } from '../incidents/TicketIncidents.tsx';
import { TicketEngagements } from './TicketEngagements.tsx';

function NoteBox({ ticket, onAdded }: { ticket: Ticket; onAdded(): void }) {
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api('POST', `/api/tickets/${ticket.id}/notes`, { body });
      setBody('');
      onAdded();
    });
  }
  return (
    <form className="card form note-box" onSubmit={submit} aria-label="Internal note">
      <h2>
        Internal note <span className="badge">never mailed</span>
      </h2>
      <label>
        Internal note (only the team sees it; never sent)
        <textarea rows={3} required value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Add note
      </button>
    </form>
  );
}

export function TicketPage() {
  const { id } = useParams();
  const { can } = useSession();
  const { data: ticket, error, reload } = useApi<Ticket>(`/api/tickets/${id}`);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [preset, setPreset] = useState<ComposerPreset | null>(null);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!ticket) return <Loading what="the ticket" />;
  const changed = () => {
    reload();
    setHistoryVersion((v) => v + 1);
  };
  const compose = (choice: Choice, body?: string) => setPreset((p) => ({ choice, body, seq: (p?.seq ?? 0) + 1 }));
  const answering = can('tickets.write') && ticket.status !== 'closed';
  return (
    <section className="ticket-page">
      <p>
        <Link to="/inbox">← Inbox</Link>
      </p>
      <PageHeader title={`#${ticket.number} ${ticket.subject}`} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge kind={ticket.status}>{ticket.status}</Badge>
          </dd>
        </div>
        <div>
          <dt>Requester</dt>
          <dd>{ticket.requester.name ? `${ticket.requester.name} <${ticket.requester.email}>` : ticket.requester.email}</dd>
        </div>
        {ticket.organisation ? (
          <div>
            <dt>Organisation</dt>
            <dd>{ticket.organisation}</dd>
          </div>
        ) : null}
        <div>
          <dt>Assignee</dt>
          <dd>{ticket.assignee ? ticket.assignee.name : 'nobody'}</dd>
        </div>
        <div>
          <dt>Disposition</dt>
          <dd>{ticket.disposition ? label(ticket.disposition) : 'not yet decided'}</dd>
        </div>
        {ticket.tags.length ? (
          <div>
            <dt>Tags</dt>
            <dd>{ticket.tags.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      <TriageSuggestion
        ticketId={ticket.id}
        onChosen={(disposition, templateKey) => {
          const choice = !answering ? null : templateKey ? (`template:${templateKey}` as const) : disposition ? choiceFor(disposition) : null;
          if (choice) compose(choice);
        }}
      />
      <PossibleDuplicates ticketId={ticket.id} onReply={answering ? (templateKey) => compose(`template:${templateKey}`) : undefined} />
      <TicketIncidents ticketId={ticket.id} />
      <Conversation ticket={ticket} />
      <TicketEngagements ticket={ticket} onChanged={changed} onUseAnswer={answering ? (answer) => compose('text', answer) : undefined} />
      {answering ? <ReplyComposer ticket={ticket} preset={preset} onSent={changed} /> : null}
      {can('tickets.write') ? <NoteBox ticket={ticket} onAdded={changed} /> : null}
      <div className="ticket-side">
        <TicketSidePanel ticket={ticket} onChanged={changed} />
        <HistoryList key={historyVersion} ticketId={ticket.id} />
      </div>
    </section>
  );
}
