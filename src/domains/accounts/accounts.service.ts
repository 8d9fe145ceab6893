// Signing in and out, sessions, second factor, personal API tokens, and the first admin.
// Implements the HTTP layer's Authenticator: it turns a session cookie or API token into an Actor.
import type { Actor } from '../../authz/authorize.ts';
import { permissionsOf } from '../../authz/policies.ts';
import { validScopes } from '../../authz/authorize.ts';
import type { Config } from '../../config/config.ts';
import type { ActionContext, Clock } from '../context.ts';
import { AuthenticationError, NotFoundError, SessionRequiredError, TooManyAttemptsError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { AccountsStore } from './accounts.ports.ts';
import type { ApiToken, Me, Session, User } from './accounts.types.ts';
import { lockDurationMs, lockedFor } from './lockout.ts';
import { checkPasswordPolicy, generatePassword, hashPassword, isApiTokenFormat, newApiToken, randomToken, sha256, verifyPassword } from './secrets.ts';
import { acceptedStep, newTotpSecret, totpEnrolment } from './totp.ts';

export interface AccountsDeps {
  config: Config;
  clock: Clock;
  store: Transactor<AccountsStore>;
}

export interface SessionAnswer {
  /** The new session token for the cookie (only when a session was created or rotated). */
  token: string;
  expiresAt: Date;
  mfaRequired: boolean;
  csrfToken: string;
  user: Me | null;
}

/** What changing one's password did besides: other sessions ended, this one re-issued, API tokens kept. */
export interface PasswordChanged {
  session: SessionAnswer;
  sessionsEnded: number;
  apiTokensKept: number;
}

export interface Requester {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
}

const TOUCH_EVERY_MS = 60_000;

export function actorFor(user: User): Actor {
  return { kind: 'user', userId: user.id, label: user.email, roles: user.roles };
}

export function meOf(user: User): Me {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    totpEnabled: user.totpEnabled,
    sso: user.oidcSubject !== null,
  };
}

function sessionAnswer(token: string, session: Session, user: User): SessionAnswer {
  return { token, expiresAt: session.expiresAt, mfaRequired: session.mfaPending, csrfToken: session.csrfToken, user: session.mfaPending ? null : meOf(user) };
}

export class AccountsService {
  readonly #config: Config;
  readonly #clock: Clock;
  readonly #store: Transactor<AccountsStore>;

  constructor(deps: AccountsDeps) {
    this.#config = deps.config;
    this.#clock = deps.clock;
    this.#store = deps.store;
  }

  // ── signing in ────────────────────────────────────────────────────────────

