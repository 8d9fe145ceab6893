// Per-class precision, recall and F1, macro-F1 and the confusion matrix of a labelled evaluation.
import { LABEL_ABBREVIATION, TRIAGE_LABELS, type TriageLabel } from './labels.ts';

export interface ClassFigures {
  label: TriageLabel;
  precision: number;
  recall: number;
  f1: number;
  /** Rows whose true label is this one. */
  support: number;
  predicted: number;
}

export interface Evaluation {
  rows: number;
  /** Per label present in the file or predicted (the classes macro-F1 averages over). */
  classes: ClassFigures[];
  macroF1: number;
  accuracy: number;
  /** confusion[true][predicted], every label. */
  confusion: Record<TriageLabel, Record<TriageLabel, number>>;
  /** The suggestions' mean confidence when right and when wrong (how far to trust the number). */
  meanConfidence: { right: number | null; wrong: number | null };
}

export interface ScoredPrediction {
  truth: TriageLabel;
  predicted: TriageLabel;
  confidence?: number;
}

export function evaluate(pairs: ScoredPrediction[]): Evaluation {
  const confusion = Object.fromEntries(TRIAGE_LABELS.map((t) => [t, Object.fromEntries(TRIAGE_LABELS.map((p) => [p, 0]))])) as Evaluation['confusion'];
  for (const { truth, predicted } of pairs) confusion[truth][predicted] += 1;
  const classes = TRIAGE_LABELS.map((label) => figuresFor(label, confusion)).filter((c) => c.support > 0 || c.predicted > 0);
  const correct = TRIAGE_LABELS.reduce((n, l) => n + confusion[l][l], 0);
  return {
    rows: pairs.length,
    classes,
    macroF1: classes.length ? classes.reduce((sum, c) => sum + c.f1, 0) / classes.length : 0,
    accuracy: pairs.length ? correct / pairs.length : 0,
    confusion,
    meanConfidence: {
      right: meanConfidence(pairs.filter((p) => p.truth === p.predicted)),
      wrong: meanConfidence(pairs.filter((p) => p.truth !== p.predicted)),
    },
  };
}

function meanConfidence(pairs: ScoredPrediction[]): number | null {
  const known = pairs.flatMap((p) => (p.confidence === undefined ? [] : [p.confidence]));
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

function figuresFor(label: TriageLabel, confusion: Evaluation['confusion']): ClassFigures {
  const tp = confusion[label][label];
  const support = TRIAGE_LABELS.reduce((n, p) => n + confusion[label][p], 0);
  const predicted = TRIAGE_LABELS.reduce((n, t) => n + confusion[t][label], 0);
  // An undefined ratio (nothing predicted, or nothing to find) counts as 0, as scikit-learn does.
  const precision = predicted ? tp / predicted : 0;
  const recall = support ? tp / support : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { label, precision, recall, f1, support, predicted };
}

const f3 = (n: number) => n.toFixed(3);

/** The report the CLI prints; its last line is `macro-F1: 0.NNN`. */
export function formatEvaluation(e: Evaluation, heading: string): string {
  const lines = [heading, '', `${'class'.padEnd(22)}${'precision'.padStart(10)}${'recall'.padStart(8)}${'F1'.padStart(8)}${'support'.padStart(9)}`];
  for (const c of e.classes)
    lines.push(`${c.label.padEnd(22)}${f3(c.precision).padStart(10)}${f3(c.recall).padStart(8)}${f3(c.f1).padStart(8)}${String(c.support).padStart(9)}`);
  lines.push('', `accuracy: ${f3(e.accuracy)} (${e.rows} rows); macro-F1 averages the ${e.classes.length} classes present or predicted`);
  const { right, wrong } = e.meanConfidence;
  if (right !== null || wrong !== null)
    lines.push(`mean confidence: ${right === null ? '-' : f3(right)} when right, ${wrong === null ? '-' : f3(wrong)} when wrong`);
  lines.push('');
  lines.push('confusion matrix (rows: true label, columns: predicted)');
  lines.push(`${''.padEnd(22)}${TRIAGE_LABELS.map((l) => LABEL_ABBREVIATION[l].padStart(6)).join('')}`);
  for (const truth of TRIAGE_LABELS) lines.push(`${truth.padEnd(22)}${TRIAGE_LABELS.map((p) => String(e.confusion[truth][p]).padStart(6)).join('')}`);
  lines.push('', `macro-F1: ${f3(e.macroF1)}`);
  return lines.join('\n');
}
