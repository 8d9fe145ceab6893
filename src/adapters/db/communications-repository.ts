// SQL for external communications: the plan, communications with versions and comments, sent snapshots.
import { sql, type Kysely } from 'kysely';
import type { CommunicationRow, CommunicationsRepository } from '../../domains/communications/communications.ports.ts';
import type { Channel, CommunicationSummary, ExtendedTeam, ReviewRequest, SentSnapshot } from '../../domains/communications/communications.types.ts';
import type { Audience } from '../../domains/fanout/fanout.types.ts';
import type { DB } from './schema.ts';

function communicationQuery(db: Kysely<DB>) {
  return db
    .selectFrom('communications as c')
    .innerJoin('comms_versions as v', (j) => j.onRef('v.communication_id', '=', 'c.id').onRef('v.version', '=', 'c.current_version'))
    .leftJoin('comms_sent as s', 's.communication_id', 'c.id')
    .select([
      'c.id',
      'c.incident_id',
      'c.round',
      'c.channel',
      'c.title',
      'c.current_version',
      'c.approved_version',
      'c.approver_id',
      'c.approver',
      'c.approved_at',
      'c.holding_statement_id',
      'c.send_id',
      'c.test_send_id',
      'c.published_url',
      'c.publish_state',
      'c.created_at',
      'v.subject',
      's.sent_at',
      'c.review_version',
      'c.review_requested_by',
      'c.review_requested_by_id',
      'c.review_requested_at',
      'c.reviewers',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof communicationQuery>['executeTakeFirstOrThrow']>>;

function toCommunication(r: Row): CommunicationRow {
  const approval =
    r.approved_version !== null && r.approver !== null && r.approved_at !== null
      ? { version: r.approved_version, approverId: r.approver_id, approver: r.approver, approvedAt: r.approved_at }
      : null;
  const current = approval?.version === r.current_version;
  const reviewRequest =
    r.review_version !== null && r.review_requested_by !== null && r.review_requested_at !== null
      ? {
          version: r.review_version,
          requestedBy: r.review_requested_by,
          requestedById: r.review_requested_by_id,
          requestedAt: r.review_requested_at,
          reviewers: r.reviewers as ReviewRequest['reviewers'],
        }
      : null;
  const inReview = reviewRequest?.version === r.current_version;
  const status: CommunicationSummary['status'] = r.sent_at
    ? 'sent'
    : current && r.test_send_id
      ? 'testing'
      : current
        ? 'approved'
        : inReview
          ? 'in_review'
          : 'draft';
  return {
    id: r.id,
    incidentId: r.incident_id,
    round: r.round,
    channel: r.channel as Channel,
    title: r.title,
    status,
    currentVersion: r.current_version,
    subject: r.subject,
    approval,
    reviewRequest,
    holdingStatementId: r.holding_statement_id,
    sentAt: r.sent_at ?? null,
    sendId: r.send_id,
    testSendId: r.test_send_id,
    publishedUrl: r.published_url,
    publishState: r.publish_state as CommunicationSummary['publishState'],
    createdAt: r.created_at,
  };
}

export function communicationsRepository(db: Kysely<DB>): CommunicationsRepository {
  return {
    async plan(incidentId) {
      const r = await db.selectFrom('comms_plans').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
      if (!r) return null;
      return {
        scope: r.scope,
        publicTitle: r.public_title,
        frequencyMinutes: r.frequency_minutes,
        scopeDecidedBy: r.scope_decided_by,
        scopeDecidedAt: r.scope_decided_at,
        channels: (r.channels as Channel[]) ?? [],
        mediumDecidedBy: r.medium_decided_by,
        mediumDecidedAt: r.medium_decided_at,
        allClearAt: r.all_clear_at,
      };
    },
    async decideScope(incidentId, d) {
      const set = { scope: d.scope, public_title: d.publicTitle, frequency_minutes: d.frequencyMinutes, scope_decided_by: d.by, scope_decided_at: d.at };
      await db
        .insertInto('comms_plans')
        .values({ incident_id: incidentId, ...set })
        .onConflict((oc) => oc.column('incident_id').doUpdateSet(set))
        .execute();
    },
    async decideMedium(incidentId, d) {
      const set = { channels: JSON.stringify(d.channels), medium_decided_by: d.by, medium_decided_at: d.at };
      await db
        .insertInto('comms_plans')
        .values({ incident_id: incidentId, ...set })
        .onConflict((oc) => oc.column('incident_id').doUpdateSet(set))
        .execute();
    },
    async markAllClear(incidentId, at) {
      const row = await db
        .insertInto('comms_plans')
        .values({ incident_id: incidentId, all_clear_at: at })
        .onConflict((oc) => oc.column('incident_id').doUpdateSet({ all_clear_at: at }).where('comms_plans.all_clear_at', 'is', null))
        .returning('incident_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async tasks(incidentId) {
      const rows = await db
        .selectFrom('comms_tasks as t')
        .leftJoin('users as u', 'u.id', 't.owner_id')
        .select(['t.id', 't.team', 't.title', 't.owner_id', 'u.name as owner_name', 't.due_at', 't.done_at', 't.created_at', 't.created_by'])
        .where('t.incident_id', '=', incidentId)
        .orderBy('t.created_at')
        .orderBy('t.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        team: r.team as ExtendedTeam,
        title: r.title,
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        dueAt: r.due_at,
        doneAt: r.done_at,
        createdAt: r.created_at,
        createdBy: r.created_by,
      }));
    },
    async addTask(incidentId, t) {
      const row = await db
        .insertInto('comms_tasks')
        .values({
          incident_id: incidentId,
          team: t.team,
          title: t.title,
          owner_id: t.ownerId,
          due_at: t.dueAt,
          created_by: t.createdBy,
          created_at: t.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async updateTask(incidentId, taskId, change) {
      const set = {
        ...(change.doneAt !== undefined ? { done_at: change.doneAt } : {}),
        ...(change.ownerId !== undefined ? { owner_id: change.ownerId } : {}),
        ...(change.dueAt !== undefined ? { due_at: change.dueAt } : {}),
      };
      if (!Object.keys(set).length)
        return (
          (await db.selectFrom('comms_tasks').select('id').where('id', '=', taskId).where('incident_id', '=', incidentId).executeTakeFirst()) !== undefined
        );
      const result = await db.updateTable('comms_tasks').set(set).where('id', '=', taskId).where('incident_id', '=', incidentId).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async lists(incidentId) {
      const rows = await db
        .selectFrom('comms_lists as l')
        .innerJoin('distribution_lists as d', 'd.id', 'l.list_id')
        .select(['l.audience', 'l.list_id', 'd.name', 'l.attached_at', 'l.attached_by'])
        .where('l.incident_id', '=', incidentId)
        .orderBy('l.audience')
        .execute();
      return rows.map((r) => ({ audience: r.audience as Audience, listId: r.list_id, listName: r.name, attachedAt: r.attached_at, attachedBy: r.attached_by }));
    },
    async attachList(incidentId, audience, listId, by, at) {
      const set = { list_id: listId, attached_by: by, attached_at: at };
      await db
        .insertInto('comms_lists')
        .values({ incident_id: incidentId, audience, ...set })
        .onConflict((oc) => oc.columns(['incident_id', 'audience']).doUpdateSet(set))
        .execute();
    },
    async rounds(incidentId, lock = false) {
      const query = db.selectFrom('comms_rounds').selectAll().where('incident_id', '=', incidentId).orderBy('number');
      const rows = await (lock ? query.forUpdate() : query).execute();
      return rows.map((r) => ({
        number: r.number,
        final: r.final,
        startedAt: r.started_at,
        startedBy: r.started_by,
        channels: (r.channels as Channel[] | null) ?? null,
      }));
    },
    async addRound(incidentId, round) {
      await db
        .insertInto('comms_rounds')
        .values({
          incident_id: incidentId,
          number: round.number,
          final: round.final,
          started_by: round.startedBy,
          started_at: round.startedAt,
          channels: round.channels ? JSON.stringify(round.channels) : null,
        })
        .execute();
    },
    async overrides(incidentId) {
      const rows = await db.selectFrom('comms_overrides').selectAll().where('incident_id', '=', incidentId).orderBy('at').execute();
      return rows.map((r) => ({ id: r.id, round: r.round, channel: r.channel as Channel, reason: r.reason, by: r.by_label, at: r.at }));
    },
    async addOverride(incidentId, o) {
      const result = await db
        .insertInto('comms_overrides')
        .values({ incident_id: incidentId, round: o.round, channel: o.channel, reason: o.reason, by_id: o.byId, by_label: o.by, at: o.at })
        .onConflict((oc) => oc.columns(['incident_id', 'round', 'channel']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async setting(key) {
      return (await db.selectFrom('comms_settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
    },
    async putSetting(key, value, by, at) {
      const set = { value: JSON.stringify(value), updated_by: by, updated_at: at };
      await db
        .insertInto('comms_settings')
        .values({ key, ...set })
        .onConflict((oc) => oc.column('key').doUpdateSet(set))
        .execute();
    },

    async create(c) {
      const row = await db
        .insertInto('communications')
        .values({
          incident_id: c.incidentId,
          round: c.round,
          channel: c.channel,
          title: c.title,
          holding_statement_id: c.holdingStatementId,
          current_version: 1,
          created_by: c.createdBy,
          created_at: c.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async addVersion(id, v) {
      await db
        .insertInto('comms_versions')
        .values({
          communication_id: id,
          version: v.version,
          subject: v.subject,
          body: v.body,
          author_id: v.authorId,
          author: v.author,
          created_at: v.createdAt,
        })
        .execute();
      await db.updateTable('communications').set({ current_version: v.version }).where('id', '=', id).execute();
    },
    async byId(id, lock = false) {
      if (lock) await db.selectFrom('communications').select('id').where('id', '=', id).forUpdate().execute();
      const row = await communicationQuery(db).where('c.id', '=', id).executeTakeFirst();
      return row ? toCommunication(row) : null;
    },
    async forIncident(incidentId) {
      return (await communicationQuery(db).where('c.incident_id', '=', incidentId).orderBy('c.round').orderBy('c.channel').execute()).map(toCommunication);
    },
    async holdingStatements() {
      return (await communicationQuery(db).where('c.incident_id', 'is', null).where('c.title', 'is not', null).orderBy('c.created_at', 'desc').execute()).map(
        toCommunication,
      );
    },
    async versions(id) {
      const rows = await db.selectFrom('comms_versions').selectAll().where('communication_id', '=', id).orderBy('version').execute();
      return rows.map((r) => ({ version: r.version, subject: r.subject, body: r.body, authorId: r.author_id, author: r.author, createdAt: r.created_at }));
    },
    async comments(id) {
      const rows = await db.selectFrom('comms_comments').selectAll().where('communication_id', '=', id).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, version: r.version, authorId: r.author_id, author: r.author, body: r.body, createdAt: r.created_at }));
    },
    async addComment(id, c) {
      const row = await db
        .insertInto('comms_comments')
        .values({ communication_id: id, version: c.version, author_id: c.authorId, author: c.author, body: c.body, created_at: c.createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, ...c };
    },
    async setApproval(id, a) {
      await db
        .updateTable('communications')
        .set({ approved_version: a?.version ?? null, approver_id: a?.approverId ?? null, approver: a?.approver ?? null, approved_at: a?.approvedAt ?? null })
        .where('id', '=', id)
        .execute();
    },
    async setReviewRequest(id, r) {
      await db
        .updateTable('communications')
        .set({
          review_version: r.version,
          review_requested_by: r.requestedBy,
          review_requested_by_id: r.requestedById,
          review_requested_at: r.requestedAt,
          reviewers: JSON.stringify(r.reviewers),
        })
        .where('id', '=', id)
        .execute();
    },
    async peopleHolding(roles) {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'roles'])
        .where('disabled', '=', false)
        .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
        .orderBy('name')
        .orderBy('email')
        .execute();
      return rows.map((r) => ({ userId: r.id, name: r.name || r.email, roles: r.roles }));
    },
    async setSends(id, s) {
      await db.updateTable('communications').set({ send_id: s.sendId, test_send_id: s.testSendId }).where('id', '=', id).execute();
    },
    async setPublish(id, p) {
      await db
        .updateTable('communications')
        .set({
          publish_state: p.state,
          ...(p.url !== undefined ? { published_url: p.url } : {}),
          ...(p.error !== undefined ? { publish_error: p.error } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async sent(id) {
      const r = await db.selectFrom('comms_sent').selectAll().where('communication_id', '=', id).executeTakeFirst();
      if (!r) return null;
      return {
        version: r.version,
        subject: r.subject,
        body: r.body,
        contentHash: r.content_hash,
        approvedVersion: r.approved_version,
        approver: r.approver,
        approverId: r.approver_id,
        sender: r.sender,
        senderId: r.sender_id,
        sentAt: r.sent_at,
        details: (r.details ?? {}) as SentSnapshot['details'],
      };
    },
    async recordSent(id, s) {
      const result = await db
        .insertInto('comms_sent')
        .values({
          communication_id: id,
          version: s.version,
          subject: s.subject,
          body: s.body,
          content_hash: s.contentHash,
          approved_version: s.approvedVersion,
          approver: s.approver,
          approver_id: s.approverId,
          sender: s.sender,
          sender_id: s.senderId,
          sent_at: s.sentAt,
          details: JSON.stringify(s.details),
        })
        .onConflict((oc) => oc.column('communication_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async preparedResponses() {
      const rows = await db
        .selectFrom('comms_sent as s')
        .innerJoin('communications as c', 'c.id', 's.communication_id')
        .innerJoin('incidents as i', 'i.id', 'c.incident_id')
        .select(['c.id', 'c.incident_id', 'i.number', 'i.title', 's.subject', 's.body', 's.sent_at', 's.sender'])
        .where('c.channel', '=', 'customer_faq')
        .orderBy('s.sent_at', 'desc')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        communicationId: r.id,
        incidentId: r.incident_id!,
        incidentNumber: r.number,
        incidentTitle: r.title,
        subject: r.subject,
        body: r.body,
        publishedAt: r.sent_at,
        publishedBy: r.sender,
      }));
    },
  };
}
