import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SYSTEM_ACTOR } from '../../authz/authorize.ts';
import { statusPageChannel } from './status-channel.ts';
import type { StatusPageStore } from './statuspage.ports.ts';

test("the communications channel adapter publishes the approved subject as the public title, in the caller's store, and refuses an unknown status", async () => {
  const calls: unknown[] = [];
  let changed = 0;
  const store = {} as StatusPageStore;
  const channel = statusPageChannel({
    publishIncidentUpdateIn: async (s, ctx, input) => (calls.push({ s, ctx, input }), { url: 'https://s/status/incidents/1', updateId: 'u1' }),
    publicChanged: () => void changed++,
  });
  const ctx = { actor: SYSTEM_ACTOR };
  const out = await channel.publish(store, ctx, { incidentId: 'i1', status: 'identified', subject: ' Sign-in  delays ', body: 'Found it\r\n' });
  assert.deepEqual(out, { url: 'https://s/status/incidents/1', updateId: 'u1' });
  assert.deepEqual(calls, [{ s: store, ctx, input: { incidentId: 'i1', status: 'identified', text: { title: 'Sign-in delays', body: 'Found it' } } }]);
  channel.changed();
  assert.equal(changed, 1);
  await assert.rejects(channel.publish(store, ctx, { incidentId: 'i1', status: 'sent', subject: 'x', body: 'x' }), /status is one of investigating/);
  await assert.rejects(
    channel.publish(store, ctx, { incidentId: 'i1', status: 'resolved', subject: '  ', body: 'x' }),
    /needs a subject: it is the public title/,
  );
});
