// SQL for possible duplicates: the tickets a new report is compared with, the candidates found, and
// the analyst's link. Part of the triage repository.
import { sql, type Kysely } from 'kysely';
import type { DuplicateEvidence } from '../../domains/triage/duplicates.ts';
import type { TriageRepository } from '../../domains/triage/triage.ports.ts';
import type { DB } from './schema.ts';

type DuplicatesSql = Pick<TriageRepository, 'comparableTickets' | 'saveDuplicateCandidates' | 'duplicateCandidates' | 'linkDuplicate'>;

export function duplicatesSql(db: Kysely<DB>): DuplicatesSql {
  return {
    async comparableTickets(ticketId, since, limit) {
      const rows = await sql<{ id: string; number: number; subject: string; body_text: string }>`
        select t.id, t.number, m.subject, m.body_text
        from tickets t
        join lateral (select subject, body_text from ticket_messages where ticket_id = t.id and direction = 'inbound' order by created_at, id limit 1) m on true
        where t.number < (select number from tickets where id = ${ticketId}) and (t.status not in ('solved', 'closed') or t.created_at >= ${since})
        order by t.created_at desc, t.id limit ${limit}`.execute(db);
      return rows.rows.map((r) => ({ id: r.id, number: Number(r.number), subject: r.subject, body: r.body_text }));
    },
    async saveDuplicateCandidates(ticketId, candidates, at) {
      if (!candidates.length) return 0;
      const inserted = await db
        .insertInto('duplicate_candidates')
        .values(
          candidates.map((c) => ({
            ticket_id: ticketId,
            duplicate_of: c.duplicateOf,
            score: c.evidence.score,
            evidence: JSON.stringify(c.evidence),
            created_at: at,
          })),
        )
        .onConflict((oc) => oc.columns(['ticket_id', 'duplicate_of']).doNothing())
        .returning('id')
        .execute();
      return inserted.length;
    },
    async duplicateCandidates(ticketId) {
      const rows = await db
        .selectFrom('duplicate_candidates as d')
        .innerJoin('tickets as t', 't.id', 'd.duplicate_of')
        .leftJoin('users as u', 'u.id', 'd.linked_by')
        .select([
          'd.id',
          'd.evidence',
          'd.created_at',
          'd.linked_at',
          't.id as other_id',
          't.number',
          't.subject',
          't.status',
          'u.id as user_id',
          'u.name as user_name',
        ])
        .where('d.ticket_id', '=', ticketId)
        .orderBy('d.score', 'desc')
        .orderBy('t.number')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        duplicateOf: { id: r.other_id, number: Number(r.number), subject: r.subject, status: r.status },
        evidence: r.evidence as DuplicateEvidence,
        createdAt: r.created_at,
        linked: r.linked_at ? { by: r.user_id && r.user_name ? { id: r.user_id, name: r.user_name } : null, at: r.linked_at } : null,
      }));
    },
    async linkDuplicate(ticketId, candidateId, by, at) {
      const updated = await db
        .updateTable('duplicate_candidates')
        .set({ linked_by: by, linked_at: at })
        .where('id', '=', candidateId)
        .where('ticket_id', '=', ticketId)
        .where('linked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return updated !== undefined;
    },
  };
}
