// SQL list sources (SECDESK_LIST_SOURCES): an admin's fixed query against a read replica. Each import
// opens its own connection, runs the query in a READ ONLY transaction with a statement timeout, and
// streams the rows through a cursor a page at a time. The query is sent with the extended protocol,
// so it is exactly one statement. Error messages never carry the connection URL.
import pg from 'pg';
import type { SqlListSource } from '../../config/config.ts';
import type { ContactQuerySources } from '../../domains/fanout/lists.service.ts';

const PAGE = 1000;

export function sqlListSources(sources: Map<string, SqlListSource>): ContactQuerySources {
  return {
    names: () => [...sources.keys()].sort(),
    rows: (name) => {
      const source = sources.get(name);
      if (!source) throw new Error(`no list source ${name}`);
      return readQuery(name, source);
    },
  };
}

async function* readQuery(name: string, source: SqlListSource): AsyncGenerator<Record<string, unknown>[]> {
  const timeoutMs = Math.round(source.timeoutSeconds * 1000);
  const client = new pg.Client({ connectionString: source.databaseUrl, connectionTimeoutMillis: 10_000, application_name: 'secdesk list source' });
  client.on('error', () => {}); // a dropped connection fails the pending query, which reports it
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`list source ${name}: cannot connect (${(err as NodeJS.ErrnoException).code ?? (err as Error).message.slice(0, 200)})`);
  }
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    await client.query(`set local statement_timeout = ${timeoutMs}`);
    await client.query(`set local idle_in_transaction_session_timeout = ${timeoutMs}`);
    await client.query({ text: `declare list_source no scroll cursor for ${source.query}`, queryMode: 'extended' } as pg.QueryConfig);
    for (;;) {
      const page = await client.query<Record<string, unknown>>(`fetch forward ${PAGE} from list_source`);
      if (!page.rows.length) break;
      yield page.rows;
    }
    await client.query('commit');
  } catch (err) {
    throw new Error(`list source ${name}: ${(err as Error).message.slice(0, 300)}`);
  } finally {
    await client.end().catch(() => {});
  }
}
