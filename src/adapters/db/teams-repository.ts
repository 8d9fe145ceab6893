// SQL for subject-matter teams and their engagements.
import { sql, type Kysely } from 'kysely';
import type { TeamEngagementsRepository, TeamsRepository } from '../../domains/teams/teams.ports.ts';
import type { EngagementState, IssueState, Team, TeamEngagement, TeamPatch, TrackerSettings, TrackerView } from '../../domains/teams/teams.types.ts';
import type { TicketStatus } from '../../domains/tickets/tickets.types.ts';
import type { DB } from './schema.ts';

function trackerView(raw: unknown): TrackerView | null {
  const t = raw as TrackerSettings | null;
  if (!t) return null;
  return t.kind === 'gitlab'
    ? { kind: 'gitlab', baseUrl: t.baseUrl, projectId: t.projectId, hasToken: Boolean(t.token) }
    : { kind: 'jira', baseUrl: t.baseUrl, projectKey: t.projectKey, email: t.email, hasToken: Boolean(t.apiToken) };
}

function teamQuery(db: Kysely<DB>) {
  return db
    .selectFrom('teams as t')
    .leftJoin('users as u', 'u.id', 't.owner_id')
    .select(['t.id', 't.name', 't.owner_id', 'u.email as owner_email', 't.notify_address', 't.cadence_hours', 't.tracker']);
}

type TeamRow = Awaited<ReturnType<ReturnType<typeof teamQuery>['executeTakeFirstOrThrow']>>;
const toTeam = (r: TeamRow): Team => ({
  id: r.id,
  name: r.name,
  ownerId: r.owner_id,
  ownerEmail: r.owner_email,
  notifyAddress: r.notify_address,
  cadenceHours: r.cadence_hours,
  tracker: trackerView(r.tracker),
});

function teamColumns(patch: TeamPatch) {
  return {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
    ...(patch.notifyAddress !== undefined ? { notify_address: patch.notifyAddress } : {}),
    ...(patch.cadenceHours !== undefined ? { cadence_hours: patch.cadenceHours } : {}),
    ...(patch.tracker !== undefined ? { tracker: patch.tracker === null ? null : JSON.stringify(patch.tracker) } : {}),
  };
}

