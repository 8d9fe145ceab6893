import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../authz/authorize.ts';
import { channelRolesFrom, DEFAULT_CHANNEL_ROLES, holdsDuty } from './channel-roles.ts';

test('the reference table is the default; stored roles replace a duty, malformed ones fall back', () => {
  const roles = channelRolesFrom({ customer_email: { review: ['admin'], send: ['not_a_role'] }, blog_post: 'nonsense' });
  const email = roles.find((r) => r.channel === 'customer_email')!;
  assert.deepEqual(email.draft, DEFAULT_CHANNEL_ROLES.customer_email.draft);
  assert.deepEqual(email.review, ['admin']);
  assert.deepEqual(email.send, ['marketing']);
  assert.deepEqual(roles.find((r) => r.channel === 'blog_post')!.draft, ['security_engineer']);
  assert.equal(roles.length, 7);
});

test("a duty needs one of the channel's roles; secdesk itself holds every duty", () => {
  const [email] = channelRolesFrom(null);
  const marketing: Actor = { kind: 'user', userId: 'u', label: 'm', roles: ['marketing'] };
  assert.equal(holdsDuty(marketing, email!, 'send'), true);
  assert.equal(holdsDuty(marketing, email!, 'review'), false);
  assert.equal(holdsDuty({ kind: 'system', userId: null, label: 'secdesk', roles: [] }, email!, 'review'), true);
});
