import type { ApiToken, Session, User } from './accounts.types.ts';

export interface NewUser {
  email: string;
  name: string;
  roles: string[];
  passwordHash: string | null;
  oidcSubject?: string | null;
}

export type UserChanges = Partial<
  Pick<
    User,
    | 'name'
    | 'roles'
    | 'disabled'
    | 'passwordHash'
    | 'totpSecret'
    | 'totpEnabled'
    | 'totpLastStep'
    | 'failedLogins'
    | 'lockedUntil'
    | 'lastLoginAt'
    | 'passwordVersion'
  >
>;

export interface UsersRepository {
  count(): Promise<number>;
  byId(id: string): Promise<User | null>;
  byEmail(email: string): Promise<User | null>;
  byOidcSubject(subject: string): Promise<User | null>;
  /** Newest first after the cursor (a user id). */
  list(limit: number, afterId: string | null): Promise<User[]>;
  insert(user: NewUser): Promise<User>;
  update(id: string, changes: UserChanges): Promise<User>;
}

export interface SessionsRepository {
  insert(session: Session & { ip: string | null; userAgent: string | null }): Promise<void>;
  byIdHash(idHash: string): Promise<Session | null>;
  touch(idHash: string, at: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends the user's sessions (all, or all but the one given); answers how many ended. */
  deleteForUser(userId: string, exceptIdHash?: string): Promise<number>;
  deleteExpired(now: Date): Promise<void>;
}

export interface ApiTokensRepository {
  insert(token: Omit<ApiToken, 'id' | 'createdAt' | 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }): Promise<ApiToken>;
  byHash(tokenHash: string): Promise<ApiToken | null>;
  byId(id: string): Promise<ApiToken | null>;
  listForUser(userId: string): Promise<ApiToken[]>;
  markUsed(id: string, at: Date): Promise<void>;
  revoke(id: string, at: Date): Promise<void>;
}

export interface AccountsStore {
  users: UsersRepository;
  sessions: SessionsRepository;
  apiTokens: ApiTokensRepository;
  audit: import('../ports.ts').AuditPort;
}
