// The suggestion: the text classifier's evidence and the transparent signals added up per label,
// turned into a confidence, with the reasons that drove it. It only suggests; analysts decide.
import type { Disposition } from '../tickets/tickets.types.ts';
import { SUGGESTED_DISPOSITION, type TriageLabel } from './labels.ts';
import { NaiveBayes, type NaiveBayesModel } from './naive-bayes.ts';
import { detectLowValue, OUT_OF_SCOPE_TEMPLATE, type LowValueVerdict } from './low-value.ts';
import { fireSignals, type FiredSignal, type TriageInput } from './signals.ts';
import { textFeatures } from './text-features.ts';

/**
 * Naive Bayes treats every word as independent evidence, so a long message drives its posterior to
 * 0 or 1. The text's log-likelihoods are scaled to count as this many words' worth (chosen by
 * cross-validation: it separates right from wrong suggestions best, and lets the signals weigh in);
 * the confidence is the softmax of the scores: calibrated only roughly (`secdesk triage train` prints
 * the mean confidence when right and when wrong).
 */
const EVIDENCE_WORDS = 2;
/** A finding of a well-known kind (even a low-value one) is a claimed vulnerability: it weighs like a bug-bounty platform sender, more than the model's word evidence that "DMARC" or "headers" are asked about in questions. */
const CLAIMED_FINDING_WEIGHT = 3;
const TOP_WORDS = 6;

export interface TriageReason {
  /** `out-of-scope`: a low-value report family that fired (it adds no weight: the label stays the model's). */
  kind: 'signal' | 'words' | 'out-of-scope';
  /** The label this reason supports. */
  label: TriageLabel;
  /** The signal's name, the word or word pair, or the low-value family. */
  name: string;
  detail: string;
  /** How much it added to that label's log-odds. */
  weight: number;
}

/** "Likely out of scope": the low-value families seen, and the reply template the suggestion points to. */
export interface OutOfScope {
  families: { family: string; detail: string }[];
  template: string;
}

export interface TriageResult {
  label: TriageLabel;
  /** The label's disposition; a reply (from the out-of-scope template) when the report is likely out of scope. */
  disposition: Disposition | null;
  /** 0–1: the softmax share of the chosen label. */
  confidence: number;
  /** Every label's share, largest first. */
  ranking: { label: TriageLabel; confidence: number }[];
  reasons: TriageReason[];
  /** Set when the report looks like a well-known low-value report; it never acts on the ticket. */
  outOfScope: OutOfScope | null;
  modelVersion: string;
}

export class TriageClassifier {
  readonly #nb: NaiveBayes;

  constructor(model: NaiveBayesModel) {
    this.#nb = new NaiveBayes(model);
  }

  get modelVersion(): string {
    return this.#nb.model.version;
  }

  suggest(input: TriageInput): TriageResult {
    const { labels } = this.#nb.model;
    const text = this.#nb.score(textFeatures(input.subject, input.body));
    const scale = Math.min(1, EVIDENCE_WORDS / Math.max(1, text.known));
    const lowValue = detectLowValue(input.subject, input.body);
    const signals = [...fireSignals(input), ...claimedFinding(lowValue)];
    // Priors are left out on purpose: the training set's class mix (mostly DMCA notices) is not a security inbox's.
    const scores = labels.map((label, li) => scale * text.logLikelihood[li]! + signals.filter((s) => s.label === label).reduce((sum, s) => sum + s.weight, 0));
    const shares = softmax(scores);
    const best = shares.indexOf(Math.max(...shares));
    const label = labels[best]!;
    const wordReasons = topWords(text.perFeature, best, scale, label);
    const signalReasons: TriageReason[] = signals
      .sort((a, b) => Number(b.label === label) - Number(a.label === label) || b.weight - a.weight)
      .map((s) => ({ kind: 'signal', label: s.label, name: s.signal, detail: s.detail, weight: round(s.weight) }));
    const outOfScopeReasons: TriageReason[] = lowValue.flagged
      ? lowValue.findings.map((f) => ({ kind: 'out-of-scope', label, name: f.family, detail: `${f.title}: ${f.detail}`, weight: 0 }))
      : [];
    const outOfScope = outOfScopeOf(outOfScopeReasons);
    return {
      label,
      disposition: outOfScope && label !== 'spam_or_other' ? 'reply' : SUGGESTED_DISPOSITION[label],
      confidence: round(shares[best]!),
      ranking: labels.map((l, li) => ({ label: l, confidence: round(shares[li]!) })).sort((a, b) => b.confidence - a.confidence),
      reasons: [...outOfScopeReasons, ...signalReasons, ...wordReasons],
      outOfScope,
      modelVersion: this.modelVersion,
    };
  }
}

function claimedFinding(verdict: LowValueVerdict): FiredSignal[] {
  if (!verdict.findings.length) return [];
  return [
    {
      signal: 'claimed-finding',
      label: 'vulnerability_report',
      weight: CLAIMED_FINDING_WEIGHT,
      detail: `reports ${verdict.findings.map((f) => f.title).join('; ')}`,
    },
  ];
}

/** The out-of-scope flag a suggestion's reasons carry (stored suggestions keep it in their reasons). */
export function outOfScopeOf(reasons: readonly TriageReason[]): OutOfScope | null {
  const families = reasons.filter((r) => r.kind === 'out-of-scope').map((r) => ({ family: r.name, detail: r.detail }));
  return families.length ? { families, template: OUT_OF_SCOPE_TEMPLATE } : null;
}

/** The words that favoured the chosen label most over the average of the others. */
function topWords(perFeature: Map<string, { occurrences: number; logP: number[] }>, best: number, scale: number, label: TriageLabel): TriageReason[] {
  const contributions = [...perFeature.entries()].map(([name, { occurrences, logP }]) => {
    const others = logP.filter((_, li) => li !== best);
    const lift = logP[best]! - others.reduce((a, b) => a + b, 0) / others.length;
    return { name, occurrences, weight: occurrences * scale * lift };
  });
  return contributions
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.name < b.name ? -1 : 1))
    .slice(0, TOP_WORDS)
    .map((c) => ({ kind: 'words', label, name: c.name, detail: c.occurrences > 1 ? `“${c.name}” ×${c.occurrences}` : `“${c.name}”`, weight: round(c.weight) }));
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
