import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cadenceWords, channelWords, driWords } from './engagement-words.ts';

test('cadence, channel and DRI in words', () => {
  const cadences: [number, string][] = [
    [1, 'every minute'],
    [30, 'every 30 minutes'],
    [60, 'every hour'],
    [90, 'every 90 minutes'],
    [120, 'every 2 hours'],
  ];
  for (const [minutes, words] of cadences) assert.equal(cadenceWords({ kind: 'every', minutes }), words);
  assert.equal(cadenceWords({ kind: 'continuous' }), 'continuously, on every update');
  assert.equal(channelWords({ kind: 'email', target: 'legal@example.com' }, []), 'email to legal@example.com');
  assert.equal(channelWords({ kind: 'direct_message' }, []), 'direct message to each contact');
  assert.equal(driWords({ kind: 'on_call_role', role: 'security_engineer' }, undefined, undefined), 'Security Engineer On Call');
  assert.equal(driWords({ kind: 'stakeholder_group', group: 'Legal' }, undefined, []), 'Legal');
});
