// A multinomial naive Bayes text classifier, written here rather than taken from npm: the candidates
// (wink-naive-bayes-text-classifier, natural's BayesClassifier) pull in an NLP pipeline or database
// drivers, and neither tells how much each word moved the decision, which the suggestion's reasons need.
// The model is plain counts (JSON, committed), so training is reproducible and loading needs no download.
import { TRIAGE_LABELS, type TriageLabel } from './labels.ts';

export const MODEL_FORMAT = 'secdesk-triage-nb/1';

export interface NaiveBayesModel {
  format: typeof MODEL_FORMAT;
  /** Content hash of the counts: changes whenever the training data does. */
  version: string;
  labels: TriageLabel[];
  /** Laplace smoothing. */
  alpha: number;
  docCounts: number[];
  /** Feature occurrences per label (of the kept vocabulary). */
  featureTotals: number[];
  /** Feature → occurrences per label, in the order of `labels`. */
  counts: Record<string, number[]>;
}

export interface TrainingExample {
  label: TriageLabel;
  features: string[];
}

export interface TrainOptions {
  alpha?: number;
  /** Features seen fewer times than this (in all) are dropped: keeps the model small and ignores typos. */
  minCount?: number;
  /** At most this many features, the most frequent first. */
  maxFeatures?: number;
}

export function trainNaiveBayes(examples: TrainingExample[], options: TrainOptions = {}): Omit<NaiveBayesModel, 'version'> {
  const labels = [...TRIAGE_LABELS];
  const docCounts = labels.map(() => 0);
  const all = new Map<string, number[]>();
  for (const example of examples) {
    const li = labels.indexOf(example.label);
    docCounts[li]! += 1;
    for (const feature of example.features) {
      let row = all.get(feature);
      if (!row) all.set(feature, (row = labels.map(() => 0)));
      row[li]! += 1;
    }
  }
  const minCount = options.minCount ?? 2;
  const kept = [...all.entries()]
    .map(([feature, row]) => ({ feature, row, total: row.reduce((a, b) => a + b, 0) }))
    .filter((f) => f.total >= minCount)
    .sort((a, b) => b.total - a.total || (a.feature < b.feature ? -1 : 1))
    .slice(0, options.maxFeatures ?? 12_000)
    .sort((a, b) => (a.feature < b.feature ? -1 : 1));
  const counts: Record<string, number[]> = {};
  const featureTotals = labels.map(() => 0);
  for (const { feature, row } of kept) {
    counts[feature] = row;
    row.forEach((n, li) => {
      featureTotals[li]! += n;
    });
  }
  return { format: MODEL_FORMAT, labels, alpha: options.alpha ?? 0.05, docCounts, featureTotals, counts };
}

export interface NaiveBayesScore {
  /** log P(label) per label, in the model's label order. */
  logPrior: number[];
  /** Σ log P(feature | label) over the known features, per label. */
  logLikelihood: number[];
  /** How many known feature occurrences were scored. */
  known: number;
  /** Each known feature's log P(feature | label), per label (for the reasons). */
  perFeature: Map<string, { occurrences: number; logP: number[] }>;
}

export class NaiveBayes {
  readonly model: NaiveBayesModel;
  readonly #logPrior: number[];
  readonly #logDenominator: number[];

  constructor(model: NaiveBayesModel) {
    this.model = model;
    const docs = model.docCounts.reduce((a, b) => a + b, 0);
    const vocabulary = Object.keys(model.counts).length;
    // Add-one on the priors too, so a label with no training documents is unlikely, never impossible.
    this.#logPrior = model.docCounts.map((n) => Math.log((n + 1) / (docs + model.labels.length)));
    this.#logDenominator = model.featureTotals.map((total) => Math.log(total + model.alpha * vocabulary));
  }

  score(features: string[]): NaiveBayesScore {
    const { counts, alpha, labels } = this.model;
    const logLikelihood = labels.map(() => 0);
    const perFeature = new Map<string, { occurrences: number; logP: number[] }>();
    let known = 0;
    for (const feature of features) {
      const row = Object.hasOwn(counts, feature) ? counts[feature] : undefined;
      if (!row) continue;
      known += 1;
      let entry = perFeature.get(feature);
      if (!entry) perFeature.set(feature, (entry = { occurrences: 0, logP: row.map((n, li) => Math.log(n + alpha) - this.#logDenominator[li]!) }));
      entry.occurrences += 1;
      entry.logP.forEach((lp, li) => {
        logLikelihood[li]! += lp;
      });
    }
    return { logPrior: this.#logPrior, logLikelihood, known, perFeature };
  }
}

/** Checks a model read from disk; a damaged file is refused with the reason, never half-used. */
export function parseNaiveBayesModel(json: unknown): NaiveBayesModel {
  const m = json as Partial<NaiveBayesModel> | null;
  const problem = (why: string): never => {
    throw new Error(`triage model: ${why}`);
  };
  if (!m || typeof m !== 'object' || m.format !== MODEL_FORMAT) problem(`format is not ${MODEL_FORMAT}`);
  const n = TRIAGE_LABELS.length;
  if (!Array.isArray(m!.labels) || m!.labels.join() !== TRIAGE_LABELS.join()) problem('labels differ from this version of secdesk');
  if (typeof m!.version !== 'string' || typeof m!.alpha !== 'number' || !(m!.alpha > 0)) problem('version or alpha missing');
  const isCounts = (row: unknown) => Array.isArray(row) && row.length === n && row.every((x) => Number.isInteger(x) && x >= 0);
  if (!isCounts(m!.docCounts) || !isCounts(m!.featureTotals)) problem('document or feature totals malformed');
  if (!m!.counts || typeof m!.counts !== 'object' || !Object.values(m!.counts).every(isCounts)) problem('feature counts malformed');
  return m as NaiveBayesModel;
}
