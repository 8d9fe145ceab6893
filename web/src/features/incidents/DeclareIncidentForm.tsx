// Declaring an incident, with the risk it scores and the stakeholder groups it would engage shown as the fields change.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { Badge } from '../../components/ui.tsx';
import { scoreRisk } from '../../../../src/domains/incidents/risk-matrix.ts';
import type { Incident, IncidentType } from '../../types.ts';
import { useApi } from '../../useApi.ts';
import { blankPlanFacts } from '../../../../src/domains/incidents/incident-facts.ts';
import { EngagementPreviewPanel } from './EngagementPreviewPanel.tsx';
import { FactsFields } from './FactsFields.tsx';
import { commsFrom, RiskScaleFields, useRiskMatrix } from './useRiskMatrix.tsx';

export function DeclareIncidentForm({ onDone }: { onDone(): void }) {
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<string>('data_breach');
  const [impact, setImpact] = useState(3);
  const [likelihood, setLikelihood] = useState(3);
  const [facts, setFacts] = useState(blankPlanFacts);
  const [restricted, setRestricted] = useState(false);
  const types = useApi<{ items: IncidentType[] }>('/api/incident-types').data?.items ?? [];
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const matrix = useRiskMatrix();
  const risk = matrix ? scoreRisk(impact, likelihood, matrix) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const incident = await api<Incident>('POST', '/api/incidents', {
        title,
        description,
        type,
        impact,
        likelihood,
        facts,
        visibility: restricted ? 'restricted' : 'normal',
      });
      onDone();
      navigate(`/incidents/${incident.id}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="Declare incident">
      <label>
        Title
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        What happened
        <textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <div className="row">
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {matrix ? <RiskScaleFields matrix={matrix} impact={impact} likelihood={likelihood} onImpact={setImpact} onLikelihood={setLikelihood} /> : null}
      </div>
      {matrix && risk ? (
        <p aria-live="polite">
          Risk:{' '}
          <Badge kind={`risk-${risk.level}`}>
            {risk.label} ({risk.score})
          </Badge>{' '}
          {risk.commsPlanApplies
            ? `The communications plan applies (${commsFrom(matrix)} or above).`
            : `Below ${commsFrom(matrix)}: the communications plan does not apply.`}
        </p>
      ) : (
        <p className="state">Loading the risk matrix…</p>
      )}
      <label>
        <input type="checkbox" checked={restricted} onChange={(e) => setRestricted(e.target.checked)} /> Restricted: visible only to its responders (you, the
        role holders, those you add) and admins
      </label>
      <FactsFields facts={facts} onChange={setFacts} />
      <EngagementPreviewPanel draft={{ impact, likelihood, type, facts }} />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Declare
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
