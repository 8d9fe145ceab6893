import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentChanges, eventAfter } from './publish-rules.ts';
import { checkedBody, checkedTitle } from './public-text.ts';
import type { StatusComponent } from './statuspage.types.ts';

const at = new Date('2026-11-20T10:00:00Z');
const known: StatusComponent[] = ['api', 'web'].map((slug, i) => ({
  id: String(i),
  slug,
  name: slug,
  description: '',
  group: null,
  position: i,
  state: slug === 'web' ? 'degraded_performance' : 'operational',
  createdAt: at,
  updatedAt: at,
}));

test('component changes: the given state, else the final or in-progress default, else each component keeps its state', () => {
  assert.deepEqual(componentChanges({ kind: 'incident', status: 'identified', slugs: ['api', 'api'], state: 'major_outage' }, [], known), [
    { slug: 'api', state: 'major_outage' },
  ]);
  assert.deepEqual(componentChanges({ kind: 'incident', status: 'monitoring', slugs: undefined, state: undefined }, ['web'], known), [
    { slug: 'web', state: 'degraded_performance' },
  ]);
  assert.deepEqual(
    componentChanges({ kind: 'incident', status: 'resolved', slugs: undefined, state: undefined }, ['api', 'web'], known).map((c) => c.state),
    ['operational', 'operational'],
  );
  assert.deepEqual(componentChanges({ kind: 'maintenance', status: 'in_progress', slugs: ['api'], state: undefined }, [], known), [
    { slug: 'api', state: 'under_maintenance' },
  ]);
  assert.throws(
    () => componentChanges({ kind: 'incident', status: 'identified', slugs: ['api', 'ghost'], state: undefined }, [], known),
    /unknown component: ghost/,
  );
});

test('an event is resolved by its final update, keeps its first resolution time, and reopens on a later non-final one', () => {
  const later = new Date(at.getTime() + 60_000);
  const resolved = eventAfter({ componentSlugs: ['api'], resolvedAt: null }, 'resolved', [{ slug: 'web', state: 'operational' }], at);
  assert.deepEqual(resolved, { status: 'resolved', componentSlugs: ['api', 'web'], resolvedAt: at, at });
  assert.equal(eventAfter({ componentSlugs: [], resolvedAt: at }, 'completed', [], later).resolvedAt, at);
  assert.equal(eventAfter({ componentSlugs: [], resolvedAt: at }, 'monitoring', [], later).resolvedAt, null);
});

test('bodies and titles: trimmed, not empty, bounded', () => {
  assert.equal(checkedBody('  a\r\nb  '), 'a\nb');
  assert.throws(() => checkedBody('   '), /needs a body/);
  assert.throws(() => checkedBody('x'.repeat(10_001)), /at most 10000/);
  assert.equal(checkedTitle('  Sign-in\n errors '), 'Sign-in errors');
  assert.throws(() => checkedTitle('x'.repeat(201)), /1 to 200/);
});
