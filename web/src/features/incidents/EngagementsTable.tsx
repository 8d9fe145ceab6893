// The stakeholder groups engaged on an incident: by whom, where, how often, when the next update
// is due, the on-time / late / missed tally and the updates that reached nobody in the group; an hourly group's next update can be snoozed.
import { useState } from 'react';
import { api } from '../../api.ts';
import { Badge, Empty, label, Time } from '../../components/ui.tsx';
import type { Incident, RoleHolder } from '../../types.ts';

type Engagement = Incident['engagements'][number];

function Snooze({ incidentId, engagement, onDone }: { incidentId: string; engagement: Engagement; onDone(): void }) {
  const [minutes, setMinutes] = useState(30);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  async function snooze() {
    try {
      await api('POST', `/api/incidents/${incidentId}/engagements/${engagement.id}/snooze`, { minutes, reason });
      setReason('');
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <span className="row">
      <select aria-label={`Snooze ${engagement.group} for`} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
        <option value={30}>30 min</option>
        <option value={60}>1 h</option>
        <option value={120}>2 h</option>
      </select>
      <input
        aria-label={`Reason to snooze ${engagement.group}`}
        placeholder="reason"
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" disabled={!reason.trim()} onClick={() => void snooze()}>
        Snooze
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** The DRI's role, with the person holding it on this incident. */
function dri(e: Engagement, roles: RoleHolder[]): string {
  const holder = e.driRole ? roles.find((r) => r.role === e.driRole) : null;
  return holder ? `${e.driLabel} (${holder.name ?? 'unfilled'})` : e.driLabel;
}

export function EngagementsTable({
  incidentId,
  engagements,
  roles,
  canWrite,
  onChange,
}: {
  incidentId: string;
  engagements: Engagement[];
  roles: RoleHolder[];
  canWrite: boolean;
  onChange(): void;
}) {
  if (engagements.length === 0) return <Empty>No stakeholder group is engaged.</Empty>;
  return (
    <table className="list" aria-label="Engaged groups">
      <thead>
        <tr>
          <th>Group</th>
          <th>By</th>
          <th>Through</th>
          <th>How often</th>
          <th>Next update due</th>
          <th>State</th>
          <th>On time / late / missed</th>
          {canWrite ? <th /> : null}
        </tr>
      </thead>
      <tbody>
        {engagements.map((e) => (
          <tr key={e.id}>
            <td>{e.group}</td>
            <td>{dri(e, roles)}</td>
            <td>{e.through}</td>
            <td>{e.howOften}</td>
            <td>{e.nextDueAt ? <Time iso={e.nextDueAt} relativeTo={false} /> : '—'}</td>
            <td>
              <Badge kind={e.status}>{label(e.status)}</Badge>
              {e.status === 'escalated' ? <span className="small"> to {e.backupLabel}</span> : null}
            </td>
            <td className="num">
              {e.onTime} / {e.late} / {e.missed}
              {e.notDelivered ? <span className="error small"> ({e.notDelivered} not delivered: no channel configured)</span> : null}
            </td>
            {canWrite ? (
              <td>{e.cadence.kind === 'every' && e.status !== 'ended' ? <Snooze incidentId={incidentId} engagement={e} onDone={onChange} /> : null}</td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
