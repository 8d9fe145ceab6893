// The database adapter on the engine under test: migrations, transactions that isolate
// concurrent callers (PGlite has a single connection), and a clear error when unreachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DatabaseUnavailableError, openDatabase, type Database } from '../../src/adapters/db/database.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { migrations } from '../../src/adapters/db/migrations/index.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/database.ts';

let testDb: TestDatabase;
let database: Database;

before(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.env.DATABASE_URL, dataDir: testDb.embeddedDataDir ?? 'memory://' });
});
after(async () => {
  await database.close();
  await testDb.drop();
});

test(`migrations apply once and a second run is a no-op (${TEST_ENGINE})`, async () => {
  const first = await migrateToLatest(database);
  assert.deepEqual(
    first.map((r) => r.migrationName),
    Object.keys(migrations),
  );
  assert.ok(first.every((r) => r.status === 'Success'));
  const second = await migrateToLatest(database);
  assert.equal(second.length, 0);
});

test('a transaction that fails leaves nothing behind', async () => {
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({ email: 'rollback@example.com', name: 'R', roles: [] }).execute();
      throw new Error('boom');
    }),
    /boom/,
  );
  const found = await database.db.selectFrom('users').select('id').where('email', '=', 'rollback@example.com').execute();
  assert.equal(found.length, 0);
});

test('a write outside a transaction is not swept into a concurrent one that rolls back', async () => {
  let inside!: () => void;
  const entered = new Promise<void>((resolve) => (inside = resolve));
  const failing = database.db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values({ email: 'in-tx@example.com', name: 'T', roles: [] }).execute();
    inside();
    await new Promise((resolve) => setTimeout(resolve, 30));
    throw new Error('rolled back');
  });
  await entered;
  const outside = database.db.insertInto('users').values({ email: 'outside@example.com', name: 'O', roles: [] }).execute();
  await assert.rejects(failing, /rolled back/);
  await outside;
  const emails = (await database.db.selectFrom('users').select('email').where('email', 'in', ['in-tx@example.com', 'outside@example.com']).execute()).map(
    (r) => r.email,
  );
  assert.deepEqual(emails, ['outside@example.com']);
});

test('many concurrent transactions each commit their own rows', async () => {
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({ email: `c${i}@example.com`, name: `C${i}`, roles: [] })
          .execute();
        const mine = await trx.selectFrom('users').select('email').where('email', '=', `c${i}@example.com`).executeTakeFirst();
        assert.equal(mine?.email, `c${i}@example.com`);
      }),
    ),
  );
  const { count } = await database.db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('email', 'like', 'c%@example.com')
    .executeTakeFirstOrThrow();
  assert.equal(count, 20);
});

test('an unreachable PostgreSQL gives a one-line DatabaseUnavailableError', async () => {
  await assert.rejects(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', dataDir: 'memory://' }), (err: Error) => {
    return err instanceof DatabaseUnavailableError && !err.message.includes('\n');
  });
});
