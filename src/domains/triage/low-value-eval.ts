// How well the low-value detector does on a labelled JSON Lines file of `{subject, body, lowValue,
// family?}` rows: precision and recall of the flag, recall per family, and every mistake by line so
// that a reader can judge them (`secdesk triage eval-low-value`).
import { detectLowValue, LOW_VALUE_FAMILIES } from './low-value.ts';
import { parseJsonLines, type RowProblem } from './labelled-rows.ts';

export interface LowValueRow {
  line: number;
  subject: string;
  body: string;
  lowValue: boolean;
  /** The family the row was written for (for a valid report: the family whose words it shares). */
  family: string | null;
}

export interface LowValueEvaluation {
  rows: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Per family of the low-value rows: how many the detector flagged. */
  families: { family: string; flagged: number; support: number }[];
  mistakes: { line: number; subject: string; expected: boolean; why: string }[];
}

export function parseLowValueRows(text: string): { rows: LowValueRow[]; problems: RowProblem[] } {
  return parseJsonLines(text, (row, line): LowValueRow | string => {
    if (typeof row.subject !== 'string' || typeof row.body !== 'string' || typeof row.lowValue !== 'boolean')
      return 'needs subject and body (text) and lowValue (true or false)';
    const family = typeof row.family === 'string' ? row.family : null;
    if (family !== null && !(LOW_VALUE_FAMILIES as readonly string[]).includes(family))
      return `unknown family "${family.slice(0, 40)}" (families: ${LOW_VALUE_FAMILIES.join(', ')})`;
    return { line, subject: row.subject, body: row.body, lowValue: row.lowValue, family };
  });
}

export function evaluateLowValue(rows: readonly LowValueRow[]): LowValueEvaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const mistakes: LowValueEvaluation['mistakes'] = [];
  const families = new Map<string, { flagged: number; support: number }>();
  for (const row of rows) {
    const verdict = detectLowValue(row.subject, row.body);
    if (row.lowValue) {
      const f = families.get(row.family ?? '(none)') ?? { flagged: 0, support: 0 };
      families.set(row.family ?? '(none)', { flagged: f.flagged + Number(verdict.flagged), support: f.support + 1 });
    }
    if (verdict.flagged && row.lowValue) tp++;
    if (verdict.flagged === row.lowValue) continue;
    if (verdict.flagged) fp++;
    else fn++;
    const why = verdict.flagged
      ? `flagged: ${verdict.findings.map((f) => `${f.family} ${f.detail}`).join('; ')}`
      : verdict.withheldBy.length
        ? `withheld by ${verdict.withheldBy.map((w) => `${w.reason} ${w.detail}`).join('; ')}`
        : 'no family fired';
    mistakes.push({ line: row.line, subject: row.subject, expected: row.lowValue, why });
  }
  return {
    rows: rows.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    families: LOW_VALUE_FAMILIES.filter((f) => families.has(f)).map((family) => ({ family, ...families.get(family)! })),
    mistakes,
  };
}

export function formatLowValueEvaluation(e: LowValueEvaluation, heading: string): string {
  const lowValue = e.truePositives + e.falseNegatives;
  const lines = [
    heading,
    `${e.rows} rows: ${lowValue} low-value, ${e.rows - lowValue} valid reports`,
    `flagged correctly ${e.truePositives}, valid reports flagged ${e.falsePositives}, low-value reports missed ${e.falseNegatives}`,
    '',
    'family | flagged | support',
    ...e.families.map((f) => `${f.family} | ${f.flagged} | ${f.support}`),
    '',
    ...e.mistakes.map((m) => `line ${m.line} (${m.expected ? 'low-value, missed' : 'valid, flagged'}): ${m.subject.slice(0, 80)} — ${m.why}`),
    ...(e.mistakes.length ? [''] : []),
    `precision: ${e.precision.toFixed(3)}`,
    `recall: ${e.recall.toFixed(3)}`,
  ];
  return lines.join('\n');
}
