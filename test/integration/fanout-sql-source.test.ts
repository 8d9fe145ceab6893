// SQL list sources: an admin names a fixed query against a read replica (here a scratch database on
// the PostgreSQL server, whichever engine secdesk itself runs on); callers pick a source by name.
// Rows go through the same checks as a CSV; the query runs read-only, with a timeout, streamed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPgDatabase, createTestDatabase, startTestApp, TEST_ENGINE, type TestApp, type TestDatabase } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

const ROWS = 2500;
let replica: { url: string; drop(): Promise<void> };
let t: TestApp;
let cmoc: Client;
let sources: string;

before(async () => {
  replica = await createPgDatabase();
  const db = new pg.Client({ connectionString: replica.url });
  await db.connect();
  await db.query(
    `create table customers_contacts (id serial primary key, email text, first_name text, last_name text, company text, kind text, unsubscribed boolean default false)`,
  );
  await db.query(`insert into customers_contacts (email, first_name, last_name, company, kind)
    select 'c' || i || '@example.com', 'First' || i, 'Last' || i, 'Co' || (i % 7), 'customers' from generate_series(1, ${ROWS}) i`);
  await db.query(`insert into customers_contacts (email, first_name, kind, unsubscribed) values
    ('crlf@example.com' || chr(13) || chr(10) || 'Bcc: x@evil.example', 'Header', 'customers', false),
    ('zero' || chr(8203) || 'width@example.com', 'Zero', 'customers', false),
    ('bidi@exa' || chr(8238) || 'elpmac.com', 'Bidi', 'customers', false),
    (null, 'No address', 'customers', false),
    ('C1@EXAMPLE.COM', 'Different mailbox', 'customers', false),
    ('c1@Example.com', 'Duplicate', 'customers', false),
    ('gone@example.com', 'Opted', 'customers', true)`);
  await db.end();
  sources = JSON.stringify({
    crm: {
      databaseUrl: replica.url,
      query: 'select email, first_name, last_name, company, kind as audience, unsubscribed as opt_out from customers_contacts order by id;',
    },
    // A query that would write (nextval moves a sequence): a read replica's query must not.
    writer: { databaseUrl: replica.url, query: `select email, nextval('customers_contacts_id_seq') as n from customers_contacts` },
    slow: { databaseUrl: replica.url, query: 'select email from customers_contacts, pg_sleep(5)', timeoutSeconds: 0.5 },
    nomail: { databaseUrl: replica.url, query: 'select first_name from customers_contacts' },
    down: { databaseUrl: 'postgres://nobody:secret-password@127.0.0.1:1/none', query: 'select 1 as email' },
  });
  t = await startTestApp({ env: { SECDESK_LIST_SOURCES: sources } });
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  cmoc = await signIn(t.http, 'cmoc@example.com');
});

after(async () => {
  await t.close();
  await replica.drop();
});

test(`a list from a configured SQL source: rows checked like a CSV, broken ones reported by row (${TEST_ENGINE})`, async () => {
  const res = await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'CRM customers', source: 'crm' });
  assert.equal(res.statusCode, 201, res.body);
  const { list, rejects } = res.json();
  assert.equal(list.source, 'sql crm');
  assert.equal(list.memberCount, ROWS + 1); // C1@EXAMPLE.COM is another mailbox than c1@example.com
  assert.equal(list.duplicateCount, 1);
  assert.equal(list.invalidCount, 5);
  const reasons = Object.fromEntries(rejects.map((r: { line: number; reason: string }) => [r.line, r.reason]));
  assert.match(reasons[ROWS + 1], /line break/);
  assert.match(reasons[ROWS + 2], /invisible/);
  assert.match(reasons[ROWS + 3], /invisible|text-direction/);
  assert.match(reasons[ROWS + 4], /empty|not an address/);
  assert.equal(reasons[ROWS + 7], 'opted out');
  const counts = (await cmoc.request('GET', `/api/distribution-lists/${list.id}`)).json().counts;
  assert.equal(counts.customers, ROWS + 1);
  const audit = await t.app.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', list.id).orderBy('seq').execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['distribution_list.import_started', 'distribution_list.imported'],
  );
});

