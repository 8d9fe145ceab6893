// On a ticket: the incidents declared from it (those you may see), and declaring one from it —
// the ticket's subject becomes the title and its requester the context; the two stay linked.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { Incident, IncidentType, TicketIncident } from '../../types.ts';

function DeclareFromTicket({ ticketId, onCancel }: { ticketId: string; onCancel(): void }) {
  const navigate = useNavigate();
  const types = useApi<{ items: IncidentType[] }>('/api/incident-types').data?.items ?? [];
  const [type, setType] = useState('data_breach');
  const [impact, setImpact] = useState(3);
  const [likelihood, setLikelihood] = useState(3);
  const [restricted, setRestricted] = useState(false);
  const [error, setError] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const incident = await api<Incident>('POST', `/api/tickets/${ticketId}/incident`, {
        type,
        impact,
        likelihood,
        visibility: restricted ? 'restricted' : 'normal',
      });
      navigate(`/incidents/${incident.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const levels = [1, 2, 3, 4, 5].map((n) => (
    <option key={n} value={n}>
      {n}
    </option>
  ));
  return (
    <form className="card form row" onSubmit={submit} aria-label="Declare an incident from this ticket">
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value)}>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Impact
        <select value={impact} onChange={(e) => setImpact(Number(e.target.value))}>
          {levels}
        </select>
      </label>
      <label>
        Likelihood
        <select value={likelihood} onChange={(e) => setLikelihood(Number(e.target.value))}>
          {levels}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={restricted} onChange={(e) => setRestricted(e.target.checked)} /> Restricted
      </label>
      <button type="submit" className="primary">
        Declare
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}

export function TicketIncidents({ ticketId }: { ticketId: string }) {
  const { can } = useSession();
  const [declaring, setDeclaring] = useState(false);
  const linked = useApi<{ items: TicketIncident[] }>(can('incidents.read') ? `/api/tickets/${ticketId}/incidents` : null).data?.items ?? [];
  if (!can('incidents.read')) return null;
  return (
    <div className="row" role="group" aria-label="Incidents from this ticket">
      {linked.map((i) => (
        <Link key={i.id} to={`/incidents/${i.id}`}>
          Incident {i.number}: {i.title} ({i.status})
        </Link>
      ))}
      {can('incidents.write') && !declaring ? (
        <button type="button" onClick={() => setDeclaring(true)}>
          Declare an incident from this ticket
        </button>
      ) : null}
      {declaring ? <DeclareFromTicket ticketId={ticketId} onCancel={() => setDeclaring(false)} /> : null}
    </div>
  );
}
