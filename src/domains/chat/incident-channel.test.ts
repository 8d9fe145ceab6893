import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelName, channelStateWords, channelTopic, isMirrored } from './incident-channel.ts';
import type { IncidentChannel } from './chat.types.ts';

test('channel names are inc-<number>-<slug>, lower-case, at most 80 characters; restricted titles stay out', () => {
  assert.equal(channelName({ number: 7, title: 'S3 bucket exposed!', visibility: 'normal' }), 'inc-7-s3-bucket-exposed');
  assert.equal(channelName({ number: 8, title: 'Ümlaut café — RCE', visibility: 'normal' }), 'inc-8-umlaut-cafe-rce');
  assert.equal(channelName({ number: 9, title: '!!!', visibility: 'normal' }), 'inc-9');
  assert.equal(channelName({ number: 10, title: 'Insider at payroll', visibility: 'restricted' }), 'inc-10-restricted');
  const long = channelName({ number: 11, title: 'word '.repeat(40), visibility: 'normal' });
  assert.ok(long.length <= 80 && !long.endsWith('-'), long);
  assert.equal(channelTopic({ number: 10, title: 'Insider at payroll', visibility: 'restricted' }, null), 'Incident #10 (restricted)');
});

test('key events are mirrored, bookkeeping is not', () => {
  for (const kind of ['severity_changed', 'facts_changed', 'status_changed', 'status_update', 'escalated', 'role_handed_over', 'role_assigned'])
    assert.ok(isMirrored(kind), kind);
  for (const kind of ['declared', 'note', 'update_due', 'chat_channel_opened', 'snoozed']) assert.ok(!isMirrored(kind), kind);
});

test('the channel state in words', () => {
  const base: IncidentChannel = {
    incidentId: 'i',
    platform: 'slack',
    name: 'inc-1',
    state: 'creating',
    channelId: null,
    url: null,
    error: null,
    retryAt: null,
    updatedAt: new Date(),
  };
  assert.equal(channelStateWords(null), 'incident channel: creating…');
  assert.equal(
    channelStateWords({ ...base, error: 'Slack is unreachable (ECONNREFUSED)', retryAt: new Date('2026-01-01T10:05:00Z') }),
    'incident channel: creating… (last attempt failed: Slack is unreachable (ECONNREFUSED), retrying at about 10:05 UTC)',
  );
  assert.equal(channelStateWords({ ...base, state: 'open' }), 'incident channel: open');
  assert.equal(
    channelStateWords({ ...base, state: 'failed', error: 'Slack conversations.create: invalid_auth' }),
    'incident channel: failed: Slack conversations.create: invalid_auth (an admin can retry it under Admin → Jobs)',
  );
});
