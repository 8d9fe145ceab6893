// SQL for the incident channel: channels per incident, sent chat messages by key, people's chat handles.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChatHandlesRepository, ChatMessagesRepository, IncidentChannelsRepository } from '../../domains/chat/chat.ports.ts';
import type { IncidentChannel, IncidentChannelState } from '../../domains/chat/chat.types.ts';
import { ConflictError, NotFoundError } from '../../domains/errors.ts';
import type { DB, IncidentChannelsTable } from './schema.ts';

function toChannel(row: Selectable<IncidentChannelsTable>): IncidentChannel {
  return {
    incidentId: row.incident_id,
    platform: row.platform,
    name: row.name,
    state: row.state as IncidentChannelState,
    channelId: row.channel_id,
    url: row.url,
    error: row.error,
    retryAt: row.retry_at,
    updatedAt: row.updated_at,
  };
}

export function incidentChannelsRepository(db: Kysely<DB>): IncidentChannelsRepository {
  return {
    async byIncident(incidentId) {
      const row = await db.selectFrom('incident_channels').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
      return row ? toChannel(row) : null;
    },
    async save(incidentId, c) {
      const values = {
        platform: c.platform,
        name: c.name,
        state: c.state,
        ...(c.channelId !== undefined ? { channel_id: c.channelId } : {}),
        ...(c.url !== undefined ? { url: c.url } : {}),
        ...(c.error !== undefined ? { error: c.error } : {}),
        ...(c.retryAt !== undefined ? { retry_at: c.retryAt } : {}),
      };
      const row = await db
        .insertInto('incident_channels')
        .values({ incident_id: incidentId, ...values })
        .onConflict((oc) => oc.column('incident_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toChannel(row);
    },
  };
}

export function chatMessagesRepository(db: Kysely<DB>): ChatMessagesRepository {
  return {
    async sent(key) {
      return (await db.selectFrom('chat_messages').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
    },
    async record(key, m) {
      const row = await db
        .insertInto('chat_messages')
        .values({ key, incident_id: m.incidentId, target: m.target, ref: m.ref })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export function chatHandlesRepository(db: Kysely<DB>): ChatHandlesRepository {
  return {
    async handleOf(userId) {
      const row = await db.selectFrom('users').select('chat_handle').where('id', '=', userId).executeTakeFirst();
      return row?.chat_handle ?? null;
    },
    async userByHandle(handle) {
      const row = await db
        .selectFrom('users')
        .select(['id', 'email', 'roles', 'disabled'])
        .where(sql<string>`lower(chat_handle)`, '=', handle.replace(/^@/, '').toLowerCase())
        .executeTakeFirst();
      return row ?? null;
    },
    async all() {
      const rows = await db.selectFrom('users').select(['id', 'chat_handle']).where('chat_handle', 'is not', null).orderBy('id').execute();
      return rows.map((r) => ({ userId: r.id, handle: r.chat_handle! }));
    },
    async setHandle(userId, handle) {
      const value = handle?.replace(/^@/, '') ?? null;
      if (value !== null) {
        const taken = await db
          .selectFrom('users')
          .select('id')
          .where(sql<string>`lower(chat_handle)`, '=', value.toLowerCase())
          .where('id', '<>', userId)
          .executeTakeFirst();
        if (taken) throw new ConflictError('another person has this chat handle');
      }
      const updated = await db.updateTable('users').set({ chat_handle: value }).where('id', '=', userId).returning('id').executeTakeFirst();
      if (!updated) throw new NotFoundError('user');
    },
  };
}
