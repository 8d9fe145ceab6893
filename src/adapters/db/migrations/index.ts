// The ordered list of migrations. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_tickets_incidents.ts';
import * as m0003 from './0003_inbound_mail.ts';
import * as m0004 from './0004_outbound_mail.ts';
import * as m0005 from './0005_imap_polling.ts';
import * as m0006 from './0006_attachments.ts';
import * as m0007 from './0007_ticket_lifecycle.ts';
import * as m0008 from './0008_incident_engagements.ts';
import * as m0009 from './0009_templates.ts';
import * as m0010 from './0010_triage.ts';
import * as m0011 from './0011_fanout.ts';
import * as m0012 from './0012_oncall_roles_responders.ts';
import * as m0013 from './0013_incident_chat.ts';
import * as m0014 from './0014_compliance.ts';
import * as m0015 from './0015_team_engagements.ts';
import * as m0016 from './0016_communications.ts';
import * as m0017 from './0017_regulatory_clocks.ts';
import * as m0018 from './0018_fanout_ended.ts';
import * as m0019 from './0019_status_page.ts';
import * as m0020 from './0020_status_subscriptions.ts';
import * as m0021 from './0021_status_private_pages.ts';
import * as m0022 from './0022_comms_review_requests.ts';
import * as m0023 from './0023_session_password_version.ts';
import * as m0024 from './0024_comms_round_channels.ts';
import * as m0025 from './0025_comms_public_title.ts';
import * as m0026 from './0026_status_update_not_delivered.ts';
import * as m0027 from './0027_list_columns.ts';
import * as m0028 from './0028_settings.ts';
import * as m0029 from './0029_duplicate_candidates.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_tickets_incidents': m0002,
  '0003_inbound_mail': m0003,
  '0004_outbound_mail': m0004,
  '0005_imap_polling': m0005,
  '0006_attachments': m0006,
  '0007_ticket_lifecycle': m0007,
  '0008_incident_engagements': m0008,
  '0009_templates': m0009,
  '0010_triage': m0010,
  '0011_fanout': m0011,
  '0012_oncall_roles_responders': m0012,
  '0013_incident_chat': m0013,
  '0014_compliance': m0014,
  '0015_team_engagements': m0015,
  '0016_communications': m0016,
  '0017_regulatory_clocks': m0017,
  '0018_fanout_ended': m0018,
  '0019_status_page': m0019,
  '0020_status_subscriptions': m0020,
  '0021_status_private_pages': m0021,
  '0022_comms_review_requests': m0022,
  '0023_session_password_version': m0023,
  '0024_comms_round_channels': m0024,
  '0025_comms_public_title': m0025,
  '0026_status_update_not_delivered': m0026,
  '0027_list_columns': m0027,
  '0028_settings': m0028,
  '0029_duplicate_candidates': m0029,
};
