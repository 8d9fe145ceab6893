// Status page subscribers (e-mail and webhooks), the per-address subscribe counter, and the
// updates already handled.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { StatusSubscriptionsRepository } from '../../domains/status-subscriptions/subscriptions.ports.ts';
import type { Subscriber, SubscriberKind, SubscriberState } from '../../domains/status-subscriptions/subscriptions.types.ts';
import type { DB, StatusSubscribersTable } from './schema.ts';

type Row = Selectable<StatusSubscribersTable>;

function toSubscriber(r: Row): Subscriber {
  return {
    id: r.id,
    kind: r.kind as SubscriberKind,
    email: r.email,
    url: r.url,
    componentSlugs: r.component_slugs ?? [],
    state: r.state as SubscriberState,
    confirmedAt: r.confirmed_at,
    consecutiveFailures: r.consecutive_failures,
    lastFailure: r.last_failure,
    disabledReason: r.disabled_reason,
    createdAt: r.created_at,
  };
}

function textArray(values: readonly string[]) {
  return values.length ? sql<string[]>`array[${sql.join(values.map((v) => sql`${v}`))}]::text[]` : sql<string[]>`'{}'::text[]`;
}

export function statusSubscriptionsRepository(db: Kysely<DB>): StatusSubscriptionsRepository {
  return {
    async countSubscribeRequest(emailKey, since) {
      await db.deleteFrom('status_subscribe_requests').where('email_key', '=', emailKey).where('at', '<', since).execute();
      await db.insertInto('status_subscribe_requests').values({ email_key: emailKey }).execute();
      const { n } = await db
        .selectFrom('status_subscribe_requests')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('email_key', '=', emailKey)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return n;
    },
    async emailSubscriber(emailKey) {
      const row = await db.selectFrom('status_subscribers').selectAll().where('kind', '=', 'email').where('email_key', '=', emailKey).executeTakeFirst();
      return row ? { ...toSubscriber(row), emailKey: row.email_key } : null;
    },
    async byId(id) {
      const row = await db.selectFrom('status_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSubscriber(row) : null;
    },
    async insert(s) {
      const row = await db
        .insertInto('status_subscribers')
        .values({
          kind: s.kind,
          email: s.email,
          email_key: s.emailKey,
          url: s.url,
          secret: s.secret,
          component_slugs: textArray(s.componentSlugs),
          state: 'pending',
          created_ip: s.createdIp,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async reopen(id, componentSlugs) {
      await db
        .updateTable('status_subscribers')
        .set({ state: 'pending', component_slugs: textArray(componentSlugs), confirmed_at: null, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },
    async setConfirmToken(id, tokenHash, expiresAt) {
      await db
        .updateTable('status_subscribers')
        .set({ confirm_token_hash: tokenHash, confirm_expires_at: expiresAt, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },
    async byConfirmToken(tokenHash) {
      const row = await db.selectFrom('status_subscribers').selectAll().where('confirm_token_hash', '=', tokenHash).executeTakeFirst();
      return row ? { ...toSubscriber(row), confirmExpiresAt: row.confirm_expires_at } : null;
    },
    async confirm(id, at) {
      const result = await db
        .updateTable('status_subscribers')
        .set({ state: 'confirmed', confirmed_at: at, confirm_expires_at: null, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setState(id, from, to, reason) {
      const result = await db
        .updateTable('status_subscribers')
        .set({
          state: to,
          disabled_reason: reason,
          updated_at: sql`now()`,
          ...(to === 'confirmed' ? { consecutive_failures: 0 } : {}),
          ...(to === 'unsubscribed' ? { confirm_token_hash: null, confirm_expires_at: null } : {}),
        })
        .where('id', '=', id)
        .where('state', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async recipients(kind, componentSlugs) {
      let query = db
        .selectFrom('status_subscribers')
        .select(['id', 'email', 'email_key', 'url', 'secret'])
        .where('kind', '=', kind)
        .where('state', '=', 'confirmed');
      // An update naming components reaches their subscribers and everyone subscribed to the whole page;
      // a page-wide update (no components) reaches everyone.
      if (componentSlugs.length) query = query.where(sql<boolean>`(cardinality(component_slugs) = 0 or component_slugs && ${textArray(componentSlugs)})`);
      const rows = await query.orderBy('created_at').execute();
      return rows.map((r) => ({ id: r.id, email: r.email, emailKey: r.email_key, url: r.url, secret: r.secret }));
    },
    async webhookForDelivery(id) {
      const r = await db
        .selectFrom('status_subscribers')
        .select(['id', 'email', 'email_key', 'url', 'secret', 'state'])
        .where('id', '=', id)
        .where('kind', '=', 'webhook')
        .executeTakeFirst();
      return r ? { id: r.id, email: r.email, emailKey: r.email_key, url: r.url, secret: r.secret, state: r.state as SubscriberState } : null;
    },
    async recordFailure(id, error) {
      const row = await db
        .updateTable('status_subscribers')
        .set({ consecutive_failures: sql`consecutive_failures + 1`, last_failure: error, updated_at: sql`now()` })
        .where('id', '=', id)
        .returning('consecutive_failures')
        .executeTakeFirst();
      return row?.consecutive_failures ?? 0;
    },
    async recordSuccess(id) {
      await db.updateTable('status_subscribers').set({ consecutive_failures: 0, updated_at: sql`now()` }).where('id', '=', id).execute();
    },
    async list(kind, limit) {
      const rows = await db.selectFrom('status_subscribers').selectAll().where('kind', '=', kind).orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map(toSubscriber);
    },
    async counts() {
      const rows = await db
        .selectFrom('status_subscribers')
        .select(['kind', 'state', sql<number>`count(*)::int`.as('count')])
        .groupBy(['kind', 'state'])
        .orderBy('kind')
        .orderBy('state')
        .execute();
      return rows.map((r) => ({ kind: r.kind as SubscriberKind, state: r.state as SubscriberState, count: r.count }));
    },
    async delete(id) {
      const result = await db.deleteFrom('status_subscribers').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async notificationHandled(updateId) {
      return (await db.selectFrom('status_notifications').select('update_id').where('update_id', '=', updateId).executeTakeFirst()) !== undefined;
    },
    async markNotificationHandled(updateId, sendId, recipients, webhooks) {
      const rows = await db
        .insertInto('status_notifications')
        .values({ update_id: updateId, send_id: sendId, recipients, webhooks })
        .onConflict((oc) => oc.column('update_id').doNothing())
        .returning('update_id')
        .execute();
      return rows.length > 0;
    },
  };
}
