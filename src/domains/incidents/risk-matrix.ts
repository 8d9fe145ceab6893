// The risk scoring matrix: impact × likelihood gives a score and an overall level. The
// communications plan applies from `high` upward. The matrix is configurable
// (SECDESK_RISK_MATRIX, checked by risk-matrix-config.ts) and passed to every caller. Pure, so the
// web app uses it too.
export interface RiskLevel {
  level: string;
  label: string;
  /** Lowest score (inclusive) of this band. */
  minScore: number;
  commsPlan: boolean;
}

export interface RiskMatrix {
  impactLabels: readonly string[];
  likelihoodLabels: readonly string[];
  /** Bands ordered from lowest to highest. */
  levels: readonly RiskLevel[];
}

export const DEFAULT_RISK_MATRIX: RiskMatrix = {
  impactLabels: ['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
  likelihoodLabels: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  levels: [
    { level: 'low', label: 'Low', minScore: 1, commsPlan: false },
    { level: 'medium', label: 'Medium', minScore: 5, commsPlan: false },
    { level: 'high', label: 'High', minScore: 10, commsPlan: true },
    { level: 'critical', label: 'Critical', minScore: 17, commsPlan: true },
  ],
};

export interface RiskScore {
  score: number;
  level: string;
  label: string;
  commsPlanApplies: boolean;
}

/** The first level from which the communications plan applies (`high` in the default matrix). */
export function commsThreshold(matrix: RiskMatrix): RiskLevel | undefined {
  return matrix.levels.find((l) => l.commsPlan);
}

export function scoreRisk(impact: number, likelihood: number, matrix: RiskMatrix): RiskScore {
  const size = matrix.impactLabels.length;
  for (const [name, value, max] of [
    ['impact', impact, size],
    ['likelihood', likelihood, matrix.likelihoodLabels.length],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`${name} must be a whole number from 1 to ${max}`);
  }
  const score = impact * likelihood;
  const band = [...matrix.levels].reverse().find((l) => score >= l.minScore) ?? matrix.levels[0]!;
  return { score, level: band.level, label: band.label, commsPlanApplies: band.commsPlan };
}
