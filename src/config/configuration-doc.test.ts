import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ConfigSchema } from './config.ts';
import { REGENERATE_COMMAND, renderConfigurationDoc } from './configuration-doc.ts';

const DOC = new URL('../../docs/configuration.md', import.meta.url);

test('docs/configuration.md is what ConfigSchema generates', () => {
  const committed = readFileSync(DOC, 'utf8');
  assert.ok(committed === renderConfigurationDoc(), `docs/configuration.md is stale: run \`${REGENERATE_COMMAND}\` and commit the result`);
});

test('the configuration reference lists every key once, each with a meaning', () => {
  const doc = renderConfigurationDoc();
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    assert.equal(doc.split(`| \`${key}\` |`).length - 1, 1, `${key} appears once`);
    assert.ok((schema as { description?: string }).description, `${key} has a description in ConfigSchema`);
  }
});
