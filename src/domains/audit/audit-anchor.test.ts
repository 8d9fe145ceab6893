import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointPayload, compareWithCheckpoint, describeProblem, parseCheckpoint, type AuditCheckpoint } from './audit-anchor.ts';

const cp: AuditCheckpoint = {
  seq: 17,
  hash: 'a'.repeat(64),
  entries: 17,
  at: '2026-12-07T03:00:00.000Z',
  host: 'app-1',
  keyId: '0123456789abcdef',
  signature: 'c2ln',
};

test('a checkpoint compared with the log: intact, cut tail with its count, rewritten', () => {
  assert.equal(compareWithCheckpoint({ seq: 17 }, cp.hash, cp), null);
  assert.equal(compareWithCheckpoint({ seq: 20 }, cp.hash, cp), null);
  assert.deepEqual(compareWithCheckpoint({ seq: 15 }, null, cp), { seq: 16, problem: 'tail_cut', gone: 2 });
  assert.deepEqual(compareWithCheckpoint(null, null, cp), { seq: 1, problem: 'tail_cut', gone: 17 });
  assert.deepEqual(compareWithCheckpoint({ seq: 18 }, 'b'.repeat(64), cp), { seq: 17, problem: 'rewritten' });
  assert.equal(describeProblem({ seq: 16, problem: 'tail_cut', gone: 2 }), 'tail cut: 2 entries after seq 15 are gone');
});

test('the signed payload covers every field but the signature; a line that is no checkpoint is refused', () => {
  const { signature: _s, ...unsigned } = cp;
  assert.notEqual(checkpointPayload(unsigned), checkpointPayload({ ...unsigned, seq: 16 }));
  assert.notEqual(checkpointPayload(unsigned), checkpointPayload({ ...unsigned, host: 'app-2' }));
  assert.deepEqual(parseCheckpoint(JSON.stringify(cp)), cp);
  for (const bad of ['', 'null', '{"seq":1}', JSON.stringify({ ...cp, seq: 0 }), JSON.stringify({ ...cp, hash: 'x' }), JSON.stringify({ ...cp, signature: 1 })])
    assert.equal(parseCheckpoint(bad), null, bad);
});
