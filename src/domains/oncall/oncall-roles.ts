// The on-call roles of the security incident plan, each filled from a rotation.
export const ON_CALL_ROLES = ['security_engineer', 'incident_manager', 'communications_manager'] as const;
export type OnCallRole = (typeof ON_CALL_ROLES)[number];

export const ON_CALL_ROLE_LABELS: Record<OnCallRole, string> = {
  security_engineer: 'Security Engineer On Call',
  incident_manager: 'Security Incident Manager On Call',
  communications_manager: 'Communications Manager On Call',
};

export function isOnCallRole(value: string): value is OnCallRole {
  return (ON_CALL_ROLES as readonly string[]).includes(value);
}
