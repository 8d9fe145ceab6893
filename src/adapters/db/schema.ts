// Row types of the tables, as Kysely sees them. One interface per table; keep in step with migrations/.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  roles: string[];
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  oidc_subject: string | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_login_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  created_at: Timestamp;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface TicketsTable {
  id: Generated<string>;
  number: Generated<number>;
  subject: string;
  status: Generated<string>;
  requester_email: string;
  requester_name: string | null;
  organisation: string | null;
  assignee_id: string | null;
  disposition: string | null;
  tags: Generated<string[]>;
  sla_due_at: Date | null;
  first_handled_at: Date | null;
  search_text: Generated<string>;
  search: ColumnType<string, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
  status_changed_at: Timestamp;
  sla_paused_since: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** [{ from, to }] as ISO strings: closed pauses of the SLA clock. */
  sla_pauses: Json;
}

export interface TicketMessagesTable {
  id: Generated<string>;
  ticket_id: string;
  direction: string;
  message_id: string | null;
  in_reply_to: string | null;
  from_address: string;
  to_address: string | null;
  subject: Generated<string>;
  body_text: Generated<string>;
  author_id: string | null;
  created_at: Timestamp;
  raw_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  parse_warning: ColumnType<string | null, string | null | undefined, string | null>;
  noise_kind: ColumnType<string | null, string | null | undefined, string | null>;
  body_html: ColumnType<string | null, string | null | undefined, string | null>;
  delivery_status: ColumnType<string | null, string | null | undefined, string | null>;
  delivery_error: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  references_ids: ColumnType<string[], string[] | undefined, string[]>;
}

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  ticket_id: string | null;
  title: string;
  body: Generated<string>;
  dedupe_key: string;
  mail_status: string | null;
  mail_error: string | null;
  created_at: Timestamp;
  read_at: Date | null;
}

export interface AttachmentBlobsTable {
  sha256: string;
  size: number;
  /** PGlite returns a Uint8Array, node-postgres a Buffer. */
  content: ColumnType<Uint8Array, Uint8Array, never>;
}

export interface MessageAttachmentsTable {
  id: Generated<string>;
  message_id: string;
  position: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  blob_sha256: string | null;
  withheld_reason: string | null;
}

export interface RawMessagesTable {
  sha256: string;
  size: number;
  /** PGlite returns a Uint8Array, node-postgres a Buffer. */
  content: ColumnType<Uint8Array, Buffer, never>;
  received_at: Timestamp;
}

export interface IncidentsTable {
  id: Generated<string>;
  number: Generated<number>;
  title: string;
  description: Generated<string>;
  type: string;
  status: Generated<string>;
  impact: number;
  likelihood: number;
  visibility: Generated<string>;
  declared_by: string | null;
  declared_at: Date;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentEventsTable {
  id: Generated<string>;
  incident_id: string;
  at: Date;
  kind: string;
  summary: string;
  data: Json;
  actor_label: string;
  created_at: Timestamp;
}

export interface DistributionListsTable {
  id: Generated<string>;
  name: string;
  source: string;
  member_count: Generated<number>;
  invalid_count: Generated<number>;
  duplicate_count: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface ListMembersTable {
  list_id: string;
  seq: number;
  email: string;
  email_key: string;
  first_name: string;
  last_name: string;
  company: string;
  audience: string;
}

export interface ListRejectsTable {
  list_id: string;
  line: number;
  value: string;
  reason: string;
}

export interface SuppressionsTable {
  email_key: string;
  reason: string;
  detail: Generated<string>;
  created_at: Generated<Date>;
}

export interface FanoutKeysTable {
  id: number;
  unsubscribe_key: string;
}

export interface SendsTable {
  id: Generated<string>;
  list_id: string | null;
  audience: string | null;
  from_address: string;
  subject: string;
  body: string;
  content_hash: string;
  list_mail: boolean;
  is_test: boolean;
  status: string;
  pause_reason: string | null;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface SendRecipientsTable {
  send_id: string;
  seq: number;
  email: string;
  email_key: string;
  domain: string;
  first_name: string;
  last_name: string;
  company: string;
  state: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  claim_id: string | null;
  claimed_until: Date | null;
  committed_at: Date | null;
  unconfirmed: Generated<boolean>;
  message_id: string;
  last_error: string | null;
  sent_at: Date | null;
  bounced_at: Date | null;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  raw_messages: RawMessagesTable;
  attachment_blobs: AttachmentBlobsTable;
  message_attachments: MessageAttachmentsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  notifications: NotificationsTable;
  distribution_lists: DistributionListsTable;
  list_members: ListMembersTable;
  list_rejects: ListRejectsTable;
  suppressions: SuppressionsTable;
  fanout_keys: FanoutKeysTable;
  sends: SendsTable;
  send_recipients: SendRecipientsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
