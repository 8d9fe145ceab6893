// SQL for private status pages: the pages, their incidents and updates, sign-in links and sessions.
import type { Kysely, Selectable } from 'kysely';
import type { PrivatePageRow, PrivatePagesRepository } from '../../domains/status-private/private-pages.ports.ts';
import type { PrivateIncident } from '../../domains/status-private/private-pages.types.ts';
import type { ComponentState, IncidentUpdateStatus } from '../../domains/statuspage/statuspage.types.ts';
import type { DB, StatusPrivateIncidentsTable, StatusPrivatePagesTable } from './schema.ts';

const toPage = (r: Selectable<StatusPrivatePagesTable>): PrivatePageRow => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  componentSlugs: r.component_slugs,
  hasPassword: r.password_hash !== null,
  passwordHash: r.password_hash,
  emailDomains: r.email_domains,
  ipRanges: r.ip_ranges,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function statusPrivateRepository(db: Kysely<DB>): PrivatePagesRepository {
  async function withUpdates(rows: Selectable<StatusPrivateIncidentsTable>[]): Promise<PrivateIncident[]> {
    if (rows.length === 0) return [];
    const updates = await db
      .selectFrom('status_private_updates')
      .selectAll()
      .where(
        'incident_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      pageId: r.page_id,
      title: r.title,
      status: r.status as IncidentUpdateStatus,
      componentSlugs: r.component_slugs,
      componentState: r.component_state as ComponentState | null,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      resolvedAt: r.resolved_at,
      updates: updates
        .filter((u) => u.incident_id === r.id)
        .map((u) => ({ id: u.id, status: u.status as IncidentUpdateStatus, body: u.body, publishedAt: u.published_at, publishedBy: u.published_by })),
    }));
  }
  return {
    async list() {
      return (await db.selectFrom('status_private_pages').selectAll().orderBy('slug').execute()).map((r) => {
        const { passwordHash: _hidden, ...page } = toPage(r);
        return page;
      });
    },
    async bySlug(slug) {
      const row = await db.selectFrom('status_private_pages').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toPage(row) : null;
    },
    async insert(p, at) {
      const row = await db
        .insertInto('status_private_pages')
        .values({
          slug: p.slug,
          name: p.name,
          component_slugs: p.componentSlugs,
          password_hash: p.passwordHash,
          email_domains: p.emailDomains,
          ip_ranges: p.ipRanges,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(id, p, at) {
      await db
        .updateTable('status_private_pages')
        .set({
          name: p.name,
          component_slugs: p.componentSlugs,
          email_domains: p.emailDomains,
          ip_ranges: p.ipRanges,
          updated_at: at,
          ...(p.passwordHash !== undefined ? { password_hash: p.passwordHash } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    async remove(id) {
      await db.deleteFrom('status_private_pages').where('id', '=', id).execute();
    },
    async incidents(pageId, resolvedFrom) {
      const rows = await db
        .selectFrom('status_private_incidents')
        .selectAll()
        .where('page_id', '=', pageId)
        .where((eb) => eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', resolvedFrom)]))
        .orderBy('updated_at', 'desc')
        .limit(200)
        .execute();
      return withUpdates(rows);
    },
    async incident(pageId, id) {
      const rows = await db.selectFrom('status_private_incidents').selectAll().where('page_id', '=', pageId).where('id', '=', id).execute();
      return (await withUpdates(rows))[0] ?? null;
    },
    async insertIncident(pageId, i, at) {
      const row = await db
        .insertInto('status_private_incidents')
        .values({
          page_id: pageId,
          title: i.title,
          status: i.status,
          component_slugs: i.componentSlugs,
          component_state: i.componentState,
          created_at: at,
          updated_at: at,
          resolved_at: i.status === 'resolved' ? at : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async updateIncident(id, change, at) {
      await db
        .updateTable('status_private_incidents')
        .set({ status: change.status, component_state: change.componentState, resolved_at: change.resolvedAt, updated_at: at })
        .where('id', '=', id)
        .execute();
    },
    async insertUpdate(incidentId, u, at) {
      const row = await db
        .insertInto('status_private_updates')
        .values({ incident_id: incidentId, status: u.status, body: u.body, published_by: u.publishedBy, published_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async insertLink(pageId, email, expiresAt, at) {
      const row = await db
        .insertInto('status_private_links')
        .values({ page_id: pageId, email, expires_at: expiresAt, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async armLink(linkId, tokenHash) {
      const row = await db
        .updateTable('status_private_links')
        .set({ token_hash: tokenHash })
        .where('status_private_links.id', '=', linkId)
        .where('status_private_links.used_at', 'is', null)
        .from('status_private_pages')
        .whereRef('status_private_pages.id', '=', 'status_private_links.page_id')
        .returning(['status_private_pages.slug as pageSlug', 'status_private_links.email as email', 'status_private_links.expires_at as expiresAt'])
        .executeTakeFirst();
      return row ?? null;
    },
    async useLink(tokenHash, at) {
      const row = await db
        .updateTable('status_private_links')
        .set({ used_at: at })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .returning(['page_id as pageId', 'email'])
        .executeTakeFirst();
      return row ?? null;
    },
    async insertSession(s) {
      await db
        .insertInto('status_private_sessions')
        .values({ token_hash: s.tokenHash, page_id: s.pageId, via: s.via, email: s.email, expires_at: s.expiresAt })
        .execute();
    },
    async sessionPage(tokenHash, at) {
      const row = await db
        .selectFrom('status_private_sessions')
        .select(['page_id', 'via'])
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      return row ? { pageId: row.page_id, via: row.via as 'password' | 'email' } : null;
    },
    async linksSince(pageId, email, since) {
      const row = await db
        .selectFrom('status_private_links')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('page_id', '=', pageId)
        .where('email', '=', email)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('status_private_sessions').where('token_hash', '=', tokenHash).execute();
    },
  };
}
