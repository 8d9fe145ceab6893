// The live engagement preview: for the facts being drafted, which stakeholder groups would be
// engaged, by whom, how often, where and why, and which regulatory clocks the facts start (asked of
// the server, which holds the team's rules and clocks). Given `rules`, it previews that unsaved
// draft of the rules instead of the saved ones.
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import type { PlanFacts } from '../../../../src/domains/incidents/incidents.types.ts';
import type { EngagementPreview, StakeholderRule } from '../../types.ts';

export interface Draft {
  impact: number;
  likelihood: number;
  type: string;
  facts: PlanFacts;
}

function RegulatoryClocksPreview({ clocks, existing }: { clocks: EngagementPreview['clocks']; existing: boolean }) {
  return (
    <section aria-label="Regulatory clocks preview">
      <h3>Regulatory clocks {existing ? 'for these facts' : 'these facts start'}</h3>
      {clocks.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="engaged">
          {clocks.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> — {c.deadline}, owned by the {c.ownerLabel}
              <span className="muted small"> (because {c.because})</span>
            </li>
          ))}
        </ul>
      )}
      {existing && clocks.length > 0 ? <p className="muted small">A clock that has started on this incident already is not restarted.</p> : null}
    </section>
  );
}

export function EngagementPreviewPanel({ draft, rules, existing = false }: { draft: Draft; rules?: StakeholderRule[]; existing?: boolean }) {
  const [preview, setPreview] = useState<EngagementPreview | null>(null);
  const [error, setError] = useState('');
  const key = JSON.stringify([draft, rules ?? null]);
  useEffect(() => {
    let current = true;
    // A short pause so a burst of clicks (or keystrokes in a rule) asks once.
    const timer = setTimeout(
      () => {
        const asked = rules
          ? api<EngagementPreview>('POST', '/api/stakeholder-rules/preview', { rules, incident: draft })
          : api<EngagementPreview>('POST', '/api/incidents/preview', draft);
        asked.then((p) => current && (setPreview(p), setError(''))).catch((err: Error) => current && setError(err.message));
      },
      rules ? 300 : 150,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return (
    <section className="card preview" aria-label="Engagement preview" aria-live="polite">
      <h3>Who would be engaged</h3>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {!preview && !error ? (
        <p className="muted" role="status">
          Working it out…
        </p>
      ) : null}
      {preview && !preview.planApplies ? <p>Nobody: {preview.notEngaged[0]?.reason ?? 'the communications plan does not apply'}.</p> : null}
      {preview?.planApplies && preview.engaged.length === 0 ? <p>No stakeholder rule holds for these facts yet.</p> : null}
      {preview && preview.engaged.length > 0 ? (
        <ul className="engaged">
          {preview.engaged.map((e, i) => (
            <li key={`${e.ruleId}:${i}`}>
              <strong>{e.group}</strong> — by {e.by}, {e.howOften}, through {e.through}
              <span className="muted small"> (because {e.because.join('; ')})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {preview && preview.problems.length > 0 ? (
        <p className="muted small">Rules with problems are left out: {preview.problems.map((p) => `${p.ruleId}: ${p.message}`).join('; ')}</p>
      ) : null}
      {preview ? <RegulatoryClocksPreview clocks={preview.clocks} existing={existing} /> : null}
    </section>
  );
}
