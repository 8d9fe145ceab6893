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

/** "High": the level from which the communications plan applies. */
export function commsFrom(matrix: RiskMatrix): string {
  return commsThreshold(matrix)?.label ?? 'no level';
}
