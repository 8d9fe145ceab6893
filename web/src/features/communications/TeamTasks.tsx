// Engage extended teams: tasks for Marketing Programs, Marketing Ops, Support and Community
// Advocates, each with an owner and a due time, ticked off when done.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { DateTimeField } from '../../components/DateTimeField.tsx';
import { Empty, Time } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { EXTENDED_TEAMS } from '../../../../src/domains/communications/communications.types.ts';
import type { CommsPlan, Person } from '../../types.ts';
import { TEAM_LABELS } from './labels.ts';
import { planPath } from './paths.ts';

type Task = CommsPlan['tasks'][number];

export function TeamTasks({ plan, canWrite, onChange }: { plan: CommsPlan; canWrite: boolean; onChange(): void }) {
  const people = useApi<{ items: Person[] }>('/api/oncall/people').data?.items ?? [];
  const { busy, error, run } = useAction();
  const overdue = new Set(plan.flow.overdueTaskIds);
  const mark = (task: Task, done: boolean) =>
    run(async () => {
      await api('PATCH', `${planPath(plan.incidentId)}/tasks/${task.id}`, { done });
      onChange();
    });
  return (
    <section className="card" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Extended teams</h2>
      {plan.tasks.length === 0 ? (
        <Empty>No extended team engaged yet.</Empty>
      ) : (
        <table className="list" aria-label="Extended team tasks">
          <thead>
            <tr>
              <th>Team</th>
              <th>Task</th>
              <th>Owner</th>
              <th>Due</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {plan.tasks.map((t) => (
              <tr key={t.id} className={overdue.has(t.id) ? 'overdue' : undefined}>
                <td>{TEAM_LABELS[t.team] ?? t.team}</td>
                <td>{t.title}</td>
                <td>{t.ownerName ?? <span className="muted">nobody</span>}</td>
                <td>
                  <Time iso={t.dueAt} />
                  {overdue.has(t.id) ? <strong className="sla-breached"> overdue</strong> : null}
                </td>
                <td>
                  {t.doneAt ? (
                    <>
                      done <Time iso={t.doneAt} />
                    </>
                  ) : (
                    'open'
                  )}
                  {canWrite ? (
                    <>
                      {' '}
                      <button type="button" className="link" disabled={busy} onClick={() => void mark(t, !t.doneAt)}>
                        {t.doneAt ? 'reopen' : 'mark done'}
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {canWrite ? <NewTask incidentId={plan.incidentId} people={people} onAdded={onChange} /> : null}
    </section>
  );
}

function NewTask({ incidentId, people, onAdded }: { incidentId: string; people: Person[]; onAdded(): void }) {
  const [team, setTeam] = useState<string>(EXTENDED_TEAMS[0]);
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, run } = useAction();
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', `${planPath(incidentId)}/tasks`, {
        team,
        title,
        ...(ownerId ? { ownerId } : {}),
        ...(due ? { dueAt: due } : {}),
      });
      setTitle('');
      onAdded();
    });
  };
  return (
    <form className="form" onSubmit={add} aria-label="Engage a team">
      <div className="row">
        <label>
          Team
          <select value={team} onChange={(e) => setTeam(e.target.value)}>
            {EXTENDED_TEAMS.map((t) => (
              <option key={t} value={t}>
                {TEAM_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Task
          <input value={title} required maxLength={300} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. Build the customer distribution list" />
        </label>
      </div>
      <div className="row">
        <label>
          Owner
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">nobody yet</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <DateTimeField label="Due" value={due} onChange={setDue} />
      </div>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          Engage team
        </button>
      </div>
    </form>
  );
}
