// How well the duplicate comparison does on a labelled JSON Lines file of `{a, b, duplicate}` pairs
// (each side `{subject, body}`): precision and recall at DUPLICATE_THRESHOLD, and every mistake with
// its evidence (`secdesk triage eval-duplicates`). Word weights come from all texts of the file, as
// they would from the open and recent tickets.
import { compareReports, DUPLICATE_THRESHOLD, inverseFrequencies, type ComparableText } from './duplicates.ts';
import { parseJsonLines, type RowProblem } from './labelled-rows.ts';

export interface DuplicatePair {
  line: number;
  a: ComparableText;
  b: ComparableText;
  duplicate: boolean;
}

export interface DuplicateEvaluation {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  mistakes: { line: number; expected: boolean; score: number; why: string }[];
}

export function parseDuplicatePairs(text: string): { pairs: DuplicatePair[]; problems: RowProblem[] } {
  const { rows, problems } = parseJsonLines(text, (row, line): DuplicatePair | string =>
    isText(row.a) && isText(row.b) && typeof row.duplicate === 'boolean'
      ? { line, a: row.a, b: row.b, duplicate: row.duplicate }
      : 'needs a and b ({subject, body} as text) and duplicate (true or false)',
  );
  return { pairs: rows, problems };
}

function isText(value: unknown): value is ComparableText {
  const v = value as Record<string, unknown> | null;
  return !!v && typeof v === 'object' && typeof v.subject === 'string' && typeof v.body === 'string';
}

export function evaluateDuplicates(pairs: readonly DuplicatePair[], threshold = DUPLICATE_THRESHOLD): DuplicateEvaluation {
  const idf = inverseFrequencies(pairs.flatMap((p) => [p.a, p.b]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const mistakes: DuplicateEvaluation['mistakes'] = [];
  for (const pair of pairs) {
    const evidence = compareReports(pair.a, pair.b, idf);
    const found = evidence.score >= threshold;
    if (found && pair.duplicate) tp++;
    if (found === pair.duplicate) continue;
    if (found) fp++;
    else fn++;
    const shared = [...evidence.cves, ...evidence.targets, ...evidence.parameters.map((p) => `parameter ${p}`)];
    mistakes.push({
      line: pair.line,
      expected: pair.duplicate,
      score: evidence.score,
      why: `similarity ${evidence.similarity}${shared.length ? `, shared ${shared.join(', ')}` : ', nothing shared'}`,
    });
  }
  return {
    pairs: pairs.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    mistakes,
  };
}

export function formatDuplicateEvaluation(e: DuplicateEvaluation, heading: string): string {
  const duplicates = e.truePositives + e.falseNegatives;
  return [
    heading,
    `${e.pairs} pairs: ${duplicates} duplicates, ${e.pairs - duplicates} distinct; threshold ${DUPLICATE_THRESHOLD}`,
    `found ${e.truePositives}, distinct pairs called duplicates ${e.falsePositives}, duplicates missed ${e.falseNegatives}`,
    ...e.mistakes.map((m) => `line ${m.line} (${m.expected ? 'duplicate, missed' : 'distinct, called duplicate'}): score ${m.score}: ${m.why}`),
    `precision: ${e.precision.toFixed(3)}`,
    `recall: ${e.recall.toFixed(3)}`,
  ].join('\n');
}
