// The live engagement preview: for the facts being drafted, which stakeholder groups would be
// engaged, by whom, how often, where and why (asked of the server, which holds the team's rules).
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { PlanFacts } from '../../../../src/domains/incidents/incidents.types.ts';
import type { EngagementPreview } from '../../types.ts';

export interface Draft {
  impact: number;
  likelihood: number;
  type: string;
  facts: PlanFacts;
}

export function EngagementPreviewPanel({ draft }: { draft: Draft }) {
  const [preview, setPreview] = useState<EngagementPreview | null>(null);
  const [error, setError] = useState('');
  const key = JSON.stringify(draft);
  useEffect(() => {
    let current = true;
    // A short pause so a burst of clicks asks once.
    const timer = setTimeout(() => {
      api<EngagementPreview>('POST', '/api/incidents/preview', draft)
        .then((p) => current && (setPreview(p), setError('')))
        .catch((err: Error) => current && setError(err.message));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return (
    <section className="card preview" aria-label="Engagement preview" aria-live="polite">
      <h3>Who would be engaged</h3>
      {error ? <p className="state error" role="alert">{error}</p> : null}
      {!preview && !error ? <p className="muted" role="status">Working it out…</p> : null}
      {preview && !preview.planApplies ? <p>Nobody: {preview.notEngaged[0]?.reason ?? 'the communications plan does not apply'}.</p> : null}
      {preview && preview.planApplies && preview.engaged.length === 0 ? <p>No stakeholder rule holds for these facts yet.</p> : null}
      {preview && preview.engaged.length > 0 ? (
        <ul className="engaged">
          {preview.engaged.map((e) => (
            <li key={e.ruleId}>
              <strong>{e.group}</strong> — by {e.by}, {e.howOften}, through {e.through}
              <span className="muted small"> (because {e.because.join('; ')})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {preview && preview.problems.length > 0 ? <p className="muted small">Rules with problems are left out: {preview.problems.map((p) => `${p.ruleId}: ${p.message}`).join('; ')}</p> : null}
    </section>
  );
}
