import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliverySummary, deliveryTo } from './delivery.ts';
import type { Channel, Contact } from './stakeholders.types.ts';

const group = (name: string, channel: Channel, contacts: Contact[] = []) => ({ group: name, rule: { channel, contacts } as never });

test('each channel kind is delivered only when its outlet is configured, and says how', () => {
  const all = { chat: true, mail: true };
  assert.deepEqual(deliveryTo(group('Legal', { kind: 'email', target: 'legal@example.com' }), all), {
    group: 'Legal',
    delivered: true,
    via: 'email to legal@example.com',
  });
  assert.deepEqual(deliveryTo(group('E', { kind: 'channel', target: '#e-group' }), all), { group: 'E', delivered: true, via: '#e-group' });
  assert.deepEqual(deliveryTo(group('D', { kind: 'direct_message' }, [{ name: 'Dana', handle: 'U1' }, { name: 'Nohandle' }]), all), {
    group: 'D',
    delivered: true,
    via: 'direct message to Dana',
  });
  assert.match(
    (deliveryTo(group('D', { kind: 'direct_message' }, [{ name: 'Nohandle' }]), all) as { reason: string }).reason,
    /none of its contacts has a chat handle/,
  );
  assert.match(
    (deliveryTo(group('Legal', { kind: 'email', target: 'l@example.com' }), { chat: true, mail: false }) as { reason: string }).reason,
    /^no channel configured: no outgoing mail relay \(SMTP_URL\)$/,
  );
  assert.match(
    (deliveryTo(group('P', { kind: 'incident_channel' }), { chat: false, mail: true }) as { reason: string }).reason,
    /SECDESK_SLACK_TOKEN or SECDESK_MATTERMOST_URL/,
  );
});

test('the summary names what was reached and what was not, never counting an undelivered group', () => {
  const outlets = { chat: false, mail: true };
  const text = deliverySummary(3, outlets, [
    deliveryTo(group('Legal', { kind: 'email', target: 'legal@example.com' }), outlets),
    deliveryTo(group('E', { kind: 'channel', target: '#e' }), outlets),
  ]);
  assert.equal(
    text,
    'Status update #3 published. Delivered to Legal (email to legal@example.com). Not delivered to E (no channel configured: no chat is configured (SECDESK_SLACK_TOKEN or SECDESK_MATTERMOST_URL)).',
  );
  assert.equal(deliverySummary(1, { chat: false, mail: false }, []), 'Status update #1 published. Delivered to nobody: it is on the incident page only.');
});
