// Private status pages for customer-specific status: a subset of the public components and incidents
// of their own, protected by a password, allowed e-mail domains (magic link) and/or IP ranges.
// Their incidents live in their own tables, so the public page cannot show them by mistake.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table status_private_pages (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      name text not null,
      component_slugs text[] not null default '{}',
      password_hash text,
      email_domains text[] not null default '{}',
      ip_ranges text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    sql`create table status_private_incidents (
      id uuid primary key default gen_random_uuid(),
      page_id uuid not null references status_private_pages(id) on delete cascade,
      title text not null,
      status text not null check (status in ('investigating', 'identified', 'monitoring', 'resolved')),
      component_slugs text[] not null default '{}',
      component_state text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      resolved_at timestamptz
    )`,
    sql`create index status_private_incidents_page_idx on status_private_incidents (page_id, resolved_at)`,
    sql`create table status_private_updates (
      id uuid primary key default gen_random_uuid(),
      incident_id uuid not null references status_private_incidents(id) on delete cascade,
      status text not null,
      body text not null,
      published_at timestamptz not null default now(),
      published_by text not null
    )`,
    sql`create index status_private_updates_incident_idx on status_private_updates (incident_id, published_at)`,
    // Sign-in links mailed to an allowed domain: the token exists only in the mail, here only its hash.
    sql`create table status_private_links (
      id uuid primary key default gen_random_uuid(),
      page_id uuid not null references status_private_pages(id) on delete cascade,
      email text not null,
      token_hash text unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    sql`create table status_private_sessions (
      token_hash text primary key,
      page_id uuid not null references status_private_pages(id) on delete cascade,
      via text not null check (via in ('password', 'email')),
      email text,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    )`,
    sql`create index status_private_sessions_expiry_idx on status_private_sessions (expires_at)`,
  ]);
}
