// `node scripts/code-stats.ts`: the size and duplication figures of the code base, so a before and an
// after come from one command — TypeScript files and lines in src/ and web/src/ (tests apart), the
// largest files, lines over 120 characters, and jscpd's duplicated blocks with the rule of .jscpd.json
// and without its boilerplate exclusions.
import { spawnSync } from 'node:child_process';
import { globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOTS = ['src', 'web/src'];
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

interface FileStat {
  file: string;
  lines: number;
  lengths: number[];
}

function statsOf(root: string): FileStat[] {
  return globSync(`${root}/**/*.{ts,tsx}`)
    .sort()
    .map((file) => {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      if (lines.at(-1) === '') lines.pop();
      return { file, lines: lines.length, lengths: lines.map((l) => l.length) };
    });
}

const sum = (files: FileStat[]) => files.reduce((n, f) => n + f.lines, 0);
const isGenerated = (file: string) => file.endsWith('.generated.ts');
const everything = ROOTS.flatMap(statsOf);
const all = everything.filter((f) => !isGenerated(f.file));
const generated = everything.filter((f) => isGenerated(f.file));

console.log('files and lines (TypeScript, .ts and .tsx)');
for (const root of ROOTS) {
  const inRoot = all.filter((f) => f.file.startsWith(`${root}/`));
  const code = inRoot.filter((f) => !isTest(f.file));
  const tests = inRoot.filter((f) => isTest(f.file));
  console.log(`  ${root}: ${code.length} files, ${sum(code)} lines; tests: ${tests.length} files, ${sum(tests)} lines`);
}

if (generated.length) console.log(`  generated (left out above): ${generated.map((f) => `${f.file} ${f.lines} lines`).join(', ')}`);

console.log('\nlargest files (tests apart)');
for (const f of all
  .filter((f) => !isTest(f.file))
  .sort((a, b) => b.lines - a.lines)
  .slice(0, 10)) {
  console.log(`  ${String(f.lines).padStart(5)}  ${f.file}`);
}

console.log('\nline lengths (src and web/src, tests included)');
const lengths = all.flatMap((f) => f.lengths);
for (const limit of [100, 120, 140, 160, 200]) {
  const over = lengths.filter((n) => n > limit).length;
  console.log(`  over ${limit}: ${over} lines (${((100 * over) / lengths.length).toFixed(1)}%)`);
}

interface JscpdTotal {
  clones: number;
  duplicatedLines: number;
  lines: number;
  percentage: number;
  sources: number;
}

const NO_CONFIG = '<no config>';

function jscpd(label: string, args: string[]): void {
  const out = mkdtempSync(path.join(tmpdir(), 'secdesk-jscpd-'));
  try {
    // jscpd reads ./.jscpd.json when no config is named: the run without the rule names an empty one.
    writeFileSync(path.join(out, 'none.json'), '{}');
    args = args.map((a) => (a === NO_CONFIG ? path.join(out, 'none.json') : a));
    const run = spawnSync('npx', ['jscpd', ...args, '--reporters', 'json,silent', '--output', out, '--threshold', '100'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`jscpd failed: ${run.stderr || run.stdout}`);
    const report = JSON.parse(readFileSync(path.join(out, 'jscpd-report.json'), 'utf8')) as { statistics: { total: JscpdTotal } };
    const t = report.statistics.total;
    console.log(`  ${label}: ${t.clones} duplicated blocks, ${t.duplicatedLines} of ${t.lines} lines (${t.percentage.toFixed(2)}%) in ${t.sources} files`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const rule = JSON.parse(readFileSync('.jscpd.json', 'utf8')) as { minTokens: number; minLines: number };
console.log(`\nduplication (jscpd, min ${rule.minTokens} tokens and ${rule.minLines} lines, tests left out)`);
jscpd('with the .jscpd.json rule (imports, migrations, generated files left out)', ['-c', '.jscpd.json']);
jscpd('without the exclusion rule', [
  '-c',
  NO_CONFIG,
  ...ROOTS,
  '--format',
  'typescript,tsx',
  '--min-tokens',
  String(rule.minTokens),
  '--min-lines',
  String(rule.minLines),
  '--ignore',
  '**/*.test.ts,**/*.test.tsx',
]);
