// The ticket's side panel: status (only the lifecycle's allowed moves), assignee, tags, requester
// details, the SLA clock and the history from the audit log. The disposition is decided in the reply box.
import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api.ts';
import { label, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { STATUS_TRANSITIONS } from '../../../../src/domains/tickets/tickets.types.ts';
import type { Agent, Ticket, TicketHistoryEntry } from '../../types.ts';
import { SlaPanel } from './SlaClock.tsx';

type Patch = Partial<{
  status: string;
  assigneeId: string | null;
  disposition: string | null;
  tags: string[];
  requesterName: string | null;
  organisation: string | null;
}>;

function Field({ children }: { children: ReactNode }) {
  return <div className="field">{children}</div>;
}

function RequesterForm({ ticket, save }: { ticket: Ticket; save(patch: Patch): Promise<void> }) {
  const [name, setName] = useState(ticket.requester.name ?? '');
  const [organisation, setOrganisation] = useState(ticket.organisation ?? '');
  function submit(event: FormEvent) {
    event.preventDefault();
    void save({ requesterName: name.trim() || null, organisation: organisation.trim() || null });
  }
  return (
    <form onSubmit={submit} aria-label="Requester">
      <label>
        Requester name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Organisation
        <input value={organisation} maxLength={200} onChange={(e) => setOrganisation(e.target.value)} />
      </label>
      <button type="submit">Save requester</button>
    </form>
  );
}

function TagsForm({ ticket, save }: { ticket: Ticket; save(patch: Patch): Promise<void> }) {
  const [text, setText] = useState(ticket.tags.join(', '));
  function submit(event: FormEvent) {
    event.preventDefault();
    void save({
      tags: text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    });
  }
  return (
    <form onSubmit={submit} aria-label="Tags">
      <label>
        Tags (comma-separated)
        <input value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">Save tags</button>
    </form>
  );
}

const ACTIONS: Record<string, string> = {
  'ticket.opened': 'opened',
  'ticket.mail_appended': 'mail added',
  'ticket.reopened_by_mail': 'reopened by the requester',
  'ticket.replied': 'replied',
  'ticket.status_changed': 'status changed',
  'ticket.assigned': 'assigned',
  'ticket.unassigned': 'unassigned',
  'ticket.disposition_set': 'disposition set',
  'ticket.tags_set': 'tags set',
  'ticket.requester_changed': 'requester changed',
  'ticket.note_added': 'internal note added',
  'ticket.closed_quietly': 'closed after the quiet period',
  'ticket.sla_warning': 'SLA warning sent',
  'ticket.sla_breached': 'SLA breach alert sent',
  'ticket.triage_suggested': 'triage suggested',
  'ticket.triage_decided': 'triage choice recorded',
  'ticket.attachment_downloaded': 'attachment downloaded',
  'compliance.queued': 'compliance request queued',
  'compliance.delivered': 'compliance reports delivered',
};

function detail(entry: TicketHistoryEntry): string {
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const before = (entry.before ?? {}) as Record<string, unknown>;
  if (entry.action === 'ticket.status_changed' || entry.action === 'ticket.replied') return `${String(before.status ?? '')} → ${String(after.status ?? '')}`;
  if (entry.action === 'ticket.assigned') return String(after.assignee ?? '');
  if (entry.action === 'ticket.disposition_set') return after.disposition ? label(String(after.disposition)) : 'cleared';
  if (entry.action === 'ticket.tags_set') return (after.tags as string[] | undefined)?.join(', ') || 'none';
  return '';
}

export function HistoryList({ ticketId }: { ticketId: string }) {
  const { data } = useApi<{ items: TicketHistoryEntry[] }>(`/api/tickets/${ticketId}/history`);
  if (!data) return null;
  return (
    <section className="card" aria-label="History">
      <h2>History</h2>
      <ol className="history">
        {data.items.map((e) => (
          <li key={e.seq}>
            <strong>{ACTIONS[e.action] ?? e.action}</strong> {detail(e)}
            <div className="muted small">
              {e.actorLabel} · <Time iso={e.at} />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TicketSidePanel({ ticket, onChanged }: { ticket: Ticket; onChanged(): void }) {
  const { me, can } = useSession();
  const writable = can('tickets.write');
  const { data: agents } = useApi<{ items: Agent[] }>(writable ? '/api/tickets/assignees' : null);
  const { busy, error, run } = useAction();

  const save = (patch: Patch) =>
    run(async () => {
      await api('PATCH', `/api/tickets/${ticket.id}`, patch);
      onChanged();
    });

  const moves = STATUS_TRANSITIONS[ticket.status];
  const mayAssignMe = writable && me && ticket.assignee?.id !== me.id;
  return (
    <aside className="side-panel" aria-label="Ticket details">
      <SlaPanel sla={ticket.sla} />
      <section className="card form" aria-busy={busy}>
        {error ? (
          <p className="state error" role="alert">
            {error}
          </p>
        ) : null}
        <Field>
          <label>
            Status
            <select value={ticket.status} disabled={!writable || moves.length === 0} onChange={(e) => void save({ status: e.target.value })}>
              <option value={ticket.status}>{ticket.status}</option>
              {moves.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </Field>
        <Field>
          <label>
            Assignee
            <select value={ticket.assignee?.id ?? ''} disabled={!writable} onChange={(e) => void save({ assigneeId: e.target.value || null })}>
              <option value="">Unassigned</option>
              {ticket.assignee && !agents?.items.some((a) => a.id === ticket.assignee!.id) ? (
                <option value={ticket.assignee.id}>{ticket.assignee.name}</option>
              ) : null}
              {agents?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {mayAssignMe ? (
            <button type="button" className="link" onClick={() => void save({ assigneeId: me.id })}>
              Assign to me
            </button>
          ) : null}
        </Field>
        {writable ? <TagsForm key={ticket.tags.join(',')} ticket={ticket} save={save} /> : <p>Tags: {ticket.tags.join(', ') || '—'}</p>}
        {writable ? <RequesterForm key={`${ticket.requester.name}|${ticket.organisation}`} ticket={ticket} save={save} /> : null}
      </section>
    </aside>
  );
}
