// Private status pages: managed by whoever may publish to the status page; seen by visitors from an
// allowed IP range, with the page's password, or through a sign-in link mailed to an allowed domain.
// A visitor's session is a random token in a cookie scoped to the page; only its hash is stored.
import { randomUUID } from 'node:crypto';
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { AuthenticationError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { checkPasswordPolicy, hashPassword, randomToken, sha256, verifyPassword } from '../accounts/secrets.ts';
import { checkAddress } from '../fanout/addresses.ts';
import { headerSafe, SEND_QUEUE, sendRecorded, type MailSender } from '../mail/replies.service.ts';
import { COMPONENT_STATES, INCIDENT_UPDATE_STATUSES, type StatusPageModel } from '../statuspage/statuspage.types.ts';
import { emailAllowed, ipAllowed, normaliseDomains, normaliseRanges } from './access-rules.ts';
import { privateModel } from './private-model.ts';
import type { PrivatePageRow, PrivatePagesStore } from './private-pages.ports.ts';
import type { PrivateAccess, PrivateIncident, PrivateLinkMailJob, PrivatePage, PrivatePageInput, PrivateUpdateInput, PrivateVisitor } from './private-pages.types.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LINK_MINUTES = 30;
const LINKS_PER_HOUR = 5;
const RECENT_MS = 14 * 86_400_000;
const MAX_BODY = 20_000;

export interface PrivatePagesDeps {
  store: Transactor<PrivatePagesStore>;
  clock: Clock;
  /** The public page's model: its components and the public incidents a private page may also show. */
  publicModel(): Promise<StatusPageModel>;
  sender: MailSender | null;
  inboxAddress: string;
  /** Absolute base URL of this server (links in mail). */
  baseUrl: string;
  sessionHours: number;
}

const hidePassword = ({ passwordHash: _hidden, ...page }: PrivatePageRow): PrivatePage => page;

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
      await s.audit.append(ctx, { action: 'status_private_page.created', entityType: 'status_private_page', entityId: id, after: this.#auditView(slug, fields) });
      return hidePassword((await s.privatePages.bySlug(slug))!);
    });
  }

  async update(ctx: ActionContext, slug: string, input: PrivatePageInput): Promise<PrivatePage> {
    authorize(ctx.actor, 'status.publish');
    const page = await this.#page(slug);
    const fields = await this.#fields(input, page);
    return this.#store.transaction(async (s) => {
      await s.privatePages.update(page.id, fields, this.#deps.clock.now());
      await s.audit.append(ctx, { action: 'status_private_page.updated', entityType: 'status_private_page', entityId: page.id, before: this.#auditView(slug, { ...page, passwordHash: page.passwordHash }), after: this.#auditView(slug, { ...fields, passwordHash: fields.passwordHash === undefined ? page.passwordHash : fields.passwordHash }) });
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
    if (input.componentState !== undefined && !COMPONENT_STATES.includes(input.componentState)) throw new ValidationError(`componentState is one of ${COMPONENT_STATES.join(', ')}`);
    const body = input.body.trim();
    if (!body || body.length > MAX_BODY) throw new ValidationError(`the update needs a body of 1 to ${MAX_BODY} characters`);
    const now = this.#deps.clock.now();
    return this.#store.transaction(async (s) => {
      let id = incidentId;
      if (id === null) {
        const title = (input.title ?? '').trim();
        if (!title || title.length > 200) throw new ValidationError('a new incident needs a title of 1 to 200 characters');
        const slugs = [...new Set(input.componentSlugs ?? [])];
        const unknown = slugs.filter((c) => !page.componentSlugs.includes(c) && page.componentSlugs.length > 0);
        if (unknown.length) throw new ValidationError(`components not on this page: ${unknown.join(', ')}`);
        id = await s.privatePages.insertIncident(page.id, { title, status: input.status, componentSlugs: slugs, componentState: input.status === 'resolved' ? null : input.componentState ?? null }, now);
      } else {
        const incident = await s.privatePages.incident(page.id, id);
        if (!incident) throw new NotFoundError('private incident');
        if (incident.resolvedAt && input.status !== 'resolved') throw new ConflictError('the incident is resolved');
        const state = input.status === 'resolved' ? null : input.componentState ?? incident.componentState;
        await s.privatePages.updateIncident(id, { status: input.status, componentState: state, resolvedAt: input.status === 'resolved' ? incident.resolvedAt ?? now : null }, now);
      }
      const updateId = await s.privatePages.insertUpdate(id, { status: input.status, body, publishedBy: ctx.actor.label }, now);
      await s.audit.append(ctx, { action: 'status_private_page.update_published', entityType: 'status_private_page', entityId: page.id, after: { incidentId: id, updateId, status: input.status } });
      return (await s.privatePages.incident(page.id, id))!;
    });
  }

  /** Whether this visitor may see the page (and how), and which sign-in methods it offers otherwise. */
  async access(slug: string, visitor: PrivateVisitor): Promise<{ page: PrivatePage; access: PrivateAccess }> {
    const page = await this.#page(slug);
    return { page: hidePassword(page), access: await this.#accessOf(page, visitor) };
  }

  /** The page's model for a visitor who has access (an AuthenticationError otherwise). */
  async view(slug: string, visitor: PrivateVisitor): Promise<{ page: PrivatePage; model: StatusPageModel; incidents: PrivateIncident[] }> {
    const page = await this.#page(slug);
    if (!(await this.#accessOf(page, visitor)).granted) throw new AuthenticationError('sign in to this status page');
    const now = this.#deps.clock.now();
    const [publicModel, incidents] = await Promise.all([this.#deps.publicModel(), this.#store.read.privatePages.incidents(page.id, new Date(now.getTime() - RECENT_MS))]);
    return { page: hidePassword(page), model: privateModel(page, publicModel, incidents, now), incidents };
  }

  /** One of the page's own incidents, for a visitor with access (null when there is none). */
  async viewIncident(slug: string, visitor: PrivateVisitor, id: string): Promise<PrivateIncident | null> {
    const page = await this.#page(slug);
    if (!(await this.#accessOf(page, visitor)).granted) throw new AuthenticationError('sign in to this status page');
    return /^[0-9a-f-]{36}$/.test(id) ? this.#store.read.privatePages.incident(page.id, id) : null;
  }

  /** Checks the page's password; returns a new session token for the cookie. */
  async signInWithPassword(slug: string, password: string, ip: string): Promise<string> {
    const page = await this.#page(slug);
    const ok = await verifyPassword(page.passwordHash, password);
    const ctx: ActionContext = { actor: { ...SYSTEM_ACTOR, label: `visitor ${ip}` }, ip };
    if (!ok) {
      await this.#store.read.audit.append(ctx, { action: 'status_private_page.sign_in_failed', entityType: 'status_private_page', entityId: page.id, after: { via: 'password' } });
      throw new AuthenticationError('wrong password');
    }
    return this.#startSession(ctx, page.id, 'password', null);
  }

  /** Mails a sign-in link when the address is at an allowed domain; the answer is the same either way. */
  async requestLink(slug: string, rawEmail: string, ip: string): Promise<void> {
    const page = await this.#page(slug);
    const checked = checkAddress(rawEmail);
    if (!checked.ok) throw new ValidationError(`email: ${checked.reason}`);
    if (!emailAllowed(page.emailDomains, checked.domain) || !this.#deps.sender) return;
    const now = this.#deps.clock.now();
    // However many addresses ask, one mailbox gets at most a few links an hour; the answer stays the same.
    if (await this.#store.read.privatePages.linksSince(page.id, checked.email, new Date(now.getTime() - 3_600_000)) >= LINKS_PER_HOUR) return;
    await this.#store.transaction(async (s) => {
      const linkId = await s.privatePages.insertLink(page.id, checked.email, new Date(now.getTime() + LINK_MINUTES * 60_000), now);
      await s.jobs.send(SEND_QUEUE, { statusPrivateLink: { linkId } } satisfies PrivateLinkMailJob);
      await s.audit.append({ actor: { ...SYSTEM_ACTOR, label: `visitor ${ip}` }, ip }, { action: 'status_private_page.link_requested', entityType: 'status_private_page', entityId: page.id, after: { email: checked.email } });
    });
  }

  /** The outbox job: makes the link's token now (it is never stored in clear) and mails it. */
  async deliverLink(job: PrivateLinkMailJob['statusPrivateLink'], lastAttempt: boolean): Promise<void> {
    if (!this.#deps.sender) throw new Error('outgoing mail is not configured');
    const token = randomToken();
    const link = await this.#store.read.privatePages.armLink(job.linkId, sha256(token));
    if (!link || link.expiresAt <= this.#deps.clock.now()) return;
    const inbox = this.#deps.inboxAddress;
    const url = `${this.#deps.baseUrl}/status/p/${link.pageSlug}/sign-in/${token}`;
    const text = `Open this link to see the status page (it works once, for ${LINK_MINUTES} minutes):\n\n${url}\n\nIf you did not ask for it, ignore this mail.\n`;
    const mail = { from: inbox, replyTo: inbox, to: link.email, subject: headerSafe('Your sign-in link to the status page'), messageId: `${randomUUID()}@${inbox.split('@')[1]}`, inReplyTo: null, references: [], text, automatic: true };
    await sendRecorded(this.#deps.sender, mail, lastAttempt, async () => {});
  }

  /** Uses a mailed link once; returns a session token for the cookie. */
  async signInWithLink(slug: string, token: string, ip: string): Promise<string> {
    const page = await this.#page(slug);
    const used = await this.#store.read.privatePages.useLink(sha256(token), this.#deps.clock.now());
    if (!used || used.pageId !== page.id) throw new AuthenticationError('this sign-in link is expired, used or wrong; ask for a new one');
    return this.#startSession({ actor: { ...SYSTEM_ACTOR, label: `visitor ${ip}` }, ip }, page.id, 'email', used.email);
  }

  async signOut(sessionToken: string): Promise<void> {
    await this.#store.read.privatePages.deleteSession(sha256(sessionToken));
  }

  async #startSession(ctx: ActionContext, pageId: string, via: 'password' | 'email', email: string | null): Promise<string> {
    const token = randomToken();
    const expiresAt = new Date(this.#deps.clock.now().getTime() + this.#deps.sessionHours * 3_600_000);
    await this.#store.transaction(async (s) => {
      await s.privatePages.insertSession({ tokenHash: sha256(token), pageId, via, email, expiresAt });
      await s.audit.append(ctx, { action: 'status_private_page.signed_in', entityType: 'status_private_page', entityId: pageId, after: { via, email } });
    });
    return token;
  }

  async #accessOf(page: PrivatePageRow, visitor: PrivateVisitor): Promise<PrivateAccess> {
    if (ipAllowed(page.ipRanges, visitor.ip)) return { granted: true, via: 'ip' };
    if (visitor.sessionToken) {
      const session = await this.#store.read.privatePages.sessionPage(sha256(visitor.sessionToken), this.#deps.clock.now());
      if (session?.pageId === page.id) return { granted: true, via: session.via };
    }
    return { granted: false, methods: { password: page.passwordHash !== null, email: page.emailDomains.length > 0 } };
  }

  async #page(slug: string): Promise<PrivatePageRow> {
    const page = SLUG.test(slug) ? await this.#store.read.privatePages.bySlug(slug) : null;
    if (!page) throw new NotFoundError('status page');
    return page;
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
    if (!hasPassword && emailDomains.length === 0 && ipRanges.length === 0) throw new ValidationError('a private page needs at least one protection: a password, e-mail domains or IP ranges');
    return { name, componentSlugs, passwordHash, emailDomains, ipRanges };
  }

  #auditView(slug: string, f: { name: string; componentSlugs: string[]; passwordHash?: string | null | undefined; emailDomains: string[]; ipRanges: string[] }) {
    return { slug, name: f.name, componentSlugs: f.componentSlugs, password: f.passwordHash ? 'set' : 'none', emailDomains: f.emailDomains, ipRanges: f.ipRanges };
  }
}
