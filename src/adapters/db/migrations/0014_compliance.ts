// Compliance report requests: the customer directory, the report files (current version per kind),
// queued requests, personal download links (stored hashed) and the log of every download.
import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    sql`create table customers (
      id uuid primary key,
      name text not null,
      account_id text not null unique,
      email_domains text[] not null,
      soc2 boolean not null,
      pentest boolean not null,
      nda_on_file boolean not null,
      updated_at timestamptz not null
    )`,
    sql`create table compliance_reports (
      kind text not null check (kind in ('soc2', 'pentest')),
      version integer not null,
      filename text not null,
      content bytea not null,
      sha256 text not null,
      size integer not null,
      uploaded_by text not null,
      uploaded_at timestamptz not null,
      primary key (kind, version)
    )`,
    sql`create table compliance_requests (
      id uuid primary key,
      ticket_id uuid not null references tickets(id),
      customer_id uuid not null references customers(id),
      requester_email text not null,
      on_behalf boolean not null,
      reports text[] not null,
      status text not null check (status in ('queued', 'delivered')),
      created_at timestamptz not null,
      delivered_at timestamptz
    )`,
    sql`create index compliance_requests_queued on compliance_requests (created_at) where status = 'queued'`,
    sql`create table compliance_links (
      token_hash text primary key,
      request_id uuid not null references compliance_requests(id),
      report_kind text not null,
      recipient_email text not null,
      expires_at timestamptz not null,
      created_at timestamptz not null
    )`,
    sql`create table compliance_downloads (
      id uuid primary key,
      token_hash text not null references compliance_links(token_hash),
      report_kind text not null,
      report_version integer not null,
      recipient_email text not null,
      ip text,
      downloaded_at timestamptz not null
    )`,
  ]);
}
