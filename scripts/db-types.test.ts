// The committed database types match a fresh generation from the migrations (run with the fast checks of
// `npm test`, see scripts/test.ts). Skipped, saying so, when the PostgreSQL server is not reachable.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ADMIN_URL, GENERATED_SCHEMA, generateDbTypes, REGENERATE_COMMAND, serverAvailable } from './db-types.ts';

const available = await serverAvailable();

test(`${GENERATED_SCHEMA} is what the migrations generate`, { skip: available ? false : `no PostgreSQL server at ${ADMIN_URL}` }, async () => {
  const committed = readFileSync(GENERATED_SCHEMA, 'utf8');
  assert.ok(committed === (await generateDbTypes()), `${GENERATED_SCHEMA} is stale: run \`${REGENERATE_COMMAND}\` and commit the result`);
});
