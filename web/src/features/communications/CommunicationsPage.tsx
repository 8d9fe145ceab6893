// The incidents the external communications plan applies to (risk high or above), each with where
// it stands in the flow and anything overdue or blocked; below, the holding statements.
import { Link } from 'react-router';
import type { Page } from '../../api.ts';
import { Badge, Empty, ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { CommsPlan, IncidentSummary, PreparedResponse } from '../../types.ts';
import { STEP_LABELS } from './FlowSteps.tsx';
import { HoldingStatements } from './HoldingStatements.tsx';
import { blockerText } from './labels.ts';
import { planPath } from './paths.ts';

function PlanCells({ incidentId }: { incidentId: string }) {
  const { data, error } = useApi<CommsPlan>(planPath(incidentId));
  if (error)
    return (
      <td colSpan={3} className="state error">
        Plan could not be loaded: {error.message}
      </td>
    );
  if (!data)
    return (
      <td colSpan={3} className="muted">
        Loading…
      </td>
    );
  const flow = data.flow;
  return (
    <>
      <td>{flow.allClear ? 'All clear' : STEP_LABELS[flow.stage]}</td>
      <td>
        {flow.overdue ? (
          <strong className="sla-breached">Overdue by {flow.overdueMinutes} min</strong>
        ) : flow.nextCommunicationDue ? (
          <>
            next due <Time iso={flow.nextCommunicationDue} />
          </>
        ) : (
          <span className="muted">—</span>
        )}
        {flow.overdueTaskIds.length ? (
          <div className="sla-breached">
            {flow.overdueTaskIds.length} team task{flow.overdueTaskIds.length === 1 ? '' : 's'} overdue
          </div>
        ) : null}
      </td>
      <td>
        {flow.blockers.length ? (
          <ul className="blockers">
            {flow.blockers.map((b) => (
              <li key={`${b.code}-${b.channel ?? ''}`}>{blockerText(b)}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">nothing</span>
        )}
      </td>
    </>
  );
}

/** The customer FAQs published to Support: the prepared responses they answer customers with. */
function PreparedResponses() {
  const { data, error, reload } = useApi<{ items: PreparedResponse[] }>('/api/prepared-responses');
  return (
    <section aria-labelledby="prepared-heading">
      <h2 id="prepared-heading">Prepared responses for Support</h2>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {data && data.items.length === 0 ? <Empty>No customer FAQ has been published to Support yet.</Empty> : null}
      {data?.items.map((r) => (
        <details key={r.communicationId} className="card">
          <summary>
            <strong>{r.subject}</strong>
            {r.incidentNumber !== null ? ` — incident ${r.incidentNumber}: ${r.incidentTitle}` : ' — a restricted incident'}{' '}
            <span className="muted small">
              (published by {r.publishedBy}, <Time iso={r.publishedAt} />)
            </span>
          </summary>
          <pre className="forward-body">{r.body}</pre>
        </details>
      ))}
    </section>
  );
}

export function CommunicationsPage() {
  const { data, error, reload } = useApi<Page<IncidentSummary>>('/api/incidents?limit=200');
  const planned = data?.items.filter((i) => i.commsPlanApplies && i.status !== 'closed') ?? [];
  return (
    <section>
      <PageHeader title="Communications" />
      <p className="lead">
        The communications plan applies to incidents whose risk is high or above: customers hear first, and every word that leaves the company is reviewed.
      </p>
      {error ? <ErrorNote error={error} retry={reload} /> : null}
      {!data && !error ? <Loading what="incidents" /> : null}
      {data && planned.length === 0 ? <Empty>No open incident needs external communications.</Empty> : null}
      {planned.length > 0 ? (
        <table className="list" aria-label="Incidents under the communications plan">
          <thead>
            <tr>
              <th>#</th>
              <th>Incident</th>
              <th>Risk</th>
              <th>Current step</th>
              <th>Next communication</th>
              <th>Blocked by</th>
            </tr>
          </thead>
          <tbody>
            {planned.map((i) => (
              <tr key={i.id}>
                <td className="num">{i.number}</td>
                <td>
                  <Link to={`/communications/${i.id}`}>{i.title}</Link>
                </td>
                <td>
                  <Badge kind={`risk-${i.risk.level}`}>{i.risk.label}</Badge>
                </td>
                <PlanCells incidentId={i.id} />
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <HoldingStatements />
      <PreparedResponses />
    </section>
  );
}
