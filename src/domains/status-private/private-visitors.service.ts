// What visitors of a private status page do: see it from an allowed IP range, with the page's
// password, or through a one-time sign-in link mailed to an allowed domain. A visitor's session is a
// random token in a cookie scoped to the page; only its hash is stored, as for the mailed link.
import { SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { AuthenticationError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { randomToken, sha256, verifyPassword } from '../accounts/secrets.ts';
import { checkAddress } from '../fanout/addresses.ts';
import type { MailIdentity } from '../mail/mail-identity.ts';
import { headerSafe, sendRecorded, type CurrentSender } from '../mail/replies.service.ts';
import type { StatusPageModel } from '../statuspage/statuspage.types.ts';
import { emailAllowed, ipAllowed } from './access-rules.ts';
import { privateModel } from './private-model.ts';
import { hidePassword, pageBySlug } from './private-pages.service.ts';
import type { PrivatePageRow, PrivatePagesStore } from './private-pages.ports.ts';
import {
  PRIVATE_LINK_MAIL_QUEUE,
  type PrivateAccess,
  type PrivateIncident,
  type PrivateLinkMailJob,
  type PrivatePage,
  type PrivateVisitor,
} from './private-pages.types.ts';

const LINK_MINUTES = 30;
const LINKS_PER_HOUR = 5;
const RECENT_MS = 14 * 86_400_000;

export interface PrivateVisitorsDeps {
  store: Transactor<PrivatePagesStore>;
  clock: Clock;
  publicModel(): Promise<StatusPageModel>;
  sender: CurrentSender;
  /** From, Message-ID and the absolute link in the mail. */
  identity: MailIdentity;
  sessionHours: number;
}

export class PrivateVisitorsService {
  readonly #deps: PrivateVisitorsDeps;

  constructor(deps: PrivateVisitorsDeps) {
    this.#deps = deps;
  }

  get #store() {
    return this.#deps.store;
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
    const [publicModel, incidents] = await Promise.all([
      this.#deps.publicModel(),
      this.#store.read.privatePages.incidents(page.id, new Date(now.getTime() - RECENT_MS)),
    ]);
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
      await this.#store.read.audit.append(ctx, {
        action: 'status_private_page.sign_in_failed',
        entityType: 'status_private_page',
        entityId: page.id,
        after: { via: 'password' },
      });
      throw new AuthenticationError('wrong password');
    }
    return this.#startSession(ctx, page.id, 'password', null);
  }

  /** Mails a sign-in link when the address is at an allowed domain; the answer is the same either way. */
  async requestLink(slug: string, rawEmail: string, ip: string): Promise<void> {
    const page = await this.#page(slug);
    const checked = checkAddress(rawEmail);
    if (!checked.ok) throw new ValidationError(`email: ${checked.reason}`);
    if (!emailAllowed(page.emailDomains, checked.domain) || !this.#deps.sender()) return;
    const now = this.#deps.clock.now();
    // However many addresses ask, one mailbox gets at most a few links an hour; the answer stays the same.
    if ((await this.#store.read.privatePages.linksSince(page.id, checked.email, new Date(now.getTime() - 3_600_000))) >= LINKS_PER_HOUR) return;
    await this.#store.transaction(async (s) => {
      const linkId = await s.privatePages.insertLink(page.id, checked.email, new Date(now.getTime() + LINK_MINUTES * 60_000), now);
      await s.jobs.send(PRIVATE_LINK_MAIL_QUEUE, { statusPrivateLink: { linkId } } satisfies PrivateLinkMailJob);
      await s.audit.append(
        { actor: { ...SYSTEM_ACTOR, label: `visitor ${ip}` }, ip },
        { action: 'status_private_page.link_requested', entityType: 'status_private_page', entityId: page.id, after: { email: checked.email } },
      );
    });
  }

  /** The outbox job: makes the link's token now (it is never stored in clear) and mails it. */
  async deliverLink(job: PrivateLinkMailJob['statusPrivateLink'], lastAttempt: boolean): Promise<void> {
    const sender = this.#deps.sender();
    if (!sender) throw new Error('outgoing mail is not configured');
    const token = randomToken();
    const link = await this.#store.read.privatePages.armLink(job.linkId, sha256(token));
    if (!link || link.expiresAt <= this.#deps.clock.now()) return;
    const { identity } = this.#deps;
    const url = identity.links.link(`/status/p/${link.pageSlug}/sign-in/${token}`);
    const text = `Open this link to see the status page (it works once, for ${LINK_MINUTES} minutes):\n\n${url}\n\nIf you did not ask for it, ignore this mail.\n`;
    const mail = {
      from: identity.from,
      replyTo: identity.address,
      to: link.email,
      subject: headerSafe('Your sign-in link to the status page'),
      messageId: identity.newMessageId(),
      inReplyTo: null,
      references: [],
      text,
      automatic: true,
    };
    await sendRecorded(sender, mail, lastAttempt, async () => {});
  }

  /** Uses a mailed link once; returns a session token for the cookie. */
  async signInWithLink(slug: string, token: string, ip: string): Promise<string> {
    const page = await this.#page(slug);
    // biome-ignore lint/correctness/useHookAtTopLevel: useLink is a repository method (it spends a sign-in link), not a React hook.
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

  #page(slug: string): Promise<PrivatePageRow> {
    return pageBySlug(this.#store.read.privatePages, slug);
  }
}
