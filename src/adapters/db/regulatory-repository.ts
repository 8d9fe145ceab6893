// SQL for regulatory clocks and an incident's awareness time.
import type { Kysely, Selectable } from 'kysely';
import type { ClockState } from '../../domains/regulatory/deadline.ts';
import type { ClockTerms, RegulatoryClockRecord, RegulatoryClocksRepository } from '../../domains/regulatory/regulatory.ports.ts';
import type { DB, RegulatoryClocksTable } from './schema.ts';

function toRecord(row: Selectable<RegulatoryClocksTable>): RegulatoryClockRecord {
  return {
    id: row.id,
    incidentId: row.incident_id,
    clockId: row.clock_id,
    terms: row.terms as ClockTerms,
    because: row.because,
    startedAt: row.started_at,
    dueAt: row.due_at,
    state: row.state as ClockState,
    metAt: row.met_at,
    reference: row.reference,
    notes: row.notes,
    reason: row.reason,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
  };
}

export function regulatoryClocksRepository(db: Kysely<DB>): RegulatoryClocksRepository {
  return {
    async forIncident(incidentId) {
      const rows = await db.selectFrom('regulatory_clocks').selectAll().where('incident_id', '=', incidentId).orderBy('due_at').orderBy('clock_id').execute();
      return rows.map(toRecord);
    },
    async byId(id) {
      const row = await db.selectFrom('regulatory_clocks').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async start(clock) {
      const row = await db
        .insertInto('regulatory_clocks')
        .values({
          incident_id: clock.incidentId,
          clock_id: clock.clockId,
          terms: JSON.stringify(clock.terms),
          because: clock.because,
          started_at: clock.startedAt,
          due_at: clock.dueAt,
        })
        .onConflict((oc) => oc.columns(['incident_id', 'clock_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async close(id, outcome) {
      const fields = outcome.state === 'met' ? { met_at: outcome.metAt, reference: outcome.reference, notes: outcome.notes } : { reason: outcome.reason };
      const row = await db
        .updateTable('regulatory_clocks')
        .set({ state: outcome.state, closed_by: outcome.by, closed_at: outcome.at, ...fields })
        .where('id', '=', id)
        .where('state', '=', 'running')
        .returningAll()
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async setDue(id, dueAt) {
      await db.updateTable('regulatory_clocks').set({ due_at: dueAt }).where('id', '=', id).execute();
    },
    async awareAt(incidentId) {
      const row = await db.selectFrom('incidents').select('aware_at').where('id', '=', incidentId).executeTakeFirst();
      return row?.aware_at ?? null;
    },
    async setAwareAt(incidentId, at) {
      await db.updateTable('incidents').set({ aware_at: at }).where('id', '=', incidentId).execute();
    },
  };
}
