// SQL for triage suggestions and the analysts' decisions about them.
import { sql, type Kysely } from 'kysely';
import type { TriageRepository } from '../../domains/triage/triage.ports.ts';
import type { StoredSuggestion, TriageDecision } from '../../domains/triage/triage.types.ts';
import type { TriageLabel } from '../../domains/triage/labels.ts';
import type { Disposition } from '../../domains/tickets/tickets.types.ts';
import type { DB } from './schema.ts';
import { duplicatesSql } from './duplicates-sql.ts';

export function triageRepository(db: Kysely<DB>): TriageRepository {
  return {
    ...duplicatesSql(db),
    async suggestion(ticketId) {
      const row = await db.selectFrom('triage_suggestions').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        label: row.label as TriageLabel,
        disposition: row.disposition as Disposition | null,
        confidence: row.confidence,
        ranking: row.ranking as StoredSuggestion['ranking'],
        reasons: row.reasons as StoredSuggestion['reasons'],
        modelVersion: row.model_version,
        createdAt: row.created_at,
      };
    },
    async saveSuggestion(ticketId, result, at) {
      const inserted = await db
        .insertInto('triage_suggestions')
        .values({
          ticket_id: ticketId,
          label: result.label,
          disposition: result.disposition,
          confidence: result.confidence,
          reasons: JSON.stringify(result.reasons),
          ranking: JSON.stringify(result.ranking),
          model_version: result.modelVersion,
          created_at: at,
        })
        .onConflict((oc) => oc.column('ticket_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async latestDecision(ticketId) {
      const row = await db
        .selectFrom('triage_decisions as d')
        .leftJoin('users as u', 'u.id', 'd.decided_by')
        .select(['d.chosen_label', 'd.chosen_disposition', 'd.suggested_label', 'd.decided_at', 'u.id as user_id', 'u.name as user_name'])
        .where('d.ticket_id', '=', ticketId)
        .orderBy('d.decided_at', 'desc')
        .orderBy('d.id', 'desc')
        .executeTakeFirst();
      if (!row) return null;
      const decision: TriageDecision = {
        label: row.chosen_label as TriageLabel,
        disposition: row.chosen_disposition as Disposition | null,
        accepted: row.chosen_label === row.suggested_label,
        by: row.user_id && row.user_name ? { id: row.user_id, name: row.user_name } : null,
        at: row.decided_at,
      };
      return decision;
    },
    async recordDecision(d) {
      const row = await db
        .insertInto('triage_decisions')
        .values({
          ticket_id: d.ticketId,
          suggestion_id: d.suggestionId,
          suggested_label: d.suggested.label,
          suggested_disposition: d.suggested.disposition,
          chosen_label: d.chosen.label,
          chosen_disposition: d.chosen.disposition,
          decided_by: d.decidedBy,
          decided_at: d.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async decidedExamples(limit) {
      const rows = await sql<{ subject: string; body_text: string; from_address: string; chosen_label: string; decided_at: Date }>`
        select m.subject, m.body_text, m.from_address, d.chosen_label, d.decided_at
        from (select distinct on (ticket_id) ticket_id, chosen_label, decided_at from triage_decisions order by ticket_id, decided_at desc, id desc) d
        join lateral (select subject, body_text, from_address from ticket_messages where ticket_id = d.ticket_id and direction = 'inbound' order by created_at, id limit 1) m on true
        order by d.decided_at, d.ticket_id limit ${limit}`.execute(db);
      return rows.rows.map((r) => ({
        subject: r.subject,
        body: r.body_text,
        from: r.from_address,
        label: r.chosen_label as TriageLabel,
        decidedAt: new Date(r.decided_at),
      }));
    },
  };
}
