// The ordered list of migrations. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_tickets_incidents.ts';
import * as m0003 from './0003_inbound_mail.ts';
import * as m0004 from './0004_outbound_mail.ts';
import * as m0006 from './0006_attachments.ts';
import * as m0007 from './0007_ticket_lifecycle.ts';
import * as m0011 from './0011_fanout.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_tickets_incidents': m0002,
  '0003_inbound_mail': m0003,
  '0004_outbound_mail': m0004,
  '0006_attachments': m0006,
  '0007_ticket_lifecycle': m0007,
  '0011_fanout': m0011,
};
