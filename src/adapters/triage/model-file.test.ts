import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_MODEL_FILE, loadTriageClassifier, loadTriageModel } from './model-file.ts';

test('the committed model loads, and stays small', () => {
  assert.match(loadTriageModel().version, /^nb-[0-9a-f]{12}$/);
  assert.ok(statSync(DEFAULT_MODEL_FILE).size < 1024 * 1024);
});

test('a missing or damaged model is logged and leaves secdesk without suggestions, never stops it', () => {
  const logged: unknown[] = [];
  const logger = { error: (...args: unknown[]) => void logged.push(args) };
  const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-model-'));
  assert.equal(loadTriageClassifier(logger, path.join(dir, 'missing.json')), null);
  writeFileSync(path.join(dir, 'bad.json'), '{"format": "secdesk-triage-nb/1"');
  assert.equal(loadTriageClassifier(logger, path.join(dir, 'bad.json')), null);
  assert.equal(logged.length, 2);
  assert.match(JSON.stringify(logged[0]), /triage model not found/);
  assert.notEqual(loadTriageClassifier(logger), null);
});
