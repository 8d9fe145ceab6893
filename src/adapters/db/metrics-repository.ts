// SQL for the metrics: the few columns the figures need, for tickets that arrived in a period
// (tickets_created_idx serves the range), and the open tickets counted by status.
import { sql, type Kysely } from 'kysely';
import type { MetricsRepository } from '../../domains/metrics/metrics.ports.ts';
import type { Disposition, TicketStatus } from '../../domains/tickets/tickets.types.ts';
import type { DB } from './schema.ts';
import { toPauses } from './tickets-repository.ts';

export function metricsRepository(db: Kysely<DB>): MetricsRepository {
  return {
    async ticketFacts(from, to) {
      const rows = await db
        .selectFrom('tickets')
        .select(['created_at', 'first_handled_at', 'sla_due_at', 'disposition', 'status', 'sla_paused_since', 'sla_pauses'])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .execute();
      return rows.map((r) => ({
        createdAt: r.created_at,
        firstHandledAt: r.first_handled_at,
        slaDueAt: r.sla_due_at,
        disposition: r.disposition as Disposition | null,
        status: r.status as TicketStatus,
        slaPausedSince: r.sla_paused_since,
        slaPauses: toPauses(r.sla_pauses),
      }));
    },
    async openTicketsByStatus() {
      const rows = await db
        .selectFrom('tickets')
        .select(['status', sql<number>`count(*)::int`.as('n'), sql<Date>`min(created_at)`.as('oldest')])
        .where('status', 'not in', ['solved', 'closed'])
        .groupBy('status')
        .orderBy('status')
        .execute();
      return rows.map((r) => ({ status: r.status as TicketStatus, count: r.n, oldestCreatedAt: new Date(r.oldest) }));
    },
    async openEngagementsByTeam(now) {
      const rows = await db
        .selectFrom('team_engagements as e')
        .innerJoin('teams as t', 't.id', 'e.team_id')
        .select([
          't.name as team',
          sql<number>`count(*)::int`.as('open'),
          sql<number>`(count(*) filter (where e.state = 'open'))::int`.as('researching'),
          sql<number>`extract(epoch from avg(${now}::timestamptz - e.created_at)) * 1000`.as('average_ms'),
          sql<Date>`min(e.created_at)`.as('oldest'),
        ])
        .where('e.state', '<>', 'closed')
        .groupBy('t.name')
        .orderBy('t.name')
        .execute();
      return rows.map((r) => ({
        team: r.team,
        open: r.open,
        researching: r.researching,
        averageAgeMs: Number(r.average_ms),
        oldestCreatedAt: new Date(r.oldest),
      }));
    },
    async complianceRequestsByState() {
      const rows = await db
        .selectFrom('compliance_requests')
        .select(['status', sql<number>`count(*)::int`.as('n'), sql<Date>`min(created_at)`.as('oldest')])
        .groupBy('status')
        .orderBy('status')
        .execute();
      return rows.map((r) => ({ state: r.status, count: r.n, oldestCreatedAt: new Date(r.oldest) }));
    },
  };
}
