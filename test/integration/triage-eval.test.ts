// `secdesk triage eval` as CI runs it: a separate process on labelled files, its report format,
// and macro-F1 floors set below what was measured (README, "Triage"). Prints the figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { corpusMissing, corpusPath } from '../support/corpus.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PUBLIC_CORPUS = corpusPath('triage-public.jsonl');
const OWN_EXAMPLES = path.join(ROOT, 'resources/triage/own-examples.jsonl');
const HELD_OUT = path.join(ROOT, 'resources/triage/held-out.jsonl');

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['bin/secdesk.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, SECDESK_LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Checks the report's shape and returns its macro-F1. */
function macroF1Of(out: string): number {
  const lines = out.trimEnd().split('\n');
  assert.match(lines.at(-1)!, /^macro-F1: [01]\.\d{3}$/, 'the last line is macro-F1: 0.NNN');
  assert.match(out, /^class\s+precision\s+recall\s+F1\s+support$/m);
  assert.match(out, /^confusion matrix \(rows: true label, columns: predicted\)$/m);
  assert.match(out, /^\s+vuln\s+acct\s+dmca\s+comp\s+secq\s+spam$/m);
  return Number(lines.at(-1)!.slice('macro-F1: '.length));
}

function evalFigures(args: string[], floor: number): void {
  const res = cli(['triage', 'eval', ...args]);
  assert.equal(res.code, 0, res.err);
  process.stdout.write(`\n$ secdesk triage eval ${args.map((a) => path.relative(ROOT, a) || a).join(' ')}\n${res.out}\n`);
  const f1 = macroF1Of(res.out);
  assert.ok(f1 >= floor, `macro-F1 ${f1} is below the floor ${floor}`);
}

test('held-out examples (never trained on): the shipped model', () => evalFigures([HELD_OUT], 0.75));

test('the training data (public corpus + own examples): 5-fold cross-validation, each row scored by a model that never saw it', {
  skip: corpusMissing('triage-public.jsonl'),
}, () => {
  evalFigures(['--cross-validate', PUBLIC_CORPUS, OWN_EXAMPLES], 0.8);
});

test('public corpus and own examples: the shipped model (training data: shows fit, not generalisation)', { skip: corpusMissing('triage-public.jsonl') }, () => {
  evalFigures([PUBLIC_CORPUS], 0.9);
  evalFigures([OWN_EXAMPLES], 0.9);
});

test('bad rows are reported by line number and skipped; an empty or missing file is an error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-triage-'));
  const file = path.join(dir, 'mixed.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({
        subject: 'Copyright infringement',
        body: 'This repository infringes our copyrighted work; remove it under the DMCA.',
        from: 'agent@rights.example',
        label: 'copyright_dmca',
      }),
      '{not json',
      JSON.stringify({ subject: 'x', body: 'y', label: 'phishing' }),
      JSON.stringify({ body: 'no subject', label: 'spam_or_other' }),
      '',
    ].join('\n'),
  );
  const res = cli(['triage', 'eval', file]);
  assert.equal(res.code, 0, res.err);
  assert.match(res.err, /mixed\.jsonl:2: skipped: not valid JSON/);
  assert.match(res.err, /mixed\.jsonl:3: skipped: unknown label "phishing"/);
  assert.match(res.err, /mixed\.jsonl:4: skipped: missing or not text: subject/);
  assert.match(res.out, /1 rows, 3 bad lines skipped/);
  assert.equal(macroF1Of(res.out), 1);

  const empty = path.join(dir, 'empty.jsonl');
  writeFileSync(empty, '');
  const none = cli(['triage', 'eval', empty]);
  assert.equal(none.code, 1);
  assert.match(none.err, /^secdesk: .*empty\.jsonl holds no usable labelled rows\n$/);
  const missing = cli(['triage', 'eval', path.join(dir, 'missing.jsonl')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^secdesk: no such file: .*missing\.jsonl\n$/);
});

test('train writes a model that eval loads, after printing its cross-validation', { skip: corpusMissing('triage-public.jsonl') }, () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'secdesk-model-')), 'model.json');
  const trained = cli(['triage', 'train', '--out', out, '--folds', '3']);
  assert.equal(trained.code, 0, trained.err);
  assert.match(trained.out, /^triage 3-fold cross-validation on the training data/);
  macroF1Of(trained.out);
  assert.match(trained.err, /wrote .*model\.json: model nb-[0-9a-f]{12}, \d+ features, \d+ training rows/);
  const shipped = cli(['triage', 'eval', OWN_EXAMPLES]);
  const retrained = cli(['triage', 'eval', OWN_EXAMPLES, '--model', out]);
  assert.equal(retrained.code, 0, retrained.err);
  assert.equal(
    retrained.out.split('\n').slice(1).join('\n'),
    shipped.out.split('\n').slice(1).join('\n'),
    'training is reproducible: the same data gives the shipped model',
  );
});
