// The plan's roles on an incident and who holds each (unfilled roles warned), explicit hand-over
// with a note, engaging a role from its rotation, and the named responders.
import { useState } from 'react';
import { api } from '../../api.ts';
import { Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Incident, Person, RoleHolder } from '../../types.ts';

function HandOver({ incidentId, holder, people, onDone }: { incidentId: string; holder: RoleHolder; people: Person[]; onDone(): void }) {
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  async function act(path: string, body?: object) {
    setError('');
    try {
      await api('POST', path, body);
      setNote('');
      setTo('');
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <span className="row">
      <select aria-label={`Hand ${holder.label} over to`} value={to} onChange={(e) => setTo(e.target.value)}>
        <option value="">Hand over to…</option>
        {people
          .filter((p) => p.id !== holder.userId)
          .map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
      </select>
      <input aria-label={`Hand-over note for ${holder.label}`} placeholder="note" maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="button" disabled={!to} onClick={() => void act(`/api/incidents/${incidentId}/roles/${holder.role}/handover`, { to, note })}>
        Hand over
      </button>
      {!holder.userId ? (
        <button type="button" onClick={() => void act(`/api/incidents/${incidentId}/roles/${holder.role}/engage`)}>
          Engage from rotation
        </button>
      ) : null}
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function Responders({ incident, people, canWrite, onChange }: { incident: Incident; people: Person[]; canWrite: boolean; onChange(): void }) {
  const [adding, setAdding] = useState('');
  const [error, setError] = useState('');
  async function act(method: string, path: string, body?: object) {
    setError('');
    try {
      await api(method, path, body);
      setAdding('');
      onChange();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  const named = new Set(incident.responders.map((r) => r.userId));
  return (
    <div>
      <h3>Responders</h3>
      <p className="small">
        {incident.visibility === 'restricted'
          ? 'Restricted: only the responders, the role holders and admins see this incident.'
          : 'Everyone who may read incidents sees this one.'}
      </p>
      <ul aria-label="Responders">
        {incident.responders.map((r) => (
          <li key={r.userId}>
            {r.name}
            {canWrite ? (
              <>
                {' '}
                <button type="button" className="link" onClick={() => void act('DELETE', `/api/incidents/${incident.id}/responders/${r.userId}`)}>
                  remove
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <span className="row">
          <select aria-label="Add a responder" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Add a responder…</option>
            {people
              .filter((p) => !named.has(p.id))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
          <button type="button" disabled={!adding} onClick={() => void act('POST', `/api/incidents/${incident.id}/responders`, { userId: adding })}>
            Add
          </button>
          {error ? (
            <span className="error" role="alert">
              {error}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

export function RolesSection({ incident, canWrite, onChange }: { incident: Incident; canWrite: boolean; onChange(): void }) {
  const people = useApi<{ items: Person[] }>('/api/oncall/people').data?.items ?? [];
  return (
    <>
      <table className="list" aria-label="Roles">
        <thead>
          <tr>
            <th>Role</th>
            <th>Held by</th>
            <th>Since</th>
            {canWrite ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {incident.roles.map((h) => (
            <tr key={h.role}>
              <td>{h.label}</td>
              <td>
                {h.name ?? (h.since ? <strong className="error">unfilled</strong> : 'not engaged')}
                {h.warning ? (
                  <p className="state error" role="alert">
                    {h.warning}
                  </p>
                ) : null}
              </td>
              <td>{h.since ? <Time iso={h.since} relativeTo={false} /> : '—'}</td>
              {canWrite ? (
                <td>
                  <HandOver incidentId={incident.id} holder={h} people={people} onDone={onChange} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <Responders incident={incident} people={people} canWrite={canWrite} onChange={onChange} />
    </>
  );
}