  async signIn(email: string, password: string, from: Requester): Promise<SessionAnswer> {
    const now = this.#clock.now();
    const user = await this.#store.read.users.byEmail(email);
    const wait = user ? lockedFor(user.lockedUntil, now) : 0;
    if (wait > 0) throw new TooManyAttemptsError(wait);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok || user.disabled) {
      if (user) await this.#recordFailure(user, from, 'password');
      throw new AuthenticationError('wrong email or password');
    }
    return this.#startSession(user, user.totpEnabled, from);
  }

  /** Accepts the second factor for a session whose password step succeeded; rotates its token. */
  async verifyTotp(sessionToken: string, code: string, from: Requester): Promise<SessionAnswer> {
    const now = this.#clock.now();
    const session = await this.#liveSession(sessionToken);
    if (!session?.mfaPending) throw new AuthenticationError('no sign-in is waiting for a second factor');
    const user = await this.#store.read.users.byId(session.userId);
    if (!user || user.disabled || !user.totpSecret || user.passwordVersion !== session.passwordVersion) throw new AuthenticationError();
    const wait = lockedFor(user.lockedUntil, now);
    if (wait > 0) throw new TooManyAttemptsError(wait);
    const step = acceptedStep(user.totpSecret, code, now, user.totpLastStep);
    if (step === null) {
      await this.#recordFailure(user, from, 'totp');
      throw new AuthenticationError('wrong or already used code');
    }
    await this.#store.transaction(async (s) => {
      await s.users.update(user.id, { totpLastStep: step });
      await s.sessions.delete(session.idHash);
    });
    return this.#startSession({ ...user, totpLastStep: step }, false, from);
  }

  async signOut(sessionToken: string, from: Requester): Promise<void> {
    const session = await this.#store.read.sessions.byIdHash(sha256(sessionToken));
    if (!session) return;
    await this.#store.transaction(async (s) => {
      await s.sessions.delete(session.idHash);
      await s.audit.append(this.#ctx(session.userId, from), { action: 'session.ended', entityType: 'user', entityId: session.userId });
    });
  }

  /** Signs in a person the identity provider vouched for (see adapters/sso). */
  async signInWithSso(identity: { subject: string; email: string; name: string; roles: string[] }, from: Requester): Promise<SessionAnswer> {
    if (identity.roles.length === 0) throw new AuthenticationError('your single sign-on account is not mapped to any secdesk role');
    const existing = (await this.#store.read.users.byOidcSubject(identity.subject)) ?? null;
    if (existing?.disabled) throw new AuthenticationError('this account is disabled');
    const user = await this.#store.transaction(async (s) => {
      if (existing) {
        const updated = await s.users.update(existing.id, { roles: identity.roles, name: identity.name });
        if (existing.roles.join() !== identity.roles.join()) {
          await s.audit.append(this.#ctx(existing.id, from), {
            action: 'user.roles_synced',
            entityType: 'user',
            entityId: existing.id,
            before: { roles: existing.roles },
            after: { roles: identity.roles },
          });
        }
        return updated;
      }
      if (await s.users.byEmail(identity.email)) throw new AuthenticationError('an account with this email exists already; ask an admin to link it');
      const created = await s.users.insert({
        email: identity.email,
        name: identity.name,
        roles: identity.roles,
        passwordHash: null,
        oidcSubject: identity.subject,
      });
      await s.audit.append(this.#ctx(created.id, from), {
        action: 'user.created_by_sso',
        entityType: 'user',
        entityId: created.id,
        after: { email: created.email, roles: created.roles },
      });
      return created;
    });
    return this.#startSession(user, false, from);
  }

  async #recordFailure(user: User, from: Requester, step: 'password' | 'totp'): Promise<void> {
    const now = this.#clock.now();
    const failures = user.failedLogins + 1;
    const lockMs = lockDurationMs(failures);
    const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs) : null;
    await this.#store.transaction(async (s) => {
      await s.users.update(user.id, { failedLogins: failures, lockedUntil });
      await s.audit.append(this.#ctx(user.id, from), {
        action: lockedUntil ? 'user.locked' : 'session.failed',
        entityType: 'user',
        entityId: user.id,
        after: { step, failedLogins: failures, lockedUntil },
      });
    });
  }

  #newSession(user: User, mfaPending: boolean, expiresAt?: Date): { token: string; session: Session } {
    const now = this.#clock.now();
    const token = randomToken();
    return {
      token,
      session: {
        idHash: sha256(token),
        userId: user.id,
        csrfToken: randomToken(),
        mfaPending,
        passwordVersion: user.passwordVersion,
        expiresAt: expiresAt ?? new Date(now.getTime() + this.#config.SECDESK_SESSION_HOURS * 3_600_000),
        lastSeenAt: now,
      },
    };
  }

  async #startSession(user: User, mfaPending: boolean, from: Requester): Promise<SessionAnswer> {
    const now = this.#clock.now();
    const { token, session } = this.#newSession(user, mfaPending);
    await this.#store.transaction(async (s) => {
      await s.sessions.deleteExpired(now);
      await s.sessions.insert({ ...session, ip: from.ip ?? null, userAgent: from.userAgent?.slice(0, 300) ?? null });
      if (!mfaPending) await s.users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      await s.audit.append(this.#ctx(user.id, from), {
        action: mfaPending ? 'session.password_accepted' : 'session.created',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return sessionAnswer(token, session, user);
  }

  #ctx(userId: string, from: Requester): ActionContext {
    return { actor: { kind: 'user', userId, label: userId, roles: [] }, requestId: from.requestId, ip: from.ip };
  }

  // ── who is asking (Authenticator) ─────────────────────────────────────────

  async #liveSession(token: string): Promise<Session | null> {
    const session = await this.#store.read.sessions.byIdHash(sha256(token));
    if (!session) return null;
    const now = this.#clock.now();
    if (session.expiresAt <= now) {
      await this.#store.read.sessions.delete(session.idHash);
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.#store.read.sessions.touch(session.idHash, now);
    return session;
  }

  /** A live session of an enabled account, made under the account's current password. */
  async #sessionOf(token: string): Promise<{ session: Session; user: User } | null> {
    const session = await this.#liveSession(token);
    const user = session ? await this.#store.read.users.byId(session.userId) : null;
    if (!session || !user || user.disabled || user.passwordVersion !== session.passwordVersion) return null;
    return { session, user };
  }

  async resolveSession(token: string) {
    const found = await this.#sessionOf(token);
    if (!found) return null;
    return { actor: actorFor(found.user), csrfToken: found.session.csrfToken, mfaPending: found.session.mfaPending };
  }

  async resolveApiToken(token: string): Promise<Actor | null> {
    if (!isApiTokenFormat(token)) return null;
    const found = await this.#store.read.apiTokens.byHash(sha256(token));
    const now = this.#clock.now();
    if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= now)) return null;
    const user = await this.#store.read.users.byId(found.userId);
    if (!user || user.disabled) return null;
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) await this.#store.read.apiTokens.markUsed(found.id, now);
    return { kind: 'token', userId: user.id, label: `${user.email} (token ${found.prefix})`, roles: user.roles, scopes: found.scopes };
  }

  /** The session answer for a page load: who is signed in, and the CSRF token. */
  async sessionInfo(token: string): Promise<Omit<SessionAnswer, 'token' | 'expiresAt'>> {
    const found = await this.#sessionOf(token);
    if (!found) throw new AuthenticationError('not signed in');
    const { session, user } = found;
    return { mfaRequired: session.mfaPending, csrfToken: session.csrfToken, user: session.mfaPending ? null : meOf(user) };
  }

  // ── one's own account ─────────────────────────────────────────────────────

  async #self(ctx: ActionContext): Promise<User> {
    const user = ctx.actor.userId ? await this.#store.read.users.byId(ctx.actor.userId) : null;
    if (!user) throw new AuthenticationError();
    return user;
  }

  /** Account security is for the person in a session: an API token never changes it (access.ts refuses first). */
  async #selfInSession(ctx: ActionContext): Promise<User> {
    if (ctx.actor.kind !== 'user') throw new SessionRequiredError();
    return this.#self(ctx);
  }

  async me(ctx: ActionContext): Promise<Me> {
    return meOf(await this.#self(ctx));
  }

  async setUpTotp(ctx: ActionContext) {
    const user = await this.#selfInSession(ctx);
    if (user.totpEnabled) throw new ValidationError('two-factor authentication is already on; turn it off first');
    const secret = newTotpSecret();
    await this.#store.transaction(async (s) => {
      await s.users.update(user.id, { totpSecret: secret });
      await s.audit.append(ctx, { action: 'user.totp_setup_started', entityType: 'user', entityId: user.id });
    });
    return totpEnrolment(secret, user.email);
  }

  async enableTotp(ctx: ActionContext, code: string): Promise<void> {
    const user = await this.#selfInSession(ctx);
    if (!user.totpSecret || user.totpEnabled) throw new ValidationError('start the two-factor set-up first');
    const step = acceptedStep(user.totpSecret, code, this.#clock.now(), user.totpLastStep);
    if (step === null) throw new ValidationError('wrong code; check the time on your device');
    await this.#store.transaction(async (s) => {
      await s.users.update(user.id, { totpEnabled: true, totpLastStep: step });
      await s.audit.append(ctx, { action: 'user.totp_enabled', entityType: 'user', entityId: user.id });
    });
  }

  async disableTotp(ctx: ActionContext, password: string): Promise<void> {
    const user = await this.#selfInSession(ctx);
    if (!(await verifyPassword(user.passwordHash, password))) throw new ValidationError('wrong password');
    await this.#store.transaction(async (s) => {
      await s.users.update(user.id, { totpEnabled: false, totpSecret: null, totpLastStep: null });
      await s.audit.append(ctx, { action: 'user.totp_disabled', entityType: 'user', entityId: user.id });
    });
  }

  /**
   * Changes one's password from a session. Every other session of the account ends (they were made
   * under the old password); this one is re-issued with a new token and CSRF token. API tokens are
   * kept, and the answer and the audit entry say how many.
   */
  async changePassword(ctx: ActionContext, sessionToken: string, current: string, next: string): Promise<PasswordChanged> {
    const user = await this.#selfInSession(ctx);
    const found = await this.#sessionOf(sessionToken);
    if (!found || found.user.id !== user.id) throw new AuthenticationError('not signed in');
    if (!(await verifyPassword(user.passwordHash, current))) throw new ValidationError('the current password is wrong');
    checkPasswordPolicy(next);
    const passwordHash = await hashPassword(next);
    const now = this.#clock.now();
    const apiTokensKept = (await this.#store.read.apiTokens.listForUser(user.id)).filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now)).length;
    const changed = { ...user, passwordHash, passwordVersion: user.passwordVersion + 1 };
    const { token, session } = this.#newSession(changed, false, found.session.expiresAt);
    const sessionsEnded = await this.#store.transaction(async (s) => {
      await s.users.update(user.id, { passwordHash, passwordVersion: changed.passwordVersion });
      const ended = await s.sessions.deleteForUser(user.id, found.session.idHash);
      await s.sessions.delete(found.session.idHash);
      await s.sessions.insert({ ...session, ip: ctx.ip ?? null, userAgent: null });
      await s.audit.append(ctx, {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        after: { sessionsEnded: ended, thisSession: 're-issued', apiTokensKept },
      });
      return ended;
    });
    return { session: sessionAnswer(token, session, changed), sessionsEnded, apiTokensKept };
  }

  /** Signs one out everywhere else: every other session of the account ends; this one stays. */
  async endOtherSessions(ctx: ActionContext, sessionToken: string): Promise<{ sessionsEnded: number }> {
    const user = await this.#selfInSession(ctx);
    const found = await this.#sessionOf(sessionToken);
    if (!found || found.user.id !== user.id) throw new AuthenticationError('not signed in');
    const sessionsEnded = await this.#store.transaction(async (s) => {
      const ended = await s.sessions.deleteForUser(user.id, found.session.idHash);
      await s.audit.append(ctx, { action: 'session.ended_elsewhere', entityType: 'user', entityId: user.id, after: { sessionsEnded: ended } });
      return ended;
    });
    return { sessionsEnded };
  }

  async listTokens(ctx: ActionContext): Promise<ApiToken[]> {
    const user = await this.#selfInSession(ctx);
    return this.#store.read.apiTokens.listForUser(user.id);
  }

  async createToken(
    ctx: ActionContext,
    input: { name: string; scopes: string[]; expiresInDays?: number | undefined },
  ): Promise<{ token: string; item: ApiToken }> {
    const user = await this.#selfInSession(ctx);
    const name = input.name.trim();
    if (!name) throw new ValidationError('a token needs a name');
    if (!validScopes(input.scopes)) throw new ValidationError('scopes must be permission names', { scopes: input.scopes });
    const held = permissionsOf(user.roles);
    const beyond = input.scopes.filter((scope) => !held.includes(scope));
    if (beyond.length) throw new ValidationError(`your roles do not hold: ${beyond.join(', ')}`);
    const { token, prefix } = newApiToken();
    const expiresAt = input.expiresInDays ? new Date(this.#clock.now().getTime() + input.expiresInDays * 86_400_000) : null;
    const item = await this.#store.transaction(async (s) => {
      const created = await s.apiTokens.insert({ userId: user.id, name, prefix, scopes: [...new Set(input.scopes)], expiresAt, tokenHash: sha256(token) });
      await s.audit.append(ctx, {
        action: 'token.created',
        entityType: 'api_token',
        entityId: created.id,
        after: { name, prefix, scopes: created.scopes, expiresAt },
      });
      return created;
    });
    return { token, item };
  }

  async revokeToken(ctx: ActionContext, id: string): Promise<void> {
    const user = await this.#selfInSession(ctx);
    const found = await this.#store.read.apiTokens.byId(id);
    if (!found || found.userId !== user.id) throw new NotFoundError('token');
    if (found.revokedAt) return;
    await this.#store.transaction(async (s) => {
      await s.apiTokens.revoke(id, this.#clock.now());
      await s.audit.append(ctx, { action: 'token.revoked', entityType: 'api_token', entityId: id, before: { name: found.name, prefix: found.prefix } });
    });
  }

  // ── the first admin ───────────────────────────────────────────────────────

  /** Creates the first admin when there are no users; returns the credentials once, else null. */
  async ensureFirstAdmin(ctx: ActionContext): Promise<{ email: string; password: string; generated: boolean } | null> {
    if ((await this.#store.read.users.count()) > 0) return null;
    const given = this.#config.SECDESK_ADMIN_PASSWORD;
    if (given) checkPasswordPolicy(given);
    const password = given ?? generatePassword();
    const email = this.#config.SECDESK_ADMIN_EMAIL.trim().toLowerCase();
    const passwordHash = await hashPassword(password);
    const created = await this.#store.transaction(async (s) => {
      if ((await s.users.count()) > 0) return false;
      const user = await s.users.insert({ email, name: 'Administrator', roles: ['admin'], passwordHash });
      await s.audit.append(ctx, { action: 'user.created', entityType: 'user', entityId: user.id, after: { email, roles: user.roles } });
      return true;
    });
    return created ? { email, password, generated: !given } : null;
  }
}
