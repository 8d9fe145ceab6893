import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, chain, GENESIS_HASH, verifyChain, type AuditEntry, type ChainedAuditEntry } from './audit-chain.ts';

function entries(n: number): ChainedAuditEntry[] {
  const out: ChainedAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const entry: AuditEntry = {
      seq,
      at: new Date(Date.UTC(2026, 10, 24, 12, 0, seq)),
      actorId: null,
      actorLabel: 'test',
      action: 'thing.changed',
      entityType: 'thing',
      entityId: String(seq),
      before: { v: seq - 1 },
      after: { v: seq, nested: { b: 1, a: 2 } },
      requestId: null,
      ip: null,
    };
    const chained = chain(entry, prev);
    out.push(chained);
    prev = chained.hash;
  }
  return out;
}

test('canonical JSON sorts keys at every depth', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
});

test('an intact chain verifies', () => {
  const result = verifyChain(entries(5));
  assert.equal(result.problem, null);
  assert.equal(result.next.seq, 6);
});

test('an edited entry is found', () => {
  const log = entries(5);
  log[2] = { ...log[2]!, after: { v: 999 } };
  assert.deepEqual(verifyChain(log).problem, { seq: 3, problem: 'edited' });
});

test('a deleted entry is found', () => {
  const log = entries(5);
  log.splice(1, 1);
  assert.deepEqual(verifyChain(log).problem, { seq: 2, problem: 'missing' });
});

test('an entry rewritten with a fresh hash breaks the link to the next one', () => {
  const log = entries(5);
  const forged = chain({ ...log[1]!, after: { v: 'forged' } }, log[0]!.hash);
  log[1] = forged;
  assert.deepEqual(verifyChain(log).problem, { seq: 3, problem: 'relinked' });
});

test('verification can continue page by page', () => {
  const log = entries(6);
  const first = verifyChain(log.slice(0, 3));
  assert.deepEqual(verifyChain(log.slice(3), first.next).problem, null);
});
