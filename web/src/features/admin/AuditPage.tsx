// The audit log, with a check of its hash chain.
import { useState } from 'react';
import { api, query, type Page } from '../../api.ts';
import { ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';

interface Entry {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
}
interface Verification {
  entries: number;
  head: { seq: number; hash: string } | null;
  problem: { seq: number; problem: string; gone?: number; detail?: string } | null;
}

function broken(p: NonNullable<Verification['problem']>): string {
  if (p.problem === 'tail_cut') return `Broken: tail cut, ${p.gone} entries after #${p.seq - 1} are gone (the newest signed checkpoint has them)`;
  if (p.problem === 'checkpoint_tampered') return `Broken: checkpoint tampered: ${p.detail}`;
  return `Broken at entry #${p.seq}: ${p.problem}`;
}

export function AuditPage() {
  const [entityType, setEntityType] = useState('');
  const { data, error, reload } = useApi<Page<Entry>>(`/api/audit${query({ limit: 100, entityType })}`);
  const [verdict, setVerdict] = useState('');
  async function verify() {
    const v = await api<Verification>('GET', '/api/audit/verify');
    setVerdict(v.problem ? broken(v.problem) : `Intact: ${v.entries} entries${v.head ? `, head #${v.head.seq} ${v.head.hash.slice(0, 16)}…` : ''}`);
  }
  return (
    <>
      <PageHeader title="Audit log">
        <button type="button" onClick={() => void verify()}>
          Verify chain
        </button>
        <a className="button" href="/api/audit/export">
          Export JSON Lines
        </a>
      </PageHeader>
      {verdict ? (
        <p className={`state ${verdict.startsWith('Broken') ? 'error' : 'notice'}`} role="status">
          {verdict}
        </p>
      ) : null}
      <div className="filters">
        <label>
          Entity
          <select value={entityType} onChange={(e) => setEntityType(e.target.value)}>
            <option value="">All</option>
            {['user', 'api_token', 'ticket', 'incident', 'job'].map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="the audit log" /> : null}
      {data ? (
        <table className="list">
          <thead>
            <tr>
              <th>#</th>
              <th>When</th>
              <th>Who</th>
              <th>Action</th>
              <th>Entity</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td>
                  <Time iso={e.at} relativeTo={false} />
                </td>
                <td>{e.actorLabel}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  {e.entityType} <span className="muted small">{e.entityId}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
