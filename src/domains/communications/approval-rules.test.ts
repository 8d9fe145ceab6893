import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../../authz/authorize.ts';
import { approvalRefusal, currentApproval, sendRefusal, type ApprovalState } from './approval-rules.ts';

const drafter: Actor = { kind: 'user', userId: 'u-drafter', label: 'Drafter', roles: ['incident_manager'] };
const reviewer: Actor = { kind: 'user', userId: 'u-reviewer', label: 'Reviewer', roles: ['security_engineer'] };
const at = new Date('2026-11-24T10:00:00Z');

function state(over: Partial<ApprovalState> = {}): ApprovalState {
  return { currentVersion: 1, approval: null, versions: [{ version: 1, authorId: 'u-drafter', author: 'Drafter' }], ...over };
}

test('the author of a version cannot approve it; another reviewer can', () => {
  assert.match(approvalRefusal(state(), drafter, 1)!, /author of a version cannot approve it/);
  assert.equal(approvalRefusal(state(), reviewer, 1), null);
});

test('only the current version can be approved, and only once', () => {
  const two = state({
    currentVersion: 2,
    versions: [
      { version: 1, authorId: 'u-drafter', author: 'Drafter' },
      { version: 2, authorId: 'u-reviewer', author: 'Reviewer' },
    ],
  });
  assert.match(approvalRefusal(two, drafter, 1)!, /not the current version/);
  // The reviewer edited version 2: now the drafter may approve it, the reviewer may not.
  assert.equal(approvalRefusal(two, drafter, 2), null);
  assert.match(approvalRefusal(two, reviewer, 2)!, /author/);
  assert.match(
    approvalRefusal(state({ approval: { version: 1, approverId: 'u-reviewer', approver: 'Reviewer', approvedAt: at } }), reviewer, 1)!,
    /approved already/,
  );
});

test('an edit after approval voids it: sending needs an approval of exactly the current version', () => {
  assert.match(sendRefusal(state())!, /not approved/);
  const approved = state({ approval: { version: 1, approverId: 'u-reviewer', approver: 'Reviewer', approvedAt: at } });
  assert.equal(sendRefusal(approved), null);
  const edited = { ...approved, currentVersion: 2, versions: [...approved.versions, { version: 2, authorId: 'u-drafter', author: 'Drafter' }] };
  assert.equal(currentApproval(edited), null);
  assert.match(sendRefusal(edited)!, /voided by a later edit/);
});