export function teamsRepository(db: Kysely<DB>): TeamsRepository {
  return {
    async list() {
      return (await teamQuery(db).orderBy('t.name').execute()).map(toTeam);
    },
    async byId(id) {
      const row = await teamQuery(db).where('t.id', '=', id).executeTakeFirst();
      return row ? toTeam(row) : null;
    },
    async byName(name) {
      const row = await teamQuery(db).where(sql`lower(t.name)`, '=', name.toLowerCase()).executeTakeFirst();
      return row ? toTeam(row) : null;
    },
    async trackerOf(id) {
      const row = await db.selectFrom('teams').select('tracker').where('id', '=', id).executeTakeFirst();
      return (row?.tracker as TrackerSettings | null | undefined) ?? null;
    },
    async insert(input, at) {
      const row = await db
        .insertInto('teams')
        .values({ name: input.name, ...teamColumns(input), created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(id, patch, at) {
      await db
        .updateTable('teams')
        .set({ ...teamColumns(patch), updated_at: at })
        .where('id', '=', id)
        .execute();
    },
  };
}

function engagementQuery(db: Kysely<DB>) {
  return db
    .selectFrom('team_engagements as e')
    .innerJoin('teams as t', 't.id', 'e.team_id')
    .innerJoin('tickets as k', 'k.id', 'e.ticket_id')
    .select([
      'e.id',
      'e.ticket_id',
      'k.number as ticket_number',
      'k.subject as ticket_subject',
      'k.status as ticket_status',
      'e.team_id',
      't.name as team_name',
      'e.owner_id',
      'e.state',
      'e.question',
      'e.answer',
      'e.answered_by',
      'e.answered_at',
      'e.next_update_due',
      'e.issue_state',
      'e.issue_ref',
      'e.issue_url',
      'e.issue_error',
      'e.created_at',
      'e.closed_at',
    ]);
}

type EngagementRow = Awaited<ReturnType<ReturnType<typeof engagementQuery>['executeTakeFirstOrThrow']>>;
const toEngagement = (r: EngagementRow): TeamEngagement => ({
  id: r.id,
  ticketId: r.ticket_id,
  ticketNumber: r.ticket_number,
  ticketSubject: r.ticket_subject,
  ticketStatus: r.ticket_status as TicketStatus,
  teamId: r.team_id,
  teamName: r.team_name,
  ownerId: r.owner_id,
  state: r.state as EngagementState,
  question: r.question,
  answer: r.answer,
  answeredBy: r.answered_by,
  answeredAt: r.answered_at,
  nextUpdateDue: r.next_update_due,
  issue: { state: r.issue_state as IssueState, ref: r.issue_ref, url: r.issue_url, error: r.issue_error },
  createdAt: r.created_at,
  closedAt: r.closed_at,
});

export function teamEngagementsRepository(db: Kysely<DB>): TeamEngagementsRepository {
  return {
    async insert(e) {
      const row = await db
        .insertInto('team_engagements')
        .values({
          ticket_id: e.ticketId,
          team_id: e.teamId,
          owner_id: e.ownerId,
          state: 'open',
          question: e.question,
          answer: null,
          answered_by: null,
          answered_at: null,
          next_update_due: e.nextUpdateDue,
          issue_state: e.issueState,
          issue_ref: null,
          issue_url: null,
          issue_error: null,
          created_at: e.createdAt,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async byId(id, lock = false) {
      if (lock) await db.selectFrom('team_engagements').select('id').where('id', '=', id).forUpdate().execute();
      const row = await engagementQuery(db).where('e.id', '=', id).executeTakeFirst();
      return row ? toEngagement(row) : null;
    },
    async forTicket(ticketId) {
      return (await engagementQuery(db).where('e.ticket_id', '=', ticketId).orderBy('e.created_at', 'desc').execute()).map(toEngagement);
    },
    async listActive(limit) {
      return (await engagementQuery(db).where('e.state', '<>', 'closed').orderBy('e.created_at').limit(limit).execute()).map(toEngagement);
    },
    async setState(id, state, at) {
      await db
        .updateTable('team_engagements')
        .set({ state, ...(state === 'closed' ? { closed_at: at, next_update_due: null } : {}) })
        .where('id', '=', id)
        .execute();
    },
    async recordAnswer(id, answer, by, at) {
      await db
        .updateTable('team_engagements')
        .set({ state: 'answered', answer, answered_by: by, answered_at: at, next_update_due: null })
        .where('id', '=', id)
        .execute();
    },
    async setNextUpdateDue(id, due) {
      await db.updateTable('team_engagements').set({ next_update_due: due }).where('id', '=', id).execute();
    },
    async setIssue(id, issue) {
      await db
        .updateTable('team_engagements')
        .set({
          issue_state: issue.state,
          ...(issue.ref !== undefined ? { issue_ref: issue.ref } : {}),
          ...(issue.url !== undefined ? { issue_url: issue.url } : {}),
          ...(issue.error !== undefined ? { issue_error: issue.error } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async lastOutboundSince(ticketId, since) {
      const row = await db
        .selectFrom('ticket_messages as m')
        .innerJoin('tickets as k', 'k.id', 'm.ticket_id')
        .select(sql<Date | null>`max(m.created_at)`.as('at'))
        .where('m.ticket_id', '=', ticketId)
        .where('m.direction', '=', 'outbound')
        .whereRef('m.to_address', '=', 'k.requester_email')
        .where('m.created_at', '>', since)
        .executeTakeFirst();
      return row?.at ? new Date(row.at) : null;
    },
  };
}
