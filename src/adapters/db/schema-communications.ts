// Row types of the external communications tables (migration 0016).
import type { ColumnType, Generated } from 'kysely';

type Json = ColumnType<unknown, string | undefined, string>;

export interface CommsPlansTable {
  incident_id: string;
  scope: string | null;
  public_title: string | null;
  frequency_minutes: number | null;
  scope_decided_by: string | null;
  scope_decided_at: Date | null;
  channels: Json;
  medium_decided_by: string | null;
  medium_decided_at: Date | null;
  all_clear_at: Date | null;
}

export interface CommsTasksTable {
  id: Generated<string>;
  incident_id: string;
  team: string;
  title: string;
  owner_id: string | null;
  due_at: Date | null;
  done_at: Date | null;
  created_by: string;
  created_at: Date;
}

export interface CommsListsTable {
  incident_id: string;
  audience: string;
  list_id: string;
  attached_by: string;
  attached_at: Date;
}

export interface CommsRoundsTable {
  incident_id: string;
  number: number;
  final: boolean;
  started_by: string;
  started_at: Date;
  channels: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface CommsOverridesTable {
  id: Generated<string>;
  incident_id: string;
  round: number;
  channel: string;
  reason: string;
  by_id: string | null;
  by_label: string;
  at: Date;
}

export interface CommsSettingsTable {
  key: string;
  value: Json;
  updated_by: string;
  updated_at: Date;
}

export interface CommunicationsTable {
  id: Generated<string>;
  incident_id: string | null;
  round: number;
  channel: string;
  title: string | null;
  current_version: number;
  approved_version: number | null;
  approver_id: string | null;
  approver: string | null;
  approved_at: Date | null;
  holding_statement_id: string | null;
  send_id: string | null;
  test_send_id: string | null;
  published_url: string | null;
  publish_state: Generated<string>;
  publish_error: string | null;
  review_version: number | null;
  review_requested_by: string | null;
  review_requested_by_id: string | null;
  review_requested_at: Date | null;
  reviewers: Json;
  created_by: string;
  created_at: Date;
}

export interface CommsVersionsTable {
  communication_id: string;
  version: number;
  subject: string;
  body: string;
  author_id: string | null;
  author: string;
  created_at: Date;
}

export interface CommsCommentsTable {
  id: Generated<string>;
  communication_id: string;
  version: number;
  author_id: string | null;
  author: string;
  body: string;
  created_at: Date;
}

export interface CommsSentTable {
  communication_id: string;
  version: number;
  subject: string;
  body: string;
  content_hash: string;
  approved_version: number;
  approver: string;
  approver_id: string | null;
  sender: string;
  sender_id: string | null;
  sent_at: Date;
  details: Json;
}

export interface CommunicationsTables {
  comms_plans: CommsPlansTable;
  comms_tasks: CommsTasksTable;
  comms_lists: CommsListsTable;
  comms_rounds: CommsRoundsTable;
  comms_overrides: CommsOverridesTable;
  comms_settings: CommsSettingsTable;
  communications: CommunicationsTable;
  comms_versions: CommsVersionsTable;
  comms_comments: CommsCommentsTable;
  comms_sent: CommsSentTable;
}
