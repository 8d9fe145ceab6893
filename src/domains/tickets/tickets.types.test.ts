import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, TICKET_STATUSES } from './tickets.types.ts';

test('the ticket lifecycle', () => {
  assert.ok(canTransition('new', 'open'));
  assert.ok(canTransition('open', 'pending'));
  assert.ok(canTransition('pending', 'solved'));
  assert.ok(canTransition('solved', 'open'), 'a requester may reopen a solved ticket');
  assert.ok(canTransition('solved', 'closed'));
  for (const to of TICKET_STATUSES) assert.equal(canTransition('closed', to), false, 'closed is final');
  assert.equal(canTransition('new', 'closed'), false);
});
