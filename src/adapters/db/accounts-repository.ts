// SQL for users, sessions and API tokens.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ApiTokensRepository, SessionsRepository, UserChanges, UsersRepository } from '../../domains/accounts/accounts.ports.ts';
import type { ApiToken, Session, User } from '../../domains/accounts/accounts.types.ts';
import type { ApiTokensTable, DB, SessionsTable, UsersTable } from './schema.ts';

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpEnabled: row.totp_enabled,
    totpLastStep: row.totp_last_step,
    oidcSubject: row.oidc_subject,
    disabled: row.disabled,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    lastLoginAt: row.last_login_at,
    passwordVersion: row.password_version,
    createdAt: row.created_at,
  };
}

const USER_COLUMNS: Record<keyof UserChanges, keyof UsersTable> = {
  name: 'name',
  roles: 'roles',
  disabled: 'disabled',
  passwordHash: 'password_hash',
  totpSecret: 'totp_secret',
  totpEnabled: 'totp_enabled',
  totpLastStep: 'totp_last_step',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  lastLoginAt: 'last_login_at',
  passwordVersion: 'password_version',
};

export function usersRepository(db: Kysely<DB>): UsersRepository {
  const select = () => db.selectFrom('users').selectAll();
  const one = async (q: ReturnType<typeof select>) => {
    const row = await q.executeTakeFirst();
    return row ? toUser(row) : null;
  };
  return {
    async count() {
      const { n } = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      return n;
    },
    byId: (id) => one(select().where('id', '=', id)),
    byEmail: (email) => one(select().where(sql`lower(email)`, '=', email.trim().toLowerCase())),
    byOidcSubject: (subject) => one(select().where('oidc_subject', '=', subject)),
    async list(limit, afterId) {
      let q = select().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
      if (afterId) {
        const anchor = db.selectFrom('users').select('created_at').where('id', '=', afterId);
        q = q.where((eb) => eb.or([eb('created_at', '<', anchor), eb.and([eb('created_at', '=', anchor), eb('id', '<', afterId)])]));
      }
      return (await q.execute()).map(toUser);
    },
    async insert(user) {
      const row = await db
        .insertInto('users')
        .values({
          email: user.email,
          name: user.name,
          roles: user.roles,
          password_hash: user.passwordHash,
          oidc_subject: user.oidcSubject ?? null,
          totp_secret: null,
          totp_last_step: null,
          locked_until: null,
          last_login_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async update(id, changes) {
      const values: Record<string, unknown> = { updated_at: new Date() };
      for (const [key, value] of Object.entries(changes)) values[USER_COLUMNS[key as keyof UserChanges]] = value;
      const row = await db.updateTable('users').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      return toUser(row);
    },
  };
}

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    idHash: row.id_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    mfaPending: row.mfa_pending,
    passwordVersion: row.password_version,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
  };
}

export function sessionsRepository(db: Kysely<DB>): SessionsRepository {
  return {
    async insert(s) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          mfa_pending: s.mfaPending,
          password_version: s.passwordVersion,
          expires_at: s.expiresAt,
          last_seen_at: s.lastSeenAt,
          ip: s.ip,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async byIdHash(idHash) {
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row ? toSession(row) : null;
    },
    async touch(idHash, at) {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    async delete(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteForUser(userId, except) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (except !== undefined) q = q.where('id_hash', '<>', except);
      return (await q.returning('id_hash').execute()).length;
    },
    async deleteExpired(now) {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
  };
}

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export function apiTokensRepository(db: Kysely<DB>): ApiTokensRepository {
  const byColumn = async (column: 'id' | 'token_hash', value: string) => {
    const row = await db.selectFrom('api_tokens').selectAll().where(column, '=', value).executeTakeFirst();
    return row ? toToken(row) : null;
  };
  return {
    async insert(t) {
      const row = await db
        .insertInto('api_tokens')
        .values({
          user_id: t.userId,
          name: t.name,
          token_hash: t.tokenHash,
          token_prefix: t.prefix,
          scopes: t.scopes,
          expires_at: t.expiresAt,
          last_used_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toToken(row);
    },
    byHash: (hash) => byColumn('token_hash', hash),
    byId: (id) => byColumn('id', id),
    async listForUser(userId) {
      return (await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute()).map(toToken);
    },
    async markUsed(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async revoke(id, at) {
      await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },
  };
}
