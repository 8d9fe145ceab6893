// The configured risk matrix (GET /api/risk-matrix): the labels of the impact and likelihood
// scales and the levels, with words for from where the communications plan applies.
import { commsThreshold } from '../../../../src/domains/incidents/risk-matrix.ts';
import type { RiskMatrix } from '../../types.ts';
import { useApi } from '../../useApi.ts';

export function useRiskMatrix(): RiskMatrix | null {
  return useApi<RiskMatrix>('/api/risk-matrix').data;
}

/** The options of a 1–5 scale, "3 — Moderate". */
export function ScaleOptions({ labels }: { labels: readonly string[] }) {
  return (
    <>
      {labels.map((l, i) => (
        <option key={i} value={i + 1}>
          {i + 1} — {l}
        </option>
      ))}
    </>
  );
}

/** The impact and likelihood selects of an incident's risk, on the configured scales. */
export function RiskScaleFields(props: {
  matrix: RiskMatrix;
  impact: number;
  likelihood: number;
  onImpact(value: number): void;
  onLikelihood(value: number): void;
}) {
  return (
    <>
      <label>
        Impact
        <select aria-label="Impact" value={props.impact} onChange={(e) => props.onImpact(Number(e.target.value))}>
          <ScaleOptions labels={props.matrix.impactLabels} />
        </select>
      </label>
      <label>
        Likelihood
        <select aria-label="Likelihood" value={props.likelihood} onChange={(e) => props.onLikelihood(Number(e.target.value))}>
          <ScaleOptions labels={props.matrix.likelihoodLabels} />
        </select>
      </label>
    </>
  );
}

/** "High": the level from which the communications plan applies. */
export function commsFrom(matrix: RiskMatrix): string {
  return commsThreshold(matrix)?.label ?? 'no level';
}
