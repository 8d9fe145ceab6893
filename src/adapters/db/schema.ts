// Row types of the tables, as Kysely sees them. One interface per table; keep in step with migrations/.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CommunicationsTables } from './schema-communications.ts';

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
  chat_handle: string | null;
  password_version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: Generated<boolean>;
  password_version: Generated<number>;
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
  search: ColumnType<string | null, never, never>;
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
  template_key: ColumnType<string | null, string | null | undefined, string | null>;
  template_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** A forward: the original raw message (raw_messages) attached as message/rfc822. */
  attached_raw_sha256: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface MailSourcesTable {
  source_key: string;
  ticket_id: string;
  taken_at: Timestamp;
}

export interface ImapMailboxesTable {
  mailbox: string;
  uid_validity: number;
  last_uid: number;
  updated_at: Timestamp;
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
  facts: Json;
  declared_by: string | null;
  declared_at: Date;
  ticket_id: string | null;
  aware_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegulatoryClocksTable {
  id: Generated<string>;
  incident_id: string;
  clock_id: string;
  terms: Json;
  because: string;
  started_at: Date;
  due_at: Date;
  state: Generated<string>;
  met_at: Date | null;
  reference: string | null;
  notes: string | null;
  reason: string | null;
  closed_by: string | null;
  closed_at: Date | null;
}

export interface IncidentEventsTable {
  id: Generated<string>;
  incident_id: string;
  at: Date;
  kind: string;
  summary: string;
  data: Json;
  actor_label: string;
  dedupe_key: string | null;
  created_at: Timestamp;
}

export interface StakeholderRulesTable {
  id: string;
  position: number;
  rule: Json;
  updated_at: Timestamp;
}

export interface IncidentEngagementsTable {
  id: Generated<string>;
  incident_id: string;
  rule_id: string;
  group_name: string;
  rule: Json;
  dri_label: string;
  backup_label: string;
  through: string;
  because: Json;
  engaged_at: Date;
  ended_at: Date | null;
}

export interface EngagementSnoozesTable {
  id: Generated<string>;
  engagement_id: string;
  at: Date;
  minutes: number;
  reason: string;
  actor_label: string;
}

export interface IncidentUpdatesTable {
  id: Generated<string>;
  incident_id: string;
  number: number;
  fields: Json;
  engagement_ids: string[];
  not_delivered: Json;
  published_at: Date;
  author_label: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_by: string;
  updated_by_id: string | null;
  updated_at: Timestamp;
}

export interface MessageTemplatesTable {
  key: string;
  current_version: number;
  updated_at: Timestamp;
}

export interface MessageTemplateVersionsTable {
  key: string;
  version: number;
  name: string;
  subject: string;
  body: string;
  created_by_id: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface TriageSuggestionsTable {
  id: Generated<string>;
  ticket_id: string;
  label: string;
  disposition: string | null;
  confidence: number;
  reasons: Json;
  ranking: Json;
  model_version: string;
  created_at: Timestamp;
}

export interface DuplicateCandidatesTable {
  id: Generated<string>;
  ticket_id: string;
  duplicate_of: string;
  score: number;
  evidence: Json;
  created_at: Timestamp;
  linked_by: string | null;
  linked_at: Timestamp | null;
}

export interface TriageDecisionsTable {
  id: Generated<string>;
  ticket_id: string;
  suggestion_id: string;
  suggested_label: string;
  suggested_disposition: string | null;
  chosen_label: string;
  chosen_disposition: string | null;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface OnCallRotationsTable {
  role: string;
  rotation: Json;
  updated_at: Timestamp;
}

export interface IncidentRolesTable {
  incident_id: string;
  role: string;
  user_id: string | null;
  since: Date;
}

export interface IncidentRespondersTable {
  incident_id: string;
  user_id: string;
  added_at: Date;
}

export interface IncidentTypesTable {
  id: string;
  label: string;
  position: number;
}

export interface IncidentChannelsTable {
  incident_id: string;
  platform: string;
  name: string;
  state: string;
  channel_id: string | null;
  url: string | null;
  error: string | null;
  retry_at: Date | null;
  updated_at: Timestamp;
}

export interface ChatMessagesTable {
  key: string;
  incident_id: string | null;
  target: string;
  ref: string;
  sent_at: Timestamp;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  owner_id: string | null;
  notify_address: string | null;
  cadence_hours: Generated<number>;
  tracker: Json | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamEngagementsTable {
  id: Generated<string>;
  ticket_id: string;
  team_id: string;
  owner_id: string | null;
  state: string;
  question: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  next_update_due: Date | null;
  issue_state: Generated<string>;
  issue_ref: string | null;
  issue_url: string | null;
  issue_error: string | null;
  created_at: Date;
  closed_at: Date | null;
}

export interface CustomersTable {
  id: string;
  name: string;
  account_id: string;
  email_domains: string[];
  soc2: boolean;
  pentest: boolean;
  nda_on_file: boolean;
  updated_at: Date;
}

export interface ComplianceReportsTable {
  kind: string;
  version: number;
  filename: string;
  /** PGlite returns a Uint8Array, node-postgres a Buffer. */
  content: ColumnType<Uint8Array, Buffer, never>;
  sha256: string;
  size: number;
  uploaded_by: string;
  uploaded_at: Date;
}

export interface ComplianceRequestsTable {
  id: string;
  ticket_id: string;
  customer_id: string;
  requester_email: string;
  on_behalf: boolean;
  reports: string[];
  status: 'queued' | 'delivered';
  created_at: Date;
  delivered_at: Date | null;
}

export interface ComplianceLinksTable {
  token_hash: string;
  request_id: string;
  report_kind: string;
  recipient_email: string;
  expires_at: Date;
  created_at: Date;
}

export interface ComplianceDownloadsTable {
  id: string;
  token_hash: string;
  report_kind: string;
  report_version: number;
  recipient_email: string;
  ip: string | null;
  downloaded_at: Date;
}

export interface DistributionListsTable {
  id: Generated<string>;
  name: string;
  source: string;
  member_count: Generated<number>;
  invalid_count: Generated<number>;
  duplicate_count: Generated<number>;
  columns: Generated<string[]>;
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
  fields: Json;
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
  ended_at: Generated<Date | null>;
  unconfirmed: Generated<boolean>;
  message_id: string;
  last_error: string | null;
  sent_at: Date | null;
  bounced_at: Date | null;
  unsubscribe_url: Generated<string | null>;
  fields: Json;
}

export interface StatusSubscribersTable {
  id: Generated<string>;
  kind: string;
  email: string;
  email_key: string;
  url: string | null;
  secret: string | null;
  component_slugs: Generated<string[]>;
  state: string;
  confirm_token_hash: string | null;
  confirm_expires_at: Date | null;
  confirmed_at: Date | null;
  consecutive_failures: Generated<number>;
  last_failure: string | null;
  disabled_reason: string | null;
  created_ip: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StatusSubscribeRequestsTable {
  email_key: string;
  at: Generated<Date>;
}

export interface StatusNotificationsTable {
  update_id: string;
  send_id: string | null;
  recipients: number;
  webhooks: number;
  handled_at: Generated<Date>;
}

export interface StatusComponentsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  description: Generated<string>;
  group_name: string | null;
  position: Generated<number>;
  state: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusEventsTable {
  id: Generated<string>;
  kind: string;
  incident_id: string | null;
  title: string;
  status: string;
  component_slugs: string[];
  scheduled_for: Date | null;
  scheduled_until: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Date | null;
}

export interface StatusEventUpdatesTable {
  id: Generated<string>;
  event_id: string;
  status: string;
  body: string;
  component_states: Json;
  published_at: Date | null;
  published_by: string | null;
  created_at: Timestamp;
  created_by: string;
}

export interface StatusPageStateTable {
  id: number;
  version: number;
  changed_at: Date;
}

export interface StatusPrivatePagesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  component_slugs: Generated<string[]>;
  password_hash: string | null;
  email_domains: Generated<string[]>;
  ip_ranges: Generated<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StatusPrivateIncidentsTable {
  id: Generated<string>;
  page_id: string;
  title: string;
  status: string;
  component_slugs: Generated<string[]>;
  component_state: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  resolved_at: Timestamp | null;
}

export interface StatusPrivateUpdatesTable {
  id: Generated<string>;
  incident_id: string;
  status: string;
  body: string;
  published_at: Timestamp;
  published_by: string;
}

export interface StatusPrivateLinksTable {
  id: Generated<string>;
  page_id: string;
  email: string;
  token_hash: string | null;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StatusPrivateSessionsTable {
  token_hash: string;
  page_id: string;
  via: string;
  email: string | null;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_at: Timestamp;
}

export interface DB extends CommunicationsTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  raw_messages: RawMessagesTable;
  attachment_blobs: AttachmentBlobsTable;
  message_attachments: MessageAttachmentsTable;
  mail_sources: MailSourcesTable;
  imap_mailboxes: ImapMailboxesTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  regulatory_clocks: RegulatoryClocksTable;
  stakeholder_rules: StakeholderRulesTable;
  incident_engagements: IncidentEngagementsTable;
  engagement_snoozes: EngagementSnoozesTable;
  incident_updates: IncidentUpdatesTable;
  notifications: NotificationsTable;
  settings: SettingsTable;
  message_templates: MessageTemplatesTable;
  message_template_versions: MessageTemplateVersionsTable;
  triage_suggestions: TriageSuggestionsTable;
  triage_decisions: TriageDecisionsTable;
  duplicate_candidates: DuplicateCandidatesTable;
  oncall_rotations: OnCallRotationsTable;
  incident_roles: IncidentRolesTable;
  incident_responders: IncidentRespondersTable;
  incident_types: IncidentTypesTable;
  incident_channels: IncidentChannelsTable;
  chat_messages: ChatMessagesTable;
  teams: TeamsTable;
  team_engagements: TeamEngagementsTable;
  customers: CustomersTable;
  compliance_reports: ComplianceReportsTable;
  compliance_requests: ComplianceRequestsTable;
  compliance_links: ComplianceLinksTable;
  compliance_downloads: ComplianceDownloadsTable;
  distribution_lists: DistributionListsTable;
  list_members: ListMembersTable;
  list_rejects: ListRejectsTable;
  suppressions: SuppressionsTable;
  fanout_keys: FanoutKeysTable;
  sends: SendsTable;
  send_recipients: SendRecipientsTable;
  status_components: StatusComponentsTable;
  status_events: StatusEventsTable;
  status_event_updates: StatusEventUpdatesTable;
  status_page_state: StatusPageStateTable;
  status_subscribers: StatusSubscribersTable;
  status_subscribe_requests: StatusSubscribeRequestsTable;
  status_notifications: StatusNotificationsTable;
  status_private_pages: StatusPrivatePagesTable;
  status_private_incidents: StatusPrivateIncidentsTable;
  status_private_updates: StatusPrivateUpdatesTable;
  status_private_links: StatusPrivateLinksTable;
  status_private_sessions: StatusPrivateSessionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
