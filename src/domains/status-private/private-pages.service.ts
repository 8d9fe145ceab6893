// Managing private status pages: whoever may publish to the status page creates them, sets their
// protections and publishes their own incidents. What visitors do is in private-visitors.service.ts.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { STATUS_UPDATE_BODY_MAX } from '../limits.ts';
import type { Transactor } from '../ports.ts';
import { checkPasswordPolicy, hashPassword } from '../accounts/secrets.ts';
import { COMPONENT_STATES, INCIDENT_UPDATE_STATUSES, type StatusPageModel } from '../statuspage/statuspage.types.ts';
import { normaliseDomains, normaliseRanges } from './access-rules.ts';
import type { PrivatePageRow, PrivatePagesRepository, PrivatePagesStore } from './private-pages.ports.ts';
import type { PrivateIncident, PrivatePage, PrivatePageInput, PrivateUpdateInput } from './private-pages.types.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface PrivatePagesDeps {
  store: Transactor<PrivatePagesStore>;
  clock: Clock;
  /** The public page's model: its components and the public incidents a private page may also show. */
  publicModel(): Promise<StatusPageModel>;
}

export const hidePassword = ({ passwordHash: _hidden, ...page }: PrivatePageRow): PrivatePage => page;

export async function pageBySlug(repo: PrivatePagesRepository, slug: string): Promise<PrivatePageRow> {
  const page = SLUG.test(slug) ? await repo.bySlug(slug) : null;
  if (!page) throw new NotFoundError('status page');
  return page;
}

export class PrivatePagesService {
  readonly #deps: PrivatePagesDeps;

  constructor(deps: PrivatePagesDeps) {
    this.#deps = deps;
  }

