// "Possible duplicate of #N": earlier tickets a vulnerability report resembles, with what they share
// (CVE, target, parameter) and the passages of both that match. Linking marks the ticket as a
// duplicate and offers the duplicate reply in the reply box; nothing is sent until the analyst sends.
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import { useSession } from '../../session.tsx';
import type { DuplicateCandidate } from '../../types.ts';

function Shared({ evidence }: { evidence: DuplicateCandidate['evidence'] }) {
  const shared = [...evidence.cves, ...evidence.targets.map((t) => `target ${t}`), ...evidence.parameters.map((p) => `parameter ${p}`)];
  return (
    <p className="small">
      Score {Math.round(evidence.score * 100)} % (wording {Math.round(evidence.similarity * 100)} %){shared.length ? ` · same ${shared.join(', ')}` : ''}
    </p>
  );
}

export function PossibleDuplicates({ ticketId, onReply }: { ticketId: string; onReply?(templateKey: string): void }) {
  const { can } = useSession();
  const { data, reload } = useApi<{ items: DuplicateCandidate[]; template: string }>(`/api/tickets/${ticketId}/duplicates`);
  const { busy, error, run } = useAction();
  if (!data?.items.length) return null;
  const linked = data.items.find((c) => c.linked);
  const link = (candidate: DuplicateCandidate) =>
    void run(async () => {
      await api('POST', `/api/tickets/${ticketId}/duplicates/${candidate.id}/link`, {});
      reload();
      onReply?.(data.template);
    });
  return (
    <section className="card possible-duplicates" aria-label="Possible duplicates">
      <h2>Possible duplicates</h2>
      <ul>
        {data.items.map((c) => (
          <li key={c.id}>
            <strong>
              Possible duplicate of <Link to={`/inbox/${c.duplicateOf.id}`}>#{c.duplicateOf.number}</Link>
            </strong>{' '}
            {c.duplicateOf.subject} <span className="muted">({c.duplicateOf.status})</span>
            <Shared evidence={c.evidence} />
            {c.evidence.passages ? (
              <blockquote className="small">
                <p>This report: “{c.evidence.passages.report}”</p>
                <p>
                  #{c.duplicateOf.number}: “{c.evidence.passages.other}”
                </p>
              </blockquote>
            ) : null}
            {c.linked ? (
              <p className="small" role="status">
                Linked as a duplicate by {c.linked.by?.name ?? 'secdesk'}
              </p>
            ) : null}
            {can('tickets.write') && !linked ? (
              <button type="button" disabled={busy} onClick={() => link(c)}>
                Link as duplicate of #{c.duplicateOf.number}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {linked && onReply ? (
        <button type="button" onClick={() => onReply(data.template)}>
          Answer with the duplicate reply
        </button>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
