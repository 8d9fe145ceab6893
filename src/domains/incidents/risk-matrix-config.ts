// Checks a configured risk matrix (SECDESK_RISK_MATRIX). The grid stays 5×5 because the database
// holds impact and likelihood from 1 to 5; the labels and the level bands are the team's. The
// shipped stakeholder rules must still check against the levels (they name `high`), so a matrix
// that drops a level they use is refused at startup rather than silently engaging nobody.
import { DEFAULT_STAKEHOLDER_RULES } from '../stakeholders/default-rules.ts';
import { checkRules } from '../stakeholders/stakeholder-rules.ts';
import { factCatalogue } from './fact-catalogue.ts';
import type { RiskLevel, RiskMatrix } from './risk-matrix.ts';

export const RISK_GRID_SIZE = 5;
const MAX_SCORE = RISK_GRID_SIZE * RISK_GRID_SIZE;
const LEVEL_ID = /^[a-z][a-z0-9_]{0,39}$/;

export class RiskMatrixError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  if (extra) throw new RiskMatrixError(`${where} has an unknown field '${extra}' (allowed: ${allowed.join(', ')})`);
}

function labels(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length !== RISK_GRID_SIZE)
    throw new RiskMatrixError(`${name} must list exactly ${RISK_GRID_SIZE} labels, lowest first (the grid is ${RISK_GRID_SIZE}×${RISK_GRID_SIZE})`);
  for (const label of value) {
    if (typeof label !== 'string' || !label.trim() || label.length > 40) throw new RiskMatrixError(`${name} must be labels of 1 to 40 characters`);
  }
  return value.map((l: string) => l.trim());
}

function level(value: unknown, index: number): RiskLevel {
  const where = `levels[${index}]`;
  if (!isObject(value)) throw new RiskMatrixError(`${where} must be an object {level, label, minScore, commsPlan}`);
  onlyKeys(value, ['level', 'label', 'minScore', 'commsPlan'], where);
  const { level: id, label, minScore, commsPlan } = value;
  if (typeof id !== 'string' || !LEVEL_ID.test(id)) throw new RiskMatrixError(`${where}.level must be an id of lowercase letters, digits and _ (e.g. high)`);
  if (typeof label !== 'string' || !label.trim() || label.length > 40) throw new RiskMatrixError(`${where}.label must be 1 to 40 characters`);
  if (!Number.isInteger(minScore) || (minScore as number) < 1 || (minScore as number) > MAX_SCORE)
    throw new RiskMatrixError(`${where}.minScore must be a whole number from 1 to ${MAX_SCORE}`);
  if (typeof commsPlan !== 'boolean') throw new RiskMatrixError(`${where}.commsPlan must be true or false`);
  return { level: id, label: label.trim(), minScore: minScore as number, commsPlan };
}

function checkBands(levels: readonly RiskLevel[]): void {
  if (levels[0]!.minScore !== 1) throw new RiskMatrixError('levels[0].minScore must be 1: every score needs a level');
  const ids = new Set<string>();
  levels.forEach((l, i) => {
    if (ids.has(l.level)) throw new RiskMatrixError(`levels[${i}].level '${l.level}' is used twice`);
    ids.add(l.level);
    if (i > 0 && l.minScore <= levels[i - 1]!.minScore)
      throw new RiskMatrixError(`levels[${i}].minScore must be above levels[${i - 1}].minScore (bands go from lowest to highest)`);
  });
  const first = levels.findIndex((l) => l.commsPlan);
  if (first < 0) throw new RiskMatrixError('at least one level must have commsPlan: true (the communications plan applies from it upward)');
  const gap = levels.findIndex((l, i) => i > first && !l.commsPlan);
  if (gap >= 0) throw new RiskMatrixError(`levels[${gap}] must have commsPlan: true: the communications plan applies from '${levels[first]!.level}' upward`);
}

/** The shipped stakeholder rules must check against the matrix's levels (they use `high`). */
function checkDefaultRules(matrix: RiskMatrix): void {
  const { errors } = checkRules(DEFAULT_STAKEHOLDER_RULES, factCatalogue(matrix));
  const first = errors[0];
  if (first) throw new RiskMatrixError(`the shipped stakeholder rule '${first.ruleId}' does not check against these levels: ${first.message}`);
}

/** A configured matrix from its JSON value; throws RiskMatrixError naming what is wrong. */
export function checkRiskMatrix(value: unknown): RiskMatrix {
  if (!isObject(value)) throw new RiskMatrixError('must be a JSON object {impactLabels, likelihoodLabels, levels}');
  onlyKeys(value, ['impactLabels', 'likelihoodLabels', 'levels'], 'the matrix');
  const impactLabels = labels(value.impactLabels, 'impactLabels');
  const likelihoodLabels = labels(value.likelihoodLabels, 'likelihoodLabels');
  if (!Array.isArray(value.levels) || value.levels.length < 2 || value.levels.length > 10)
    throw new RiskMatrixError('levels must list 2 to 10 bands, lowest first');
  const levels = value.levels.map(level);
  checkBands(levels);
  const matrix: RiskMatrix = { impactLabels, likelihoodLabels, levels };
  checkDefaultRules(matrix);
  return matrix;
}

/** Parses and checks the JSON text of SECDESK_RISK_MATRIX. */
export function parseRiskMatrix(text: string): RiskMatrix {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RiskMatrixError('is not JSON');
  }
  return checkRiskMatrix(parsed);
}
