import { isPermission, permissionsOf, type Permission } from './policies.ts';

/** Who is acting: a signed-in person, a person's API token, or secdesk itself (jobs, inbound mail). */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  label: string;
  roles: readonly string[];
  /** For tokens: the scopes granted; the token may do only what both its scopes and its owner's roles allow. */
  scopes?: readonly string[];
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, label: 'secdesk', roles: [] };

export class ForbiddenError extends Error {
  readonly permission: string;
  constructor(permission: string) {
    super(`not allowed: ${permission}`);
    this.permission = permission;
  }
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (!permissionsOf(actor.roles).includes(permission)) return false;
  return actor.kind !== 'token' || (actor.scopes ?? []).includes(permission);
}

/** The one access check. Throws ForbiddenError unless the actor holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new ForbiddenError(permission);
}

export function validScopes(scopes: readonly string[]): scopes is Permission[] {
  return scopes.length > 0 && scopes.every(isPermission);
}
