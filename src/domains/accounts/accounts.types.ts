import type { Permission } from '../../authz/policies.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  roles: string[];
  passwordHash: string | null;
  totpSecret: string | null;
  totpEnabled: boolean;
  /** The last accepted TOTP time step; a code is never accepted twice. */
  totpLastStep: number | null;
  oidcSubject: string | null;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  /** Bumped by every password change or reset; sessions made under an older version are dead. */
  passwordVersion: number;
  createdAt: Date;
}

export interface Session {
  idHash: string;
  userId: string;
  csrfToken: string;
  mfaPending: boolean;
  passwordVersion: number;
  expiresAt: Date;
  lastSeenAt: Date;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** What a user may see of their own account. */
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: Permission[];
  totpEnabled: boolean;
  sso: boolean;
}

/** What an admin sees of an account. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  disabled: boolean;
  totpEnabled: boolean;
  sso: boolean;
  lastLoginAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
}

export function userView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    disabled: user.disabled,
    totpEnabled: user.totpEnabled,
    sso: user.oidcSubject !== null,
    lastLoginAt: user.lastLoginAt,
    lockedUntil: user.lockedUntil,
    createdAt: user.createdAt,
  };
}
