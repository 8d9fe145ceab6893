// SQL for tickets and their messages.
import { sql, type Kysely } from 'kysely';
import type { RawMailStore, TicketsRepository } from '../../domains/tickets/tickets.ports.ts';
import type { Disposition, MessageDirection, NewMessage, ThreadTarget, TicketStatus, TicketSummary } from '../../domains/tickets/tickets.types.ts';
import type { DB } from './schema.ts';

function summaryQuery(db: Kysely<DB>) {
  return db
    .selectFrom('tickets as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      't.id', 't.number', 't.subject', 't.status', 't.requester_email', 't.requester_name', 't.organisation', 't.assignee_id',
      'u.name as assignee_name', 't.disposition', 't.tags', 't.created_at', 't.updated_at', 't.sla_due_at',
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
    slaDueAt: row.sla_due_at,
    messageCount: row.message_count,
  };
}

export function ticketsRepository(db: Kysely<DB>): TicketsRepository {
  return {
    async list(filter, limit, after) {
      let q = summaryQuery(db).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(limit);
      if (filter.status) q = q.where('t.status', '=', filter.status);
      if (filter.q) q = q.where(sql<boolean>`t.search @@ websearch_to_tsquery('english', ${filter.q})`);
      if (after) {
        q = q.where((eb) => eb.or([eb('t.created_at', '<', after.at), eb.and([eb('t.created_at', '=', after.at), eb('t.id', '<', after.id)])]));
      }
      return (await q.execute()).map(toSummary);
    },
    async byId(id) {
      const row = await summaryQuery(db).where('t.id', '=', id).executeTakeFirst();
      if (!row) return null;
      const messages = await db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', id).orderBy('created_at').orderBy('id').execute();
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
        })),
      };
    },
    async count() {
      const { n } = await db.selectFrom('tickets').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      return n;
    },
    async create(ticket) {
      const searchText = [ticket.subject, ticket.requesterEmail, ticket.requesterName ?? '', ...ticket.messages.filter((m) => m.direction !== 'note').map((m) => m.bodyText)].join('\n');
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
          updated_at: ticket.messages.reduce((latest, m) => (m.createdAt > latest ? m.createdAt : latest), ticket.createdAt),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('ticket_messages').values(ticket.messages.map((m) => messageRow(id, m))).execute();
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
      await db.insertInto('ticket_messages').values(messageRow(ticketId, message)).execute();
      const searchable = message.direction === 'note' ? '' : `\n${message.bodyText}`;
      await db.updateTable('tickets').set({ updated_at: message.createdAt, search_text: sql`search_text || ${searchable}` }).where('id', '=', ticketId).execute();
    },
    async setStatus(ticketId, status, at) {
      await db.updateTable('tickets').set({ status, updated_at: at }).where('id', '=', ticketId).execute();
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
    author_id: null,
    created_at: m.createdAt,
    raw_sha256: m.rawSha256 ?? null,
    parse_warning: m.parseWarning ?? null,
    noise_kind: m.noiseKind ?? null,
    body_html: m.bodyHtml ?? null,
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
      await db.insertInto('raw_messages').values({ sha256, size: content.length, content }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    },
  };
}
