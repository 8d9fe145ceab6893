import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize, can, ForbiddenError, SYSTEM_ACTOR, type Actor } from './authorize.ts';
import { PERMISSIONS, permissionsOf, POLICIES } from './policies.ts';
import { ROLES } from './roles.ts';

const user = (...roles: string[]): Actor => ({ kind: 'user', userId: 'u', label: 'u', roles });

test('every policy names only known roles', () => {
  for (const [permission, roles] of Object.entries(POLICIES)) {
    for (const role of roles) assert.ok((ROLES as readonly string[]).includes(role), `${permission}: ${role}`);
  }
});

test('admin holds every permission; read-only changes nothing', () => {
  assert.deepEqual(permissionsOf(['admin']), PERMISSIONS);
  for (const permission of permissionsOf(['read_only'])) assert.match(permission, /\.read$/);
});

test('a user with no roles may do nothing', () => {
  for (const permission of PERMISSIONS) assert.equal(can(user(), permission), false);
});

test('roles combine', () => {
  assert.equal(can(user('support'), 'incidents.write'), false);
  assert.equal(can(user('support', 'incident_manager'), 'incidents.write'), true);
});

test('a token may do only what both its scopes and its owner allow', () => {
  const token = (roles: string[], scopes: string[]): Actor => ({ ...user(...roles), kind: 'token', scopes });
  assert.equal(can(token(['admin'], ['tickets.read']), 'tickets.read'), true);
  assert.equal(can(token(['admin'], ['tickets.read']), 'users.read'), false);
  assert.equal(can(token(['support'], ['users.read']), 'users.read'), false);
});

test('authorize throws ForbiddenError naming the permission', () => {
  assert.throws(
    () => authorize(user('marketing'), 'users.manage'),
    (err: Error) => err instanceof ForbiddenError && /users.manage/.test(err.message),
  );
  assert.doesNotThrow(() => authorize(SYSTEM_ACTOR, 'users.manage'));
});
