// `secdesk triage …`: evaluate the shipped model on any labelled file, cross-validate, and train it offline.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { App } from '../app/app.ts';
import { CLI_CONTEXT } from '../app/serve.ts';
import { TriageClassifier } from '../domains/triage/classifier.ts';
import type { RowProblem } from '../domains/triage/labelled-rows.ts';
import { evaluateDuplicates, formatDuplicateEvaluation } from '../domains/triage/duplicate-eval.ts';
import { evaluateLowValue, formatLowValueEvaluation } from '../domains/triage/low-value-eval.ts';
import { formatEvaluation } from '../domains/triage/metrics.ts';
import { buildModel, crossValidate, evaluateClassifier } from '../domains/triage/training.ts';
import {
  DEFAULT_MODEL_FILE,
  DUPLICATE_PAIRS_FILE,
  loadTriageModel,
  LOW_VALUE_FILE,
  OWN_EXAMPLES_FILE,
  PUBLIC_CORPUS_FILE,
  readDuplicatePairsFile,
  readLabelledFile,
  readLowValueFile,
  TriageFileError,
} from '../adapters/triage/model-file.ts';

function reportProblems(file: string, problems: RowProblem[]): void {
  for (const p of problems.slice(0, 50)) process.stderr.write(`${file}:${p.line}: skipped: ${p.problem}\n`);
  if (problems.length > 50) process.stderr.write(`${file}: ${problems.length - 50} more bad lines skipped\n`);
}

function folds(value: string): number {
  const k = Number(value);
  if (!Number.isInteger(k) || k < 2 || k > 20) throw new TriageFileError('--folds must be a whole number from 2 to 20');
  return k;
}

/** Decided tickets as labelled rows: what `secdesk triage export-decisions` needs from a running database. */
type WithApp = <T>(work: (app: App) => Promise<T>) => Promise<T>;

export function triageCommands(program: Command, withApp: WithApp): void {
  const triage = program.command('triage').description('triage suggestions: evaluate and train the classifier (offline; nothing is downloaded)');
  triage
    .command('eval')
    .description('per-class precision, recall, F1 and the confusion matrix on labelled JSONL files of {subject, body, from, label} rows')
    .argument('<files...>', 'labelled JSON Lines files (read together)')
    .option('--model <file>', 'model to evaluate', DEFAULT_MODEL_FILE)
    .option('--cross-validate', 'instead of the shipped model: k-fold cross-validation on the files themselves (train on k-1 folds, score the rest)')
    .option('--folds <k>', 'folds for --cross-validate', '5')
    .action((files: string[], options: { model: string; crossValidate?: boolean; folds: string }) => {
      const sources = files.map((file) => ({ file, ...readLabelledFile(file) }));
      for (const s of sources) reportProblems(s.file, s.problems);
      const rows = sources.flatMap((s) => s.rows);
      const skipped = sources.reduce((n, s) => n + s.problems.length, 0);
      const what = `${files.join(' + ')}: ${rows.length} rows${skipped ? `, ${skipped} bad lines skipped` : ''}`;
      if (options.crossValidate) {
        const k = folds(options.folds);
        console.log(formatEvaluation(crossValidate(rows, k), `triage ${k}-fold cross-validation on ${what}`));
        return;
      }
      const classifier = new TriageClassifier(loadTriageModel(options.model));
      console.log(formatEvaluation(evaluateClassifier(classifier, rows), `triage eval of model ${classifier.modelVersion} on ${what}`));
    });
  triage
    .command('eval-low-value')
    .description(
      'precision and recall of the low-value ("beg bounty") detector on labelled JSONL files of {subject, body, lowValue, family?} rows, with every mistake',
    )
    .argument('[files...]', 'labelled JSON Lines files (read together)', [LOW_VALUE_FILE])
    .action((files: string[]) => {
      const sources = files.map((file) => ({ file, ...readLowValueFile(file) }));
      for (const s of sources) reportProblems(s.file, s.problems);
      const rows = sources.flatMap((s) => s.rows);
      console.log(formatLowValueEvaluation(evaluateLowValue(rows), `low-value detector on ${files.join(' + ')}`));
    });
  triage
    .command('eval-duplicates')
    .description('precision and recall of the possible-duplicate comparison on labelled JSONL files of {a, b, duplicate} pairs, with every mistake')
    .argument('[files...]', 'labelled JSON Lines files (read together)', [DUPLICATE_PAIRS_FILE])
    .action((files: string[]) => {
      const sources = files.map((file) => ({ file, ...readDuplicatePairsFile(file) }));
      for (const s of sources) reportProblems(s.file, s.problems);
      console.log(formatDuplicateEvaluation(evaluateDuplicates(sources.flatMap((s) => s.pairs)), `possible-duplicate comparison on ${files.join(' + ')}`));
    });
  triage
    .command('train')
    .description('build the model from the public corpus and the examples written for secdesk; prints k-fold cross-validation first')
    .option('--corpus <file>', 'public labelled corpus', PUBLIC_CORPUS_FILE)
    .option('--own <file>', 'examples written for secdesk', OWN_EXAMPLES_FILE)
    .option('--out <file>', 'model file to write', DEFAULT_MODEL_FILE)
    .option('--folds <k>', 'folds for the cross-validation', '5')
    .action((options: { corpus: string; own: string; out: string; folds: string }) => {
      const sources = [options.corpus, options.own].map((file) => ({ file, ...readLabelledFile(file) }));
      for (const s of sources) reportProblems(s.file, s.problems);
      const rows = sources.flatMap((s) => s.rows);
      const k = folds(options.folds);
      console.log(
        formatEvaluation(
          crossValidate(rows, k),
          `triage ${k}-fold cross-validation on the training data: ${sources.map((s) => `${s.file} (${s.rows.length})`).join(' + ')}`,
        ),
      );
      const model = buildModel(rows);
      writeFileSync(options.out, `${JSON.stringify(model)}\n`);
      console.error(`wrote ${options.out}: model ${model.version}, ${Object.keys(model.counts).length} features, ${rows.length} training rows`);
    });
  triage
    .command('export-decisions')
    .description("write the analysts' triage decisions as labelled JSON Lines (each ticket's latest choice and its first message), for `triage train --own`")
    .requiredOption('--out <file>', 'file to write (it holds message bodies: keep it private)')
    .action(async (options: { out: string }) => {
      const examples = await withApp((app) => app.services.triage.decidedExamples(CLI_CONTEXT));
      writeFileSync(
        options.out,
        examples
          .map(
            (e) =>
              `${JSON.stringify({ subject: e.subject, body: e.body, from: e.from, label: e.label, source: 'analyst decision', decidedAt: e.decidedAt })}\n`,
          )
          .join(''),
        { mode: 0o600 },
      );
      console.log(`wrote ${examples.length} decided examples to ${options.out}`);
    });
}
