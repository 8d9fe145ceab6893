// The incident's regulatory deadlines: each started clock with its due time (team time zone and
// UTC), a live countdown, overdue shown in words as well as in red, and the met / not applicable
// actions. The countdown runs on the server's clock (its "now" against the browser's).
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { DateTimeField } from '../../components/DateTimeField.tsx';
import { Badge, Empty, ErrorNote, Loading } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { RegulatoryClock, RegulatoryClocks } from '../../types.ts';
import { RegulatoryClockActions } from './RegulatoryClockActions.tsx';

function at(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

function span(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const [d, h, m, s] = [Math.floor(total / 86_400), Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${d > 0 ? `${d}d ` : ''}${h}h ${m}m ${s}s`;
}

function useServerNow(serverNow: string | undefined): number {
  const [tick, setTick] = useState(Date.now());
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(serverNow ? new Date(serverNow).getTime() - Date.now() : 0), [serverNow]);
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return tick + offset;
}

function TimeLeft({ clock, now }: { clock: RegulatoryClock; now: number }) {
  if (clock.state === 'met') return <span>Met {clock.metLate ? '(after the deadline)' : 'on time'}</span>;
  if (clock.state === 'not_applicable') return <span>Not applicable: {clock.reason}</span>;
  const left = new Date(clock.dueAt).getTime() - now;
  if (left < 0) return <strong className="sla-breached">Overdue by {span(left)}</strong>;
  return <span role="timer">{span(left)} left</span>;
}

function AwareAt({ data, incidentId, canWrite, onDone }: { data: RegulatoryClocks; incidentId: string; canWrite: boolean; onDone(): void }) {
  const [value, setValue] = useState('');
  const { busy, error, run } = useAction();
  const save = () =>
    run(async () => {
      await api('PUT', `/api/incidents/${incidentId}/aware-at`, { awareAt: value });
      setValue('');
      onDone();
    });
  return (
    <div className="row">
      <p>
        Aware at: <strong>{at(data.awareAt, data.timeZone)}</strong>
        {data.awareAtSet ? '' : ' (the declaration time, by default)'}
      </p>
      {canWrite ? (
        <span className="row">
          <DateTimeField label="Became aware at" value={value} onChange={setValue} />
          <button type="button" disabled={busy || !value} onClick={() => void save()}>
            Set aware at
          </button>
        </span>
      ) : null}
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function RegulatoryDeadlines({ incidentId, canWrite, onChange }: { incidentId: string; canWrite: boolean; onChange(): void }) {
  const { data, error, reload } = useApi<RegulatoryClocks>(`/api/incidents/${incidentId}/regulatory-clocks`);
  const now = useServerNow(data?.now);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data) return <Loading what="the regulatory deadlines" />;
  // The page remounts this panel on a change, so it reloads with the incident.
  const done = onChange;
  return (
    <section aria-label="Regulatory deadlines">
      <AwareAt data={data} incidentId={incidentId} canWrite={canWrite} onDone={done} />
      {data.clocks.length === 0 ? (
        <Empty>No regulatory clock has started: none of their conditions holds for these facts.</Empty>
      ) : (
        <table className="list" aria-label="Regulatory clocks">
          <thead>
            <tr>
              <th>Deadline</th>
              <th>Due ({data.timeZone}, and UTC)</th>
              <th>Time left</th>
              <th>Owner</th>
              <th>State</th>
              {canWrite ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {data.clocks.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.name}
                  <div className="small">
                    {c.span} from {c.from === 'awareness' ? 'awareness' : 'declaration'}, because {c.because}. {c.note}
                  </div>
                </td>
                <td>
                  {at(c.dueAt, data.timeZone)}
                  <div className="small">{at(c.dueAt, 'UTC')}</div>
                </td>
                <td>
                  <TimeLeft clock={c} now={now} />
                </td>
                <td>{c.ownerLabel}</td>
                <td>
                  <Badge kind={c.overdue ? 'declared' : c.state === 'running' ? 'open' : 'resolved'}>{c.overdue ? 'overdue' : c.state.replace('_', ' ')}</Badge>
                </td>
                {canWrite ? (
                  <td>
                    {c.state === 'running' ? (
                      <RegulatoryClockActions incidentId={incidentId} clock={c} onDone={done} />
                    ) : c.reference ? (
                      <span className="small">Ref. {c.reference}</span>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
