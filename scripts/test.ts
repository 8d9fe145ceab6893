// `npm test`: the fast checks first (lint, duplication, generated files), then type-check, build the web
// app and run every suite — unit tests once, the integration suite against PGlite and against PostgreSQL,
// the browser suite in Chromium — and finish with one summary line. Exits non-zero when anything failed.
// `node scripts/test.ts NAME` runs one check or suite: lint, duplication, generated, unit, integration…, browser.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Suite {
  name: string;
  files: string[];
  env?: Record<string, string>;
}

const only = process.argv[2]; // optional: run one check or suite by name
const wanted = (name: string) => !only || name.startsWith(only);

// Tests that compare a committed generated file with a fresh generation; they run with the fast checks.
const GENERATED_CHECKS = ['src/config/configuration-doc.test.ts', 'scripts/db-types.test.ts'];
const suites: Suite[] = [
  // Import rules of .dependency-cruiser.cjs (no cycles; domains free of adapters, app, HTTP, SQL; adapters free of app).
  { name: 'architecture', files: globSync('test/architecture/**/*.test.ts') },
  { name: 'unit', files: globSync('src/**/*.test.ts').filter((f) => !GENERATED_CHECKS.includes(f)) },
  { name: 'integration (PGlite)', files: globSync('test/integration/**/*.test.ts'), env: { SECDESK_TEST_ENGINE: 'pglite' } },
  { name: 'integration (PostgreSQL)', files: globSync('test/integration/**/*.test.ts'), env: { SECDESK_TEST_ENGINE: 'postgres' } },
  { name: 'browser (Chromium)', files: globSync('test/browser/**/*.test.ts'), env: { SECDESK_TEST_ENGINE: 'pglite' } },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];
const tapDir = mkdtempSync(path.join(tmpdir(), 'secdesk-tap-'));

function step(name: string, command: string, args: string[]): void {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) failedSteps.push(name);
}

function runSuite(suite: Suite): void {
  if (suite.files.length === 0) return;
  console.log(`\n▶ ${suite.name}: ${suite.files.length} files`);
  const tap = path.join(tapDir, `${suite.name.replace(/\W+/g, '-')}.tap`);
  const result = spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=2',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...suite.files,
    ],
    { stdio: 'inherit', env: { ...process.env, ...suite.env } },
  );
  const counts = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(counts)?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (result.status !== 0) failedSteps.push(suite.name);
}

// Lint and format: Biome's recommended rules and its formatter, as biome.jsonc sets them; a warning fails too.
if (wanted('lint')) step('lint', 'npx', ['biome', 'check', '--error-on-warnings', 'src', 'web/src', 'test', 'scripts', 'bench']);

// Duplication: .jscpd.json says what is scanned, what is left out and why, and the threshold that fails.
if (wanted('duplication')) step('duplication', 'npx', ['jscpd', '-c', '.jscpd.json', '--reporters', 'console']);

// Generated files: docs/configuration.md and the database types match a fresh generation.
if (wanted('generated')) runSuite({ name: 'generated', files: GENERATED_CHECKS });

if (!only) step('type-check', 'npx', ['tsc', '-p', '.']);
if (!only || only.startsWith('browser')) step('build web app', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);

for (const suite of suites.filter((s) => wanted(s.name))) runSuite(suite);

console.log(`\n${failedSteps.length ? `failed: ${failedSteps.join(', ')}` : 'all suites green'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
