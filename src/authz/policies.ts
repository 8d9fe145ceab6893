// Who may do what: every permission names the roles that hold it. Nothing else grants access.
// Routes, jobs and inbound mail all ask authorize() (authorize.ts) about these names.
import type { Role } from './roles.ts';

const EVERYONE: readonly Role[] = [
  'admin', 'security_analyst', 'security_engineer', 'incident_manager',
  'communications_manager', 'support', 'marketing', 'read_only',
];
const SECURITY: readonly Role[] = ['admin', 'security_analyst', 'security_engineer', 'incident_manager'];
const INCIDENT_RESPONDERS: readonly Role[] = ['admin', 'security_engineer', 'incident_manager', 'communications_manager'];

export const POLICIES = {
  'users.read': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  'jobs.read': ['admin'],
  'jobs.manage': ['admin'],
  'tickets.read': [...SECURITY, 'support', 'read_only'],
  'tickets.write': SECURITY,
  'templates.manage': ['admin'],
  'teams.manage': ['admin'],
  /** The customer directory and the compliance report files. */
  'customers.manage': ['admin'],
  'incidents.read': EVERYONE,
  'incidents.write': INCIDENT_RESPONDERS,
  'stakeholders.manage': ['admin', 'incident_manager'],
  'oncall.manage': ['admin', 'incident_manager'],
  'incident_types.manage': ['admin'],
  // Counts and durations only, no ticket contents: the security roles and read-only observers.
  'metrics.read': [...SECURITY, 'read_only'],
  'comms.send': ['admin', 'communications_manager', 'marketing'],
  /** Publishing to the public status page (components, incident updates, maintenance). */
  'status.publish': ['admin', 'communications_manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof POLICIES;
export const PERMISSIONS = Object.keys(POLICIES) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(POLICIES, value);
}

/** The permissions the given roles hold together. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => (POLICIES[p] as readonly string[]).some((r) => roles.includes(r)));
}
