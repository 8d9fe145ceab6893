// SQL for tickets and their messages.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { RawMailStore, TicketChanges, TicketsRepository } from '../../domains/tickets/tickets.ports.ts';
import type {
  DeliveryStatus,
  Disposition,
  MessageDirection,
  NewMessage,
  ThreadTarget,
  TicketCriteria,
  TicketStatus,
  TicketSummary,
} from '../../domains/tickets/tickets.types.ts';
import { attachmentsOf, insertAttachments } from './attachments-repository.ts';
import type { DB, TicketsTable } from './schema.ts';

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      't.id',
      't.number',
      't.subject',
      't.status',
      't.requester_email',
      't.requester_name',
      't.organisation',
      't.assignee_id',
      'u.name as assignee_name',
      't.disposition',
      't.tags',
      't.created_at',
      't.updated_at',
      't.sla_due_at',
      't.status_changed_at',
      't.first_handled_at',
      't.sla_paused_since',
      sql<number>`(select count(*)::int from ticket_messages m where m.ticket_id = t.id)`.as('message_count'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status as TicketStatus,
    requester: { email: row.requester_email, name: row.requester_name },
    organisation: row.organisation,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    disposition: row.disposition as Disposition | null,
    tags: row.tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusChangedAt: row.status_changed_at,
    slaDueAt: row.sla_due_at,
    firstHandledAt: row.first_handled_at,
    slaPausedSince: row.sla_paused_since,
    messageCount: row.message_count,
  };
}

/** The criteria as SQL conditions on `tickets as t`. */
function whereCriteria<O>(query: SelectQueryBuilder<DB & { t: TicketsTable }, 't', O>, c: TicketCriteria) {
  let q = query;
  if (c.status) q = q.where('t.status', '=', c.status);
  if (c.disposition === 'none') q = q.where('t.disposition', 'is', null);
  else if (c.disposition) q = q.where('t.disposition', '=', c.disposition);
  if (c.assigneeId === null) q = q.where('t.assignee_id', 'is', null);
  else if (c.assigneeId !== undefined) q = q.where('t.assignee_id', '=', c.assigneeId);
  if (c.tag) q = q.where(sql<boolean>`t.tags @> array[${c.tag}]::text[]`);
  if (c.active) q = q.where('t.status', 'not in', ['solved', 'closed']);
  if (c.slaDue) {
    // The running clock of sla.ts: due set, unhandled, not paused, not solved or closed.
    q = q
      .where('t.sla_due_at', 'is not', null)
      .where('t.first_handled_at', 'is', null)
      .where('t.sla_paused_since', 'is', null)
      .where('t.status', 'not in', ['solved', 'closed'])
      .where('t.sla_due_at', '<=', c.slaDue.by);
    if (c.slaDue.after) q = q.where('t.sla_due_at', '>', c.slaDue.after);
  }
  if (c.q) q = q.where(sql<boolean>`t.search @@ websearch_to_tsquery('english', ${c.q})`);
  return q;
}

const CHANGE_COLUMNS = {
  assigneeId: 'assignee_id',
  tags: 'tags',
  requesterName: 'requester_name',
  organisation: 'organisation',
  disposition: 'disposition',
  slaDueAt: 'sla_due_at',
  slaPausedSince: 'sla_paused_since',
  slaPauses: 'sla_pauses',
} as const satisfies Record<keyof TicketChanges, keyof TicketsTable>;

function changeValues(changes: TicketChanges): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
    const value = changes[key as keyof TicketChanges];
    if (value === undefined) continue;
    values[column] = key === 'slaPauses' ? JSON.stringify(value) : value;
  }
  return values;
}

export function toPauses(value: unknown): { from: Date; to: Date }[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as { from: string; to: string }[];
  return list.map((p) => ({ from: new Date(p.from), to: new Date(p.to) }));
}

