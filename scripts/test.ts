// `npm test`: type-check, build the web app, then run every suite — unit tests once, the
// integration suite against PGlite and against PostgreSQL, the browser suite in Chromium —
// and finish with one summary line. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Suite {
  name: string;
  files: string[];
  env?: Record<string, string>;
}

const only = process.argv[2]; // optional: run one suite by name
const suites: Suite[] = [
  // Import rules of .dependency-cruiser.cjs (no cycles; domains free of adapters, app, HTTP, SQL; adapters free of app).
  { name: 'architecture', files: globSync('test/architecture/**/*.test.ts') },
  { name: 'unit', files: globSync('src/**/*.test.ts') },
  { name: 'integration (PGlite)', files: globSync('test/integration/**/*.test.ts'), env: { SECDESK_TEST_ENGINE: 'pglite' } },
  { name: 'integration (PostgreSQL)', files: globSync('test/integration/**/*.test.ts'), env: { SECDESK_TEST_ENGINE: 'postgres' } },
  { name: 'browser (Chromium)', files: globSync('test/browser/**/*.test.ts'), env: { SECDESK_TEST_ENGINE: 'pglite' } },
].filter((s) => !only || s.name.startsWith(only));

function step(name: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];
const tapDir = mkdtempSync(path.join(tmpdir(), 'secdesk-tap-'));

if (!only && !step('type-check', 'npx', ['tsc', '-p', '.'])) failedSteps.push('type-check');
if (!only || only.startsWith('browser')) {
  if (!step('build web app', 'npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'])) failedSteps.push('build');
}

for (const [i, suite] of suites.entries()) {
  if (suite.files.length === 0) continue;
  console.log(`\n▶ ${suite.name}: ${suite.files.length} files`);
  const tap = path.join(tapDir, `${i}.tap`);
  const result = spawnSync(
    process.execPath,
    ['--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...suite.files],
    { stdio: 'inherit', env: { ...process.env, ...suite.env } },
  );
  const counts = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(counts)?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (result.status !== 0) failedSteps.push(suite.name);
}

console.log(`\n${failedSteps.length ? `failed: ${failedSteps.join(', ')}` : 'all suites green'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
