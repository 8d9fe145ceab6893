// One incident: its facts and timeline.
import { Link, useParams } from 'react-router';
import { Badge, ErrorNote, label, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Incident } from '../../types.ts';

export function IncidentPage() {
  const { id } = useParams();
  const { data: incident, error, reload } = useApi<Incident>(`/api/incidents/${id}`);
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!incident) return <Loading what="the incident" />;
  return (
    <section>
      <p><Link to="/incidents">← Incidents</Link></p>
      <PageHeader title={`Incident ${incident.number}: ${incident.title}`} />
      <dl className="facts">
        <div><dt>Status</dt><dd><Badge kind={incident.status}>{incident.status}</Badge></dd></div>
        <div><dt>Type</dt><dd>{label(incident.type)}</dd></div>
        <div><dt>Risk</dt><dd><Badge kind={`risk-${incident.risk.level}`}>{incident.risk.label} ({incident.risk.score})</Badge> impact {incident.impact} × likelihood {incident.likelihood}</dd></div>
        <div><dt>Communications plan</dt><dd>{incident.commsPlanApplies ? 'applies' : 'does not apply (below high)'}</dd></div>
        <div><dt>Declared</dt><dd><Time iso={incident.declaredAt} relativeTo={false} /></dd></div>
      </dl>
      {incident.description ? <pre className="body description">{incident.description}</pre> : null}
      <h2>Timeline</h2>
      <ol className="timeline">
        {incident.timeline.map((e) => (
          <li key={e.id}>
            <Time iso={e.at} relativeTo={false} /> <Badge kind={e.kind}>{label(e.kind)}</Badge> {e.summary} <span className="muted small">— {e.actorLabel}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