export function ticketsRepository(db: Kysely<DB>): TicketsRepository {
  return {
    async list(criteria, limit, after) {
      let q = whereCriteria(summaryQuery(db), criteria).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(limit);
      if (after) {
        q = q.where((eb) => eb.or([eb('t.created_at', '<', after.at), eb.and([eb('t.created_at', '=', after.at), eb('t.id', '<', after.id)])]));
      }
      return (await q.execute()).map(toSummary);
    },
    async byId(id) {
      const row = await summaryQuery(db).where('t.id', '=', id).executeTakeFirst();
      if (!row) return null;
      const messages = await db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', id).orderBy('created_at').orderBy('id').execute();
      const attachments = await attachmentsOf(
        db,
        messages.map((m) => m.id),
      );
      return {
        ...toSummary(row),
        messages: messages.map((m) => ({
          id: m.id,
          direction: m.direction as MessageDirection,
          from: m.from_address,
          to: m.to_address,
          subject: m.subject,
          bodyText: m.body_text,
          createdAt: m.created_at,
          delivery: m.delivery_status ? { status: m.delivery_status as DeliveryStatus, error: m.delivery_error } : null,
          hasHtml: m.body_html !== null && m.body_html.trim() !== '',
          parseWarning: m.parse_warning,
          attachments: attachments.get(m.id) ?? [],
          template: m.template_key && m.template_version !== null ? { key: m.template_key, version: m.template_version } : null,
          attachedRawSha256: m.attached_raw_sha256,
        })),
      };
    },
    async countWhere(criteria) {
      const q = whereCriteria(db.selectFrom('tickets as t').select(sql<number>`count(*)::int`.as('n')), criteria);
      return (await q.executeTakeFirstOrThrow()).n;
    },
    async countByDisposition() {
      const rows = await db
        .selectFrom('tickets')
        .select(['disposition', sql<number>`count(*)::int`.as('n')])
        .groupBy('disposition')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.disposition ?? 'none', r.n]));
    },
    async lifecycleState(id, lock) {
      let q = db
        .selectFrom('tickets')
        .select([
          'id',
          'number',
          'subject',
          'status',
          'status_changed_at',
          'assignee_id',
          'created_at',
          'sla_due_at',
          'first_handled_at',
          'sla_paused_since',
          'sla_pauses',
        ])
        .where('id', '=', id);
      if (lock) q = q.forUpdate();
      const row = await q.executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        number: row.number,
        subject: row.subject,
        status: row.status as TicketStatus,
        statusChangedAt: row.status_changed_at,
        assigneeId: row.assignee_id,
        createdAt: row.created_at,
        slaDueAt: row.sla_due_at,
        firstHandledAt: row.first_handled_at,
        slaPausedSince: row.sla_paused_since,
        slaPauses: toPauses(row.sla_pauses),
      };
    },
    async update(id, changes, at) {
      await db
        .updateTable('tickets')
        .set({ ...changeValues(changes), updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    async refreshSearch(id) {
      await sql`update tickets t set search_text = concat_ws(E'\n', t.subject, t.requester_email, t.requester_name, t.organisation,
        (select string_agg(m.body_text, E'\n' order by m.created_at, m.id) from ticket_messages m where m.ticket_id = t.id and m.direction <> 'note'))
        where t.id = ${id}`.execute(db);
    },
    async agents(roles) {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'name', 'email'])
        .where('disabled', '=', false)
        .where(sql<boolean>`roles && ${sql.val([...roles])}::text[]`)
        .orderBy('name')
        .orderBy('email')
        .execute();
      return rows;
    },
    async count() {
      const { n } = await db.selectFrom('tickets').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      return n;
    },
    async create(ticket) {
      const searchText = [
        ticket.subject,
        ticket.requesterEmail,
        ticket.requesterName ?? '',
        ticket.organisation ?? '',
        ...ticket.messages.filter((m) => m.direction !== 'note').map((m) => m.bodyText),
      ].join('\n');
      const lastActivity = ticket.messages.reduce((latest, m) => (m.createdAt > latest ? m.createdAt : latest), ticket.createdAt);
      const { id } = await db
        .insertInto('tickets')
        .values({
          subject: ticket.subject,
          status: ticket.status,
          requester_email: ticket.requesterEmail,
          requester_name: ticket.requesterName,
          organisation: ticket.organisation,
          assignee_id: null,
          disposition: ticket.disposition,
          tags: ticket.tags,
          sla_due_at: ticket.slaDueAt,
          first_handled_at: null,
          search_text: searchText,
          created_at: ticket.createdAt,
          updated_at: lastActivity,
          status_changed_at: lastActivity,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows = await db
        .insertInto('ticket_messages')
        .values(ticket.messages.map((m) => messageRow(id, m)))
        .returning('id')
        .execute();
      for (const [i, row] of rows.entries()) await insertAttachments(db, row.id, ticket.messages[i]!.attachments);
      return toSummary(await summaryQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow());
    },
    async byMessageIds(messageIds) {
      for (const messageId of messageIds) {
        const row = await threadTarget(db).innerJoin('ticket_messages as m', 'm.ticket_id', 't.id').where('m.message_id', '=', messageId).executeTakeFirst();
        if (row) return toTarget(row);
      }
      return null;
    },
    async byNumber(number) {
      const row = await threadTarget(db).where('t.number', '=', number).executeTakeFirst();
      return row ? toTarget(row) : null;
    },
    async appendMessage(ticketId, message) {
      const { id } = await db.insertInto('ticket_messages').values(messageRow(ticketId, message)).returning('id').executeTakeFirstOrThrow();
      await insertAttachments(db, id, message.attachments);
      const searchable = message.direction === 'note' ? '' : `\n${message.bodyText}`;
      await db
        .updateTable('tickets')
        .set({ updated_at: message.createdAt, search_text: sql`search_text || ${searchable}` })
        .where('id', '=', ticketId)
        .execute();
      return id;
    },
    async threadIds(ticketId) {
      const rows = await db
        .selectFrom('ticket_messages')
        .select(['message_id', 'direction'])
        .where('ticket_id', '=', ticketId)
        .where('message_id', 'is not', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const inbound = rows.filter((r) => r.direction === 'inbound');
      return { all: rows.map((r) => r.message_id!), lastInbound: inbound[inbound.length - 1]?.message_id ?? null };
    },
    async outboundReply(messageRowId) {
      const row = await db
        .selectFrom('ticket_messages as m')
        .innerJoin('tickets as t', 't.id', 'm.ticket_id')
        .selectAll('m')
        .select('t.requester_email')
        .where('m.id', '=', messageRowId)
        .where('m.direction', '=', 'outbound')
        .executeTakeFirst();
      if (!row?.message_id || !row.to_address) return null;
      return {
        messageRowId: row.id,
        messageId: row.message_id,
        inReplyTo: row.in_reply_to,
        referencesIds: row.references_ids,
        to: row.to_address,
        subject: row.subject,
        bodyText: row.body_text,
        deliveryStatus: row.delivery_status as DeliveryStatus | null,
        attachedRawSha256: row.attached_raw_sha256,
        requesterEmail: row.requester_email,
      };
    },
    async markDelivery(messageRowId, status, error, at) {
      await db
        .updateTable('ticket_messages')
        .set({ delivery_status: status, delivery_error: error, delivered_at: status === 'sent' ? at : null })
        .where('id', '=', messageRowId)
        .execute();
    },
    async markFirstHandled(ticketId, at) {
      await db.updateTable('tickets').set({ first_handled_at: at }).where('id', '=', ticketId).where('first_handled_at', 'is', null).execute();
    },
    async firstInboundRaw(ticketId) {
      const row = await db
        .selectFrom('ticket_messages')
        .select('raw_sha256')
        .where('ticket_id', '=', ticketId)
        .where('direction', '=', 'inbound')
        .where('raw_sha256', 'is not', null)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row?.raw_sha256 ?? null;
    },
    async setStatus(ticketId, status, at) {
      await db.updateTable('tickets').set({ status, updated_at: at, status_changed_at: at }).where('id', '=', ticketId).execute();
    },
  };
}

function messageRow(ticketId: string, m: NewMessage) {
  return {
    ticket_id: ticketId,
    direction: m.direction,
    message_id: m.messageId ?? null,
    in_reply_to: m.inReplyTo ?? null,
    from_address: m.from,
    to_address: m.to ?? null,
    subject: m.subject,
    body_text: m.bodyText,
    author_id: m.authorId ?? null,
    created_at: m.createdAt,
    raw_sha256: m.rawSha256 ?? null,
    parse_warning: m.parseWarning ?? null,
    noise_kind: m.noiseKind ?? null,
    body_html: m.bodyHtml ?? null,
    delivery_status: m.deliveryStatus ?? null,
    references_ids: m.referencesIds ?? [],
    template_key: m.template?.key ?? null,
    template_version: m.template?.version ?? null,
    attached_raw_sha256: m.attachedRawSha256 ?? null,
  };
}

function threadTarget(db: Kysely<DB>) {
  return db.selectFrom('tickets as t').select(['t.id', 't.number', 't.status', 't.requester_email']);
}

function toTarget(row: { id: string; number: number; status: string; requester_email: string }): ThreadTarget {
  return { id: row.id, number: row.number, status: row.status as TicketStatus, requesterEmail: row.requester_email };
}

export function rawMailStore(db: Kysely<DB>): RawMailStore {
  return {
    async put(sha256, content) {
      await db
        .insertInto('raw_messages')
        .values({ sha256, size: content.length, content })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },
    async get(sha256) {
      const row = await db.selectFrom('raw_messages').select('content').where('sha256', '=', sha256).executeTakeFirst();
      return row ? Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength) : null;
    },
  };
}
