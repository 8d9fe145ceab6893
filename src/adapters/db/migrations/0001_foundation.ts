// Accounts, sessions, API tokens and the append-only audit log.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      roles text[] not null default '{}',
      password_hash text,
      totp_secret text,
      totp_enabled boolean not null default false,
      totp_last_step bigint,
      oidc_subject text unique,
      disabled boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create unique index users_email_key on users (lower(email))`,
    sql`create table sessions (
      id_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      csrf_token text not null,
      mfa_pending boolean not null default false,
      ip text,
      user_agent text,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
    sql`create index sessions_user_idx on sessions (user_id)`,
    sql`create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      token_prefix text not null,
      scopes text[] not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    )`,
    sql`create index api_tokens_user_idx on api_tokens (user_id)`,
    sql`create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_id uuid,
      actor_label text not null,
      action text not null,
      entity_type text not null,
      entity_id text,
      before jsonb,
      after jsonb,
      request_id text,
      ip text,
      prev_hash text not null,
      hash text not null
    )`,
    sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`,
    sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`,
    sql`create trigger audit_log_no_update before update or delete or truncate on audit_log
      for each statement execute function audit_log_append_only()`,
  ]);
}
