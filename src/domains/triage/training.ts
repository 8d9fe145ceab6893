// Training the shipped model offline, evaluating a model on labelled rows, and k-fold cross-validation
// (the honest figure: every row is scored by a model that never saw it).
import { createHash } from 'node:crypto';
import { TriageClassifier } from './classifier.ts';
import type { LabelledRow } from './labelled-rows.ts';
import { evaluate, type Evaluation, type ScoredPrediction } from './metrics.ts';
import { trainNaiveBayes, type NaiveBayesModel, type TrainOptions } from './naive-bayes.ts';
import { textFeatures } from './text-features.ts';

export type TrainingRow = Pick<LabelledRow, 'subject' | 'body' | 'from' | 'label'>;

export function buildModel(rows: TrainingRow[], options: TrainOptions = {}): NaiveBayesModel {
  const trained = trainNaiveBayes(
    rows.map((r) => ({ label: r.label, features: textFeatures(r.subject, r.body) })),
    options,
  );
  const version = `nb-${createHash('sha256').update(JSON.stringify(trained)).digest('hex').slice(0, 12)}`;
  return { ...trained, version };
}

export function evaluateClassifier(classifier: TriageClassifier, rows: TrainingRow[]): Evaluation {
  return evaluate(rows.map((r) => predict(classifier, r)));
}

function predict(classifier: TriageClassifier, row: TrainingRow): ScoredPrediction {
  const { label, confidence } = classifier.suggest({ subject: row.subject, body: row.body, from: row.from });
  return { truth: row.label, predicted: label, confidence };
}

/** Stratified k-fold: each label's rows are dealt round-robin to the folds after a seeded shuffle. */
export function crossValidate(rows: TrainingRow[], folds = 5, seed = 1, options: TrainOptions = {}): Evaluation {
  const random = mulberry32(seed);
  const foldOf = new Map<TrainingRow, number>();
  const byLabel = Map.groupBy(rows, (r) => r.label);
  for (const group of byLabel.values()) {
    const shuffled = group
      .map((r) => ({ r, k: random() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.r);
    shuffled.forEach((r, i) => {
      foldOf.set(r, i % folds);
    });
  }
  const pairs: ScoredPrediction[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const classifier = new TriageClassifier(
      buildModel(
        rows.filter((r) => foldOf.get(r) !== fold),
        options,
      ),
    );
    for (const r of rows.filter((x) => foldOf.get(x) === fold)) pairs.push(predict(classifier, r));
  }
  return evaluate(pairs);
}

/** A small seeded generator, so the folds (and the README's figures) are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
