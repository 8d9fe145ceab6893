// The ordered list of migrations. Forward-only: a released migration is never edited; add a new one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_tickets_incidents.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_tickets_incidents': m0002,
};
