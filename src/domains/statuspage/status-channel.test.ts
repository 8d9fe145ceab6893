import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../authz/authorize.ts';
import { statusPageChannel } from './status-channel.ts';

test('the communications channel adapter passes its input to publishIncidentUpdate and refuses an unknown status', async () => {
  const calls: unknown[] = [];
  const channel = statusPageChannel({ publishIncidentUpdate: async (ctx, input) => (calls.push({ ctx, input }), { url: 'https://s/status/incidents/1', updateId: 'u1' }) });
  const out = await channel({ incidentId: 'i1', incidentTitle: 'Outage', status: 'identified', body: 'Found it', actor: SYSTEM_ACTOR });
  assert.deepEqual(out, { url: 'https://s/status/incidents/1', updateId: 'u1' });
  assert.deepEqual(calls, [{ ctx: { actor: SYSTEM_ACTOR }, input: { incidentId: 'i1', title: 'Outage', status: 'identified', body: 'Found it' } }]);
  await assert.rejects(channel({ incidentId: 'i1', incidentTitle: 'x', status: 'sent', body: 'x', actor: SYSTEM_ACTOR }), /status is one of investigating/);
});
