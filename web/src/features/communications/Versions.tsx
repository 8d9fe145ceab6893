// A communication's versions, and the diff between any two of them.
import { useState } from 'react';
import { ErrorNote, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Communication, CommsVersionDiff as VersionDiff } from '../../types.ts';
import { DiffText, unchanged } from './DiffView.tsx';
import { commPath } from './paths.ts';

export function Versions({ incidentId, communication }: { incidentId: string | null; communication: Communication }) {
  const newest = communication.currentVersion;
  const [from, setFrom] = useState(Math.max(1, newest - 1));
  const [to, setTo] = useState(newest);
  const approvedVersion = communication.approval?.version ?? null;
  return (
    <section aria-label="Versions">
      <h4>Versions</h4>
      <ol className="history">
        {[...communication.versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <li key={v.version}>
              Version {v.version}
              {v.version === approvedVersion ? ' (approved)' : ''}
              {v.version === newest ? ' (current)' : ''} — {v.author} · <Time iso={v.createdAt} />
            </li>
          ))}
      </ol>
      {communication.versions.length > 1 ? (
        <>
          <div className="row">
            <label>
              Compare version
              <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                {communication.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
            <label>
              with version
              <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
                {communication.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {from !== to ? <Diff incidentId={incidentId} communicationId={communication.id} from={from} to={to} /> : null}
        </>
      ) : null}
    </section>
  );
}

function Diff({ incidentId, communicationId, from, to }: { incidentId: string | null; communicationId: string; from: number; to: number }) {
  const { data, error, reload } = useApi<VersionDiff>(`${commPath(incidentId, communicationId)}/diff?from=${from}&to=${to}`);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data)
    return (
      <p className="state" role="status">
        Comparing…
      </p>
    );
  return (
    <div aria-label={`Changes from version ${from} to ${to}`} role="region">
      {unchanged(data.subject) ? <p className="muted small">Subject unchanged.</p> : <DiffText parts={data.subject} label="Subject changes" />}
      {unchanged(data.body) ? <p className="muted small">Body unchanged.</p> : <DiffText parts={data.body} label="Body changes" />}
    </div>
  );
}