  get #store() {
    return this.#deps.store;
  }

  async list(ctx: ActionContext): Promise<PrivatePage[]> {
    authorize(ctx.actor, 'status.publish');
    return this.#store.read.privatePages.list();
  }

  async get(ctx: ActionContext, slug: string): Promise<PrivatePage & { incidents: PrivateIncident[] }> {
    authorize(ctx.actor, 'status.publish');
    const page = await this.#page(slug);
    const incidents = await this.#store.read.privatePages.incidents(page.id, new Date(0));
    return { ...hidePassword(page), incidents };
  }

  async create(ctx: ActionContext, input: PrivatePageInput): Promise<PrivatePage> {
    authorize(ctx.actor, 'status.publish');
    const slug = input.slug.trim();
    if (!SLUG.test(slug)) throw new ValidationError('slug: 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit');
    const fields = await this.#fields(input, null);
    const now = this.#deps.clock.now();
    return this.#store.transaction(async (s) => {
      if (await s.privatePages.bySlug(slug)) throw new ConflictError(`a private page ${slug} exists`);
      const id = await s.privatePages.insert({ slug, ...fields, passwordHash: fields.passwordHash ?? null }, now);
      await s.audit.append(ctx, {
        action: 'status_private_page.created',
        entityType: 'status_private_page',
        entityId: id,
        after: this.#auditView(slug, fields),
      });
      return hidePassword((await s.privatePages.bySlug(slug))!);
    });
  }

  async update(ctx: ActionContext, slug: string, input: PrivatePageInput): Promise<PrivatePage> {
    authorize(ctx.actor, 'status.publish');
    const page = await this.#page(slug);
    const fields = await this.#fields(input, page);
    return this.#store.transaction(async (s) => {
      await s.privatePages.update(page.id, fields, this.#deps.clock.now());
      await s.audit.append(ctx, {
        action: 'status_private_page.updated',
        entityType: 'status_private_page',
        entityId: page.id,
        before: this.#auditView(slug, { ...page, passwordHash: page.passwordHash }),
        after: this.#auditView(slug, { ...fields, passwordHash: fields.passwordHash === undefined ? page.passwordHash : fields.passwordHash }),
      });
      return hidePassword((await s.privatePages.bySlug(slug))!);
    });
  }

  async remove(ctx: ActionContext, slug: string): Promise<void> {
    authorize(ctx.actor, 'status.publish');
    const page = await this.#page(slug);
    await this.#store.transaction(async (s) => {
      await s.privatePages.remove(page.id);
      await s.audit.append(ctx, { action: 'status_private_page.deleted', entityType: 'status_private_page', entityId: page.id, before: { slug } });
    });
  }

  /** Publishes an update on a private page: a new incident (incidentId null) or a further update. */
  async publishUpdate(ctx: ActionContext, slug: string, incidentId: string | null, input: PrivateUpdateInput): Promise<PrivateIncident> {
    authorize(ctx.actor, 'status.publish');
    const page = await this.#page(slug);
    if (!INCIDENT_UPDATE_STATUSES.includes(input.status)) throw new ValidationError(`status is one of ${INCIDENT_UPDATE_STATUSES.join(', ')}`);
    if (input.componentState !== undefined && !COMPONENT_STATES.includes(input.componentState))
      throw new ValidationError(`componentState is one of ${COMPONENT_STATES.join(', ')}`);
    const body = input.body.trim();
    if (!body || body.length > STATUS_UPDATE_BODY_MAX) throw new ValidationError(`the update needs a body of 1 to ${STATUS_UPDATE_BODY_MAX} characters`);
    const now = this.#deps.clock.now();
    return this.#store.transaction(async (s) => {
      let id = incidentId;
      if (id === null) {
        const title = (input.title ?? '').trim();
        if (!title || title.length > 200) throw new ValidationError('a new incident needs a title of 1 to 200 characters');
        const slugs = [...new Set(input.componentSlugs ?? [])];
        const unknown = slugs.filter((c) => !page.componentSlugs.includes(c) && page.componentSlugs.length > 0);
        if (unknown.length) throw new ValidationError(`components not on this page: ${unknown.join(', ')}`);
        id = await s.privatePages.insertIncident(
          page.id,
          { title, status: input.status, componentSlugs: slugs, componentState: input.status === 'resolved' ? null : (input.componentState ?? null) },
          now,
        );
      } else {
        const incident = await s.privatePages.incident(page.id, id);
        if (!incident) throw new NotFoundError('private incident');
        if (incident.resolvedAt && input.status !== 'resolved') throw new ConflictError('the incident is resolved');
        const state = input.status === 'resolved' ? null : (input.componentState ?? incident.componentState);
        await s.privatePages.updateIncident(
          id,
          { status: input.status, componentState: state, resolvedAt: input.status === 'resolved' ? (incident.resolvedAt ?? now) : null },
          now,
        );
      }
      const updateId = await s.privatePages.insertUpdate(id, { status: input.status, body, publishedBy: ctx.actor.label }, now);
      await s.audit.append(ctx, {
        action: 'status_private_page.update_published',
        entityType: 'status_private_page',
        entityId: page.id,
        after: { incidentId: id, updateId, status: input.status },
      });
      return (await s.privatePages.incident(page.id, id))!;
    });
  }

  #page(slug: string): Promise<PrivatePageRow> {
    return pageBySlug(this.#store.read.privatePages, slug);
  }

  async #fields(input: PrivatePageInput, existing: PrivatePageRow | null) {
    const name = input.name.trim();
    if (!name || name.length > 200) throw new ValidationError('a private page needs a name of 1 to 200 characters');
    const componentSlugs = [...new Set(input.componentSlugs ?? [])];
    const known = new Set((await this.#deps.publicModel()).components.map((c) => c.slug));
    const unknown = componentSlugs.filter((c) => !known.has(c));
    if (unknown.length) throw new ValidationError(`unknown components: ${unknown.join(', ')}`);
    const emailDomains = normaliseDomains(input.emailDomains ?? []);
    const ipRanges = normaliseRanges(input.ipRanges ?? []);
    let passwordHash: string | null | undefined;
    if (typeof input.password === 'string') {
      checkPasswordPolicy(input.password);
      passwordHash = await hashPassword(input.password);
    } else if (input.password === null) passwordHash = null;
    const hasPassword = passwordHash === undefined ? existing?.passwordHash != null : passwordHash !== null;
    if (!hasPassword && emailDomains.length === 0 && ipRanges.length === 0)
      throw new ValidationError('a private page needs at least one protection: a password, e-mail domains or IP ranges');
    return { name, componentSlugs, passwordHash, emailDomains, ipRanges };
  }

  #auditView(
    slug: string,
    f: { name: string; componentSlugs: string[]; passwordHash?: string | null | undefined; emailDomains: string[]; ipRanges: string[] },
  ) {
    return {
      slug,
      name: f.name,
      componentSlugs: f.componentSlugs,
      password: f.passwordHash ? 'set' : 'none',
      emailDomains: f.emailDomains,
      ipRanges: f.ipRanges,
    };
  }
}
