// Who may do what: every permission names the roles that hold it. Nothing else grants access.
// Routes, jobs and inbound mail all ask authorize() (authorize.ts) about these names.
import type { Role } from './roles.ts';

const EVERYONE: readonly Role[] = [
  'admin',
  'security_analyst',
  'security_engineer',
  'incident_manager',
  'communications_manager',
  'support',
  'marketing',
  'read_only',
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
  // External communications of incidents. Beyond these, each channel names the roles that draft,
  // review and send it (communications/channel-roles.ts); the services check both.
  'comms.read': EVERYONE,
  'comms.plan': [...INCIDENT_RESPONDERS, 'marketing'],
  /** Drafting and commenting on drafts. */
  'comms.draft': [...INCIDENT_RESPONDERS, 'marketing', 'support'],
  'comms.review': [...INCIDENT_RESPONDERS, 'marketing'],
  'comms.publish': [...INCIDENT_RESPONDERS, 'marketing', 'support'],
  /** Lets a public channel go out before the customer email, with a recorded reason. */
  'comms.override': ['admin', 'incident_manager'],
  /** Who drafts, reviews and sends each channel; the security notices list. */
  'comms.manage': ['admin'],
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
