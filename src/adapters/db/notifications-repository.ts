// SQL for in-app notifications.
import { sql, type Kysely } from 'kysely';
import type { NotificationsRepository } from '../../domains/notifications/notifications.ports.ts';
import type { NotificationKind, NotificationMail } from '../../domains/notifications/notifications.types.ts';
import type { DB } from './schema.ts';

export function notificationsRepository(db: Kysely<DB>): NotificationsRepository {
  return {
    async insert(n) {
      const row = await db
        .insertInto('notifications')
        .values({
          user_id: n.userId,
          kind: n.kind,
          ticket_id: n.ticketId,
          title: n.title,
          body: n.body,
          dedupe_key: n.dedupeKey,
          mail_status: n.mailQueued ? 'queued' : null,
          mail_error: null,
        })
        .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },
    async listForUser(userId, limit) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as NotificationKind,
        ticketId: r.ticket_id,
        title: r.title,
        body: r.body,
        createdAt: r.created_at,
        readAt: r.read_at,
      }));
    },
    async unreadCount(userId) {
      const { n } = await db
        .selectFrom('notifications')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return n;
    },
    async markRead(userId, id, at) {
      const found = await db.selectFrom('notifications').select('read_at').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      if (!found) return false;
      if (!found.read_at) await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
      return true;
    },
    async markAllRead(userId, at) {
      const result = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async forMail(id) {
      const row = await db
        .selectFrom('notifications as n')
        .innerJoin('users as u', 'u.id', 'n.user_id')
        .select(['n.id', 'u.email', 'n.title', 'n.body', 'n.mail_status'])
        .where('n.id', '=', id)
        .executeTakeFirst();
      return row ? { id: row.id, to: row.email, title: row.title, body: row.body, mailStatus: row.mail_status as NotificationMail['mailStatus'] } : null;
    },
    async markMail(id, status, error) {
      await db.updateTable('notifications').set({ mail_status: status, mail_error: error }).where('id', '=', id).execute();
    },
  };
}
