// Where the triage model and its training data live on disk. The model is a committed JSON file
// (resources/triage/model.json), built offline by `secdesk triage train`; nothing is downloaded.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { TriageClassifier } from '../../domains/triage/classifier.ts';
import { parseLabelledRows, type LabelledRow, type RowProblem } from '../../domains/triage/labelled-rows.ts';
import { parseDuplicatePairs, type DuplicatePair } from '../../domains/triage/duplicate-eval.ts';
import { parseLowValueRows, type LowValueRow } from '../../domains/triage/low-value-eval.ts';
import { parseNaiveBayesModel, type NaiveBayesModel } from '../../domains/triage/naive-bayes.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const DEFAULT_MODEL_FILE = path.join(REPO_ROOT, 'resources/triage/model.json');
/** Examples of the classes no public corpus covers, written for secdesk. */
export const OWN_EXAMPLES_FILE = path.join(REPO_ROOT, 'resources/triage/own-examples.jsonl');
/** The shared public corpus beside the repository (never copied into it). */
export const PUBLIC_CORPUS_FILE = path.resolve(REPO_ROOT, '../shared/corpus/triage-public.jsonl');

/** Large enough for any evaluation set, small enough to read into memory. */
export const MAX_LABELLED_FILE_BYTES = 64 * 1024 * 1024;

export class TriageFileError extends Error {}

export function loadTriageModel(file = DEFAULT_MODEL_FILE): NaiveBayesModel {
  if (!existsSync(file)) throw new TriageFileError(`triage model not found: ${file} (build it with \`secdesk triage train\`)`);
  try {
    return parseNaiveBayesModel(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new TriageFileError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The labelled low-value reports and look-alike valid reports written for secdesk (`triage eval-low-value`). */
export const LOW_VALUE_FILE = path.join(REPO_ROOT, 'resources/triage/low-value.jsonl');

/** Labelled pairs of reports, duplicate or not, written for secdesk (`triage eval-duplicates`). */
export const DUPLICATE_PAIRS_FILE = path.join(REPO_ROOT, 'resources/triage/duplicate-pairs.jsonl');

export function readDuplicatePairsFile(file: string): { pairs: DuplicatePair[]; problems: RowProblem[] } {
  const parsed = parseDuplicatePairs(readText(file));
  if (parsed.pairs.length === 0)
    throw new TriageFileError(`${file} holds no usable pairs${parsed.problems.length ? ` (${parsed.problems.length} bad lines)` : ''}`);
  return parsed;
}

export function readLowValueFile(file: string): { rows: LowValueRow[]; problems: RowProblem[] } {
  const parsed = parseLowValueRows(readText(file));
  if (parsed.rows.length === 0)
    throw new TriageFileError(`${file} holds no usable rows${parsed.problems.length ? ` (${parsed.problems.length} bad lines)` : ''}`);
  return parsed;
}

function readText(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new TriageFileError(`no such file: ${file}`);
  if (statSync(file).size > MAX_LABELLED_FILE_BYTES) throw new TriageFileError(`${file} is larger than ${MAX_LABELLED_FILE_BYTES / 1024 / 1024} MB`);
  return readFileSync(file, 'utf8');
}

export function readLabelledFile(file: string): { rows: LabelledRow[]; problems: RowProblem[] } {
  const parsed = parseLabelledRows(readText(file));
  if (parsed.rows.length === 0)
    throw new TriageFileError(`${file} holds no usable labelled rows${parsed.problems.length ? ` (${parsed.problems.length} bad lines)` : ''}`);
  return parsed;
}

/** The shipped model as a classifier; null (logged) when it cannot be loaded, so secdesk still starts and takes in mail. */
export function loadTriageClassifier(logger: Pick<Logger, 'error'>, file = DEFAULT_MODEL_FILE): TriageClassifier | null {
  try {
    return new TriageClassifier(loadTriageModel(file));
  } catch (err) {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'triage model not loaded: new tickets get no triage suggestion');
    return null;
  }
}
