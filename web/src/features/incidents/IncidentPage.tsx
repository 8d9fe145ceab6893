// One incident: its facts (editable), its regulatory deadlines, the engaged stakeholder groups with
// their due times, the status update form (prefilled) with the history, and the timeline.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge, ErrorNote, label, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { Incident } from '../../types.ts';
import { EngagementsTable } from './EngagementsTable.tsx';
import { RolesSection } from './RolesSection.tsx';
import { RegulatoryDeadlines } from './RegulatoryDeadlines.tsx';
import { IncidentFactsEditor } from './IncidentFactsEditor.tsx';
import { IncidentChannel } from './IncidentChannel.tsx';
import { StatusUpdateForm, StatusUpdateHistory } from './StatusUpdateForm.tsx';
import { TimelineSection } from './TimelineSection.tsx';
import { commsFrom, useRiskMatrix } from './useRiskMatrix.tsx';

export function IncidentPage() {
  const { id } = useParams();
  const { can } = useSession();
  const { data: incident, error, reload } = useApi<Incident>(`/api/incidents/${id}`);
  const [version, setVersion] = useState(0);
  const matrix = useRiskMatrix();
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!incident) return <Loading what="the incident" />;
  const canWrite = can('incidents.write');
  const changed = () => {
    reload();
    setVersion((v) => v + 1);
  };
  const counts = incident.updateCounts;
  const threshold = matrix ? commsFrom(matrix) : 'the threshold';
  return (
    <section>
      <p>
        <Link to="/incidents">← Incidents</Link>
      </p>
      <PageHeader title={`Incident ${incident.number}: ${incident.title}`} />
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <Badge kind={incident.status}>{incident.status}</Badge>
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{label(incident.type)}</dd>
        </div>
        <div>
          <dt>Risk</dt>
          <dd>
            <Badge kind={`risk-${incident.risk.level}`}>
              {incident.risk.label} ({incident.risk.score})
            </Badge>{' '}
            impact {incident.impact} × likelihood {incident.likelihood}
          </dd>
        </div>
        <div>
          <dt>Communications plan</dt>
          <dd>
            {incident.commsPlanApplies ? `applies (${threshold} or above)` : `does not apply (below ${threshold})`} ·{' '}
            <Link to={`/communications/${incident.id}`}>External communications</Link>
          </dd>
        </div>
        <div>
          <dt>Declared</dt>
          <dd>
            <Time iso={incident.declaredAt} relativeTo={false} />
          </dd>
        </div>
        <div>
          <dt>Updates on time / late / missed</dt>
          <dd>
            {counts.onTime} / {counts.late} / {counts.missed}
          </dd>
        </div>
        <div>
          <dt>Visibility</dt>
          <dd>{incident.visibility}</dd>
        </div>
        {incident.ticketId ? (
          <div>
            <dt>Declared from</dt>
            <dd>
              <Link to={`/inbox/${incident.ticketId}`}>the ticket</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <p>
        <a href={`/api/incidents/${incident.id}/review.md`} download>
          Post-incident review (Markdown)
        </a>
      </p>
      <IncidentChannel incidentId={incident.id} />
      {incident.description ? <pre className="body description">{incident.description}</pre> : null}
      {canWrite ? <IncidentFactsEditor key={`facts-${version}`} incident={incident} onSaved={changed} /> : null}
      <h2>Regulatory deadlines</h2>
      <RegulatoryDeadlines key={`deadlines-${version}`} incidentId={incident.id} canWrite={canWrite} onChange={changed} />
      <h2>Roles</h2>
      <RolesSection incident={incident} canWrite={canWrite} onChange={changed} />
      <h2>Engaged groups</h2>
      <EngagementsTable incidentId={incident.id} engagements={incident.engagements} roles={incident.roles} canWrite={canWrite} onChange={changed} />
      <h2>Status updates</h2>
      {canWrite && incident.status !== 'closed' ? <StatusUpdateForm key={`draft-${version}`} incidentId={incident.id} onPublished={changed} /> : null}
      <StatusUpdateHistory key={`history-${version}`} incidentId={incident.id} />
      <h2>Timeline</h2>
      <TimelineSection incident={incident} canWrite={canWrite} onChange={changed} />
    </section>
  );
}
