// The roles a person can hold. A user may hold several; permissions are the union.
export const ROLES = [
  'admin',
  'security_analyst',
  'security_engineer',
  'incident_manager',
  'communications_manager',
  'support',
  'marketing',
  'read_only',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  security_analyst: 'Security analyst (inbox)',
  security_engineer: 'Security engineer',
  incident_manager: 'Incident manager',
  communications_manager: 'Communications manager',
  support: 'Support',
  marketing: 'Marketing',
  read_only: 'Read-only',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
