// What the benchmarks share: their command-line options, a fresh database on each engine, percentiles.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPgDatabase, PG_ADMIN_URL } from '../test/support/database.ts';

export type Engine = 'pglite' | 'postgres';

/** A whole number from 1 to `max`, or `fallback` when not given. */
export function wholeNumber(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`expected a whole number from 1 to ${max}, got ${value}`);
  return n;
}

/** The engines to run on, from --engines or BENCH_ENGINES (default both). */
export function enginesOption(value: string | undefined): Engine[] {
  const engines = (value ?? process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').map((e) => e.trim());
  if (!engines.every((e): e is Engine => e === 'pglite' || e === 'postgres')) throw new Error(`engines are pglite and postgres, got ${engines.join(',')}`);
  return engines;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
}

/** Where each engine keeps its data for the run, and how to remove it; null when the engine is unreachable. */
export async function prepare(engine: Engine): Promise<{ env: Record<string, string>; where: string; drop(): Promise<void> } | null> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-bench-'));
    return { env: { SECDESK_DATA_DIR: dir }, where: `data directory ${dir}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  try {
    const database = await createPgDatabase();
    return { env: { DATABASE_URL: database.url }, where: `a new database on ${new URL(PG_ADMIN_URL).host}`, drop: database.drop };
  } catch (err) {
    console.log(`postgres: skipped, the server at ${new URL(PG_ADMIN_URL).host} is unreachable (${(err as Error).message})`);
    return null;
  }
}