test('the sources are listed by name only; an unknown one is a 404; only comms.send may use them', async () => {
  const res = await cmoc.request('GET', '/api/distribution-lists/sources');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(
    res.json().items.map((s: { name: string }) => s.name),
    ['crm', 'down', 'nomail', 'slow', 'writer'],
  );
  assert.doesNotMatch(res.body, /postgres|secret/);
  assert.equal((await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'x', source: 'nope' })).statusCode, 404);
  assert.equal((await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'x', source: 'crm', query: 'select 1' })).statusCode, 400);
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  const analyst = await signIn(t.http, 'analyst@example.com');
  assert.equal((await analyst.request('GET', '/api/distribution-lists/sources')).statusCode, 403);
  assert.equal((await analyst.request('POST', '/api/distribution-lists/from-query', { name: 'x', source: 'crm' })).statusCode, 403);
});

test('the query runs read-only, with its timeout; a failing source keeps nothing and never shows its URL', async () => {
  const before = (await cmoc.request('GET', '/api/distribution-lists')).json().items.length;
  const writer = await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'writer', source: 'writer' });
  assert.equal(writer.statusCode, 400);
  assert.match(writer.json().error.message, /read-only transaction/);
  const db = new pg.Client({ connectionString: replica.url });
  await db.connect();
  assert.equal((await db.query('select last_value::int as n from customers_contacts_id_seq')).rows[0].n, ROWS + 7, 'the sequence did not move');
  await db.end();
  const slow = await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'slow', source: 'slow' });
  assert.equal(slow.statusCode, 400);
  assert.match(slow.json().error.message, /statement timeout/);
  const nomail = await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'nomail', source: 'nomail' });
  assert.equal(nomail.statusCode, 400);
  assert.match(nomail.json().error.message, /no email column/);
  const down = await cmoc.request('POST', '/api/distribution-lists/from-query', { name: 'down', source: 'down' });
  assert.equal(down.statusCode, 400);
  assert.match(down.json().error.message, /cannot connect/);
  assert.doesNotMatch(down.body, /secret-password|nobody/);
  assert.equal((await cmoc.request('GET', '/api/distribution-lists')).json().items.length, before, 'failed imports keep no list');
});

test('a bad SECDESK_LIST_SOURCES stops the start with a message that hides the URL', async () => {
  const { testConfig } = await import('../support/harness.ts');
  assert.throws(
    () => testConfig({ SECDESK_LIST_SOURCES: '{"crm": {"databaseUrl": "mysql://u:pw@h/db", "query": "select 1"}}' }),
    (err: Error) => /databaseUrl/.test(err.message) && !/pw@/.test(err.message),
  );
  assert.throws(() => testConfig({ SECDESK_LIST_SOURCES: '{"bad name!": {"databaseUrl": "postgres://h/db", "query": "select 1"}}' }), /source name/);
  assert.throws(() => testConfig({ SECDESK_LIST_SOURCES: '{"crm": {"databaseUrl": "postgres://h/db", "query": " "}}' }), /query/);
  assert.throws(() => testConfig({ SECDESK_LIST_SOURCES: 'not json' }), /not JSON/);
});

test('the CLI imports from a configured source: secdesk comms import --query', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-sqlsrc-'));
  const database: TestDatabase = await createTestDatabase(TEST_ENGINE, path.join(dir, 'data'));
  try {
    const env = {
      ...process.env,
      ...database.env,
      SECDESK_DATA_DIR: path.join(dir, 'data'),
      SECDESK_LOG_LEVEL: 'warn',
      SECDESK_SEED_DEMO: 'false',
      SECDESK_LIST_SOURCES: sources,
    } as Record<string, string>;
    const run = spawnSync(process.execPath, ['bin/secdesk.js', 'comms', 'import', '--query', 'crm', '--name', 'from the CLI'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^list \\S+: ${ROWS + 1} members, 5 rejected, 1 duplicates`, 'm'));
    assert.match(run.stdout, new RegExp(`line ${ROWS + 1}: contains a line break`));
    const both = spawnSync(process.execPath, ['bin/secdesk.js', 'comms', 'import', '--query', 'crm', '--file', 'x.csv', '--name', 'n'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.notEqual(both.status, 0);
    assert.match(both.stderr, /one of --file <csv> or --query <source>/);
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
