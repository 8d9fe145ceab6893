// One role's rotation: participants in turn order, hand-over, time zone, start date, overrides,
// and the rotation as an iCalendar file to download or to load back.
import { useState, type ChangeEvent } from 'react';
import { api } from '../../api.ts';
import { DateTimeField } from '../../components/DateTimeField.tsx';
import { Time } from '../../components/ui.tsx';
import type { Person, RotationView } from '../../types.ts';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
type HandOver = RotationView['rotation']['handOver'];

function OverrideForm({ view, people, onSaved }: { view: RotationView; people: Person[]; onSaved(): void }) {
  const [userId, setUserId] = useState(people[0]?.id ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  async function add() {
    try {
      await api('POST', `/api/oncall/rotations/${view.role}/overrides`, { userId, from, to, reason });
      setReason('');
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <div className="row" role="group" aria-label={`Add an override to ${view.label}`}>
      <select aria-label="Override person" value={userId} onChange={(e) => setUserId(e.target.value)}>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <DateTimeField label="From" value={from} onChange={setFrom} />
      <DateTimeField label="To" value={to} onChange={setTo} />
      <input aria-label="Override reason" placeholder="reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="button" disabled={!userId || !from || !to} onClick={() => void add()}>
        Add override
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function RotationEditor({ view, people, canManage, onSaved }: { view: RotationView; people: Person[]; canManage: boolean; onSaved(): void }) {
  const r = view.rotation;
  const [participants, setParticipants] = useState(r.participants.map((p) => p.id));
  const [timeZone, setTimeZone] = useState(r.timeZone);
  const [handOver, setHandOver] = useState<HandOver>(r.handOver);
  const [startDate, setStartDate] = useState(r.startDate);
  const [adding, setAdding] = useState('');
  const [message, setMessage] = useState('');
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? r.participants.find((p) => p.id === id)?.name ?? id;

  async function save() {
    setMessage('');
    try {
      const overrides = r.overrides.map((o) => ({ userId: o.person.id, from: o.from, to: o.to, ...(o.reason ? { reason: o.reason } : {}) }));
      await api('PUT', `/api/oncall/rotations/${view.role}`, { name: r.name, timeZone, handOver, startDate, participants, overrides });
      setMessage('Saved.');
      onSaved();
    } catch (err) {
      setMessage((err as Error).message);
    }
  }
  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      await api('PUT', `/api/oncall/rotations/${view.role}/ical`, new Blob([await file.text()], { type: 'text/calendar' }));
      setMessage('Imported.');
      onSaved();
    } catch (err) {
      setMessage((err as Error).message);
    }
  }
  const move = (i: number, by: number) =>
    setParticipants((list) => {
      const next = [...list];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });

  return (
    <div className="form">
      <ol aria-label={`Turn order of ${view.label}`}>
        {participants.map((id, i) => (
          <li key={id}>
            {name(id)}
            {canManage ? (
              <>
                {' '}
                <button type="button" className="link" disabled={i === 0} onClick={() => move(i, -1)}>
                  up
                </button>
                <button type="button" className="link" onClick={() => setParticipants((l) => l.filter((x) => x !== id))}>
                  remove
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {canManage ? (
        <>
          <div className="row">
            <select aria-label={`Add to ${view.label}`} value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">Add a person…</option>
              {people
                .filter((p) => !participants.includes(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
            <button
              type="button"
              disabled={!adding}
              onClick={() => {
                setParticipants((l) => [...l, adding]);
                setAdding('');
              }}
            >
              Add
            </button>
          </div>
          <div className="row">
            <label>
              Hand-over
              <select
                value={handOver.kind}
                onChange={(e) =>
                  setHandOver(e.target.value === 'daily' ? { kind: 'daily', time: handOver.time } : { kind: 'weekly', weekday: 1, time: handOver.time })
                }
              >
                <option value="weekly">weekly</option>
                <option value="daily">daily</option>
              </select>
            </label>
            {handOver.kind === 'weekly' ? (
              <label>
                on
                <select value={handOver.weekday} onChange={(e) => setHandOver({ ...handOver, weekday: Number(e.target.value) })}>
                  {WEEKDAYS.map((d, i) => (
                    <option key={d} value={i + 1}>
                      {d}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label>
              at
              <input type="time" value={handOver.time} onChange={(e) => setHandOver({ ...handOver, time: e.target.value })} />
            </label>
            <label>
              Time zone
              <input value={timeZone} maxLength={100} onChange={(e) => setTimeZone(e.target.value)} />
            </label>
            <label>
              Starts
              <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
            </label>
          </div>
          <button type="button" className="primary" onClick={() => void save()}>
            Save rotation
          </button>
        </>
      ) : (
        <p>
          Hand-over {r.handOver.kind === 'weekly' ? `every ${WEEKDAYS[r.handOver.weekday - 1]}` : 'daily'} at {r.handOver.time} ({r.timeZone}).
        </p>
      )}
      <h3>Overrides</h3>
      {r.overrides.length ? (
        <ul>
          {r.overrides.map((o, i) => (
            <li key={i}>
              {o.person.name}: <Time iso={o.from} relativeTo={false} /> – <Time iso={o.to} relativeTo={false} />
              {o.reason ? ` (${o.reason})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small">None.</p>
      )}
      {canManage ? <OverrideForm view={view} people={people} onSaved={onSaved} /> : null}
      <div className="row">
        <a href={`/api/oncall/rotations/${view.role}/ical`} download>
          Export as iCalendar
        </a>
        {canManage ? (
          <label>
            Import iCalendar
            <input type="file" accept=".ics,text/calendar" onChange={(e) => void importFile(e)} />
          </label>
        ) : null}
      </div>
      {message ? (
        <p className="state" role="status">
          {message}
        </p>
      ) : null}
    </div>
  );
}
