// Possible duplicates: a new vulnerability report compared with other tickets by what a reader would
// compare: the same CVE, the same target (host and path) or parameter, and similar wording (TF-IDF
// cosine over the triage tokenizer's words). Each match carries its evidence: the shared identifiers
// and the passages of both texts that share the most weighted words.
import { words } from './text-features.ts';

export interface ComparableText {
  subject: string;
  body: string;
}

export interface DuplicateEvidence {
  /** 0–1: text similarity plus the weight of shared identifiers, capped at 1. */
  score: number;
  /** The TF-IDF cosine of the two texts. */
  similarity: number;
  cves: string[];
  targets: string[];
  parameters: string[];
  /** The sentence of each text that shares the most weighted words with the other. */
  passages: { report: string; other: string } | null;
}

/** A score at or above this is shown as "possible duplicate" (chosen on resources/triage/duplicate-pairs.jsonl). */
export const DUPLICATE_THRESHOLD = 0.5;
const CVE_WEIGHT = 0.5;
const TARGET_WEIGHT = 0.25;
const PARAMETER_WEIGHT = 0.1;
const MAX_TEXT = 20_000;

const CVE = /\bcve-\d{4}-\d{4,7}\b/gi;
const LINK = /\bhttps?:\/\/[^\s<>"'()]+/gi;
const PARAMETER = /[?&]([a-z_][\w.-]{0,40})=/gi;

/** Inverse document frequencies over a pool of texts (smoothed, so that a word in every text still counts a little). */
export function inverseFrequencies(texts: readonly ComparableText[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const t of texts) for (const w of new Set(tokens(t))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return (word) => Math.log((1 + n) / (1 + (df.get(word) ?? 0))) + 1;
}

export function compareReports(report: ComparableText, other: ComparableText, idf: (word: string) => number): DuplicateEvidence {
  const a = identifiers(report);
  const b = identifiers(other);
  const cves = a.cves.filter((c) => b.cves.includes(c));
  const targets = a.targets.filter((t) => b.targets.includes(t));
  const parameters = a.parameters.filter((p) => b.parameters.includes(p));
  const similarity = cosine(vector(tokens(report), idf), vector(tokens(other), idf));
  const bonus = (cves.length ? CVE_WEIGHT : 0) + (targets.length ? TARGET_WEIGHT : 0) + (parameters.length ? PARAMETER_WEIGHT : 0);
  return { score: round(Math.min(1, similarity + bonus)), similarity: round(similarity), cves, targets, parameters, passages: passages(report, other, idf) };
}

function tokens(t: ComparableText): string[] {
  return words(`${t.subject}\n${t.body.slice(0, MAX_TEXT)}`);
}

function identifiers(t: ComparableText): { cves: string[]; targets: string[]; parameters: string[] } {
  const text = `${t.subject}\n${t.body.slice(0, MAX_TEXT)}`;
  const urls = [...text.matchAll(LINK)].map((m) => m[0].replace(/[.,;:!?\]]+$/, ''));
  const targets = urls.flatMap((u) => {
    try {
      const url = new URL(u);
      // Ids in the path name the record, not the endpoint: /projects/12 and /projects/88 are one target.
      const path = url.pathname
        .replace(/\/+$/, '')
        .split('/')
        .map((part) => (/^\d+$|^[0-9a-f-]{16,}$/i.test(part) ? '{id}' : part))
        .join('/');
      return [`${url.host.toLowerCase()}${path || '/'}`];
    } catch {
      return [];
    }
  });
  return {
    cves: unique([...text.matchAll(CVE)].map((m) => m[0].toUpperCase())),
    targets: unique(targets),
    parameters: unique(urls.flatMap((u) => [...u.matchAll(PARAMETER)].map((m) => m[1]!.toLowerCase()))),
  };
}

function vector(list: string[], idf: (word: string) => number): Map<string, number> {
  const tf = new Map<string, number>();
  for (const w of list) tf.set(w, (tf.get(w) ?? 0) + 1);
  return new Map([...tf].map(([w, n]) => [w, (1 + Math.log(n)) * idf(w)]));
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  for (const [w, x] of a) dot += x * (b.get(w) ?? 0);
  const norm = (v: Map<string, number>) => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));
  const denominator = norm(a) * norm(b);
  return denominator ? dot / denominator : 0;
}

/** Sentence ends: punctuation followed by space (not the dots of a URL), or a line break. */
const SENTENCE_END = /(?<=[.!?])\s+|\n+/;

function passages(report: ComparableText, other: ComparableText, idf: (word: string) => number): DuplicateEvidence['passages'] {
  const mine = sentences(report);
  const theirs = sentences(other);
  let best: { score: number; report: string; other: string } | null = null;
  for (const m of mine) {
    const mw = new Set(words(m));
    for (const o of theirs) {
      const score = [...new Set(words(o))].filter((w) => mw.has(w)).reduce((s, w) => s + idf(w), 0);
      if (score > 0 && (!best || score > best.score)) best = { score, report: m, other: o };
    }
  }
  return best ? { report: best.report, other: best.other } : null;
}

function sentences(t: ComparableText): string[] {
  return [t.subject, ...t.body.slice(0, MAX_TEXT).split(SENTENCE_END)].map((s) => s.trim().slice(0, 300)).filter((s) => s.length >= 12);
}

function unique<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
