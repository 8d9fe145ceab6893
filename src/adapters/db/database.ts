// Opens the one database secdesk uses: embedded PGlite (a data directory on disk) or a PostgreSQL
// server (DATABASE_URL). Both are PostgreSQL; the rest of the code sees one Kysely instance.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { SerialPGliteDialect } from './pglite-driver.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** The embedded instance, when engine is pglite (the job queue shares it). */
  pglite?: PGlite;
  /** Connection string, when engine is postgres (the job queue opens its own pool). */
  url?: string;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {}

const INT8 = 20;
const NUMERIC = 1700;

export interface OpenOptions {
  /** postgres:// URL; absent means embedded. */
  url?: string | undefined;
  /** Directory for the embedded database, or 'memory://' for a throwaway one. */
  dataDir: string;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const database = options.url ? await openPostgres(options.url) : await openPglite(options.dataDir);
  try {
    await sql`select 1`.execute(database.db);
  } catch (err) {
    await database.close().catch(() => {});
    throw new DatabaseUnavailableError(`database unreachable: ${(err as Error).message}`);
  }
  return database;
}

async function openPglite(dataDir: string): Promise<Database> {
  const target = dataDir === 'memory://' ? dataDir : path.join(dataDir, 'pgdata');
  if (target !== 'memory://') mkdirSync(target, { recursive: true });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(target, { parsers: { [INT8]: Number, [NUMERIC]: Number } });
  } catch (err) {
    throw new DatabaseUnavailableError(`embedded database at ${target} cannot be opened: ${(err as Error).message}`);
  }
  const db = new Kysely<DB>({ dialect: new SerialPGliteDialect({ pglite }) });
  return { db, engine: 'pglite', pglite, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: string) => (oid === INT8 || oid === NUMERIC ? Number : pg.types.getTypeParser(oid, format as 'text')),
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing
  // A client checked out when the server goes away emits 'error' with no pool listener attached: without
  // this the process would crash on a database outage; the query in flight still rejects with the error.
  pool.on('connect', (client) => void client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', url, close: () => db.destroy() };
}
