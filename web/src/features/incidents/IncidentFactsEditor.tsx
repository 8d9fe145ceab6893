// Changing an incident: its facts, impact and likelihood (with the engagement preview for the
// draft) and its status. Each saved change lands on the timeline.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { label } from '../../components/ui.tsx';
import { INCIDENT_STATUSES, type PlanFacts } from '../../../../src/domains/incidents/incidents.types.ts';
import type { Incident } from '../../types.ts';
import { EngagementPreviewPanel } from './EngagementPreviewPanel.tsx';
import { FactsFields } from './FactsFields.tsx';
import { RiskScaleFields, useRiskMatrix } from './useRiskMatrix.tsx';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';

export function IncidentFactsEditor({ incident, onSaved }: { incident: Incident; onSaved(): void }) {
  const [facts, setFacts] = useState<PlanFacts>(incident.facts);
  const [impact, setImpact] = useState(incident.impact);
  const [likelihood, setLikelihood] = useState(incident.likelihood);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const matrix = useRiskMatrix();

  async function patch(body: object) {
    setBusy(true);
    setError('');
    try {
      await api<Incident>('PATCH', `/api/incidents/${incident.id}`, body);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const save = (event: FormEvent) => {
    event.preventDefault();
    void patch({ facts, impact, likelihood });
  };
  const later = INCIDENT_STATUSES.slice(INCIDENT_STATUSES.indexOf(incident.status) + 1);
  return (
    <form className="card form" onSubmit={save} aria-label="Incident facts">
      <div className="row">
        {matrix ? (
          <RiskScaleFields matrix={matrix} impact={impact} likelihood={likelihood} onImpact={setImpact} onLikelihood={setLikelihood} />
        ) : (
          <p className="state">Loading the risk matrix…</p>
        )}
      </div>
      <FactsFields facts={facts} onChange={setFacts} disabled={busy} />
      <EngagementPreviewPanel draft={{ impact, likelihood, type: incident.type, facts }} existing />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Save facts
        </button>
        {later.map((status) =>
          status === 'resolved' || status === 'closed' ? (
            <ConfirmAction
              key={status}
              label={`Mark ${label(status)}`}
              confirmLabel={`Yes, mark ${label(status)}`}
              primary={false}
              busy={busy}
              onConfirm={() => void patch({ status })}
              summary={() => (
                <p>
                  Incident #{incident.number} becomes {label(status)}: every stakeholder engagement ends and its update reminders stop
                  {status === 'closed' ? '; a closed incident takes no more status updates' : ''}.
                </p>
              )}
            />
          ) : (
            <button key={status} type="button" disabled={busy} onClick={() => void patch({ status })}>
              Mark {label(status)}
            </button>
          ),
        )}
      </div>
    </form>
  );
}
