// Sending an approved communication through its channel. Every send checks, under the
// communication's lock: the sender holds the channel's send role, exactly the current version is
// approved, the linter is clean, and customers come first (a public channel waits for the round's
// customer email unless an override is recorded). What went out is written once as the sent snapshot.
import { createHash, randomUUID } from 'node:crypto';
import { authorize, type Actor } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import { contentHash as fanoutContentHash, FANOUT_RUN_QUEUE, type FanoutJob, type SendsService } from '../fanout/sends.service.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import { headerSafe, sendRecorded, type MailSender } from '../mail/replies.service.ts';
import type { Transactor } from '../ports.ts';
import { sendRefusal } from './approval-rules.ts';
import { locate, requireDuty, securityNoticesListId, type CommunicationRef } from './comms-context.ts';
import type { CommunicationsService } from './communications.service.ts';
import type { BlogPublisher, CommunicationRow, CommunicationsStore, StatusPagePublisher } from './communications.ports.ts';
import { PublishRefused } from './communications.ports.ts';
import type { Channel, Communication, CommunicationVersion, PreparedResponse, SentSnapshot, SocialNetwork, StatusPageStatus } from './communications.types.ts';
import { waitsForCustomers } from './flow.ts';
import { SOCIAL_LIMITS, socialLength } from './linter.ts';

export interface SendOptions {
  listId?: string | undefined;
  audience?: Audience | undefined;
  network?: SocialNetwork | undefined;
  status?: StatusPageStatus | undefined;
  publishedUrl?: string | undefined;
}

export const COMMS_DELIVER_QUEUE = 'comms.deliver';
export interface CommsDeliverJob {
  communicationId: string;
  kind: 'blog_webhook' | 'press_mail';
}

const EMAIL_CHANNELS: readonly Channel[] = ['customer_email', 'security_alert'];

export function snapshotHash(content: { subject: string; body: string }): string {
  return createHash('sha256').update(JSON.stringify([content.subject, content.body])).digest('hex');
}

interface SendDeps {
  store: Transactor<CommunicationsStore>;
  clock: Clock;
  communications: CommunicationsService;
  sends: SendsService;
  inboxAddress: string;
  pressAddress: string | null;
  blog: BlogPublisher | null;
  statusPage: StatusPagePublisher | null;
  sender: MailSender | null;
}

/** What a channel's send does inside the transaction, and what it records. */
type ChannelAction = (s: CommunicationsStore, c: CommunicationRow) => Promise<SentSnapshot['details']>;

export class CommsSendingService {
  readonly #d: SendDeps;

  constructor(deps: SendDeps) {
    this.#d = deps;
  }

  /** The email channels: a fan-out send of the approved version is created and first sent to the reviewers. */
  async testSend(ctx: ActionContext, ref: CommunicationRef, input: { reviewers: string[] | null; audience: Audience | null }): Promise<Communication> {
    authorize(ctx.actor, 'comms.publish');
    const read = this.#d.store.read;
    const { communication: c, incident } = await locate(read, ctx.actor, ref);
    if (!EMAIL_CHANNELS.includes(c.channel)) throw new ValidationError('only the email channels (customer email, security alert) have a test send');
    const version = await this.#checkSendable(read, ctx.actor, c, incident, { customersFirst: false });
    const target = await this.#emailTarget(read, c, input.audience);
    const reviewers = input.reviewers ?? (await this.#defaultReviewers(read, c, version));
    const send = await this.#d.sends.create(ctx, { listId: target.listId, audience: target.audience, from: this.#d.inboxAddress, subject: version.subject, body: version.body, listMail: target.listMail });
    const test = await this.#d.sends.testSend(ctx, send.id, reviewers);
    await this.#d.store.transaction(async (s) => {
      const { communication: now } = await locate(s, ctx.actor, ref, true);
      if (now.currentVersion !== c.currentVersion || now.sentAt) throw new ConflictError('the communication changed meanwhile; test again');
      await s.communications.setSends(c.id, { sendId: send.id, testSendId: test.id });
      await s.audit.append(ctx, { action: 'communication.test_sent', entityType: 'communication', entityId: c.id, after: { version: c.currentVersion, sendId: send.id, testSendId: test.id, reviewers: reviewers.length } });
    });
    return this.#d.communications.get(ctx, ref);
  }

  async send(ctx: ActionContext, ref: CommunicationRef, options: SendOptions): Promise<Communication> {
    authorize(ctx.actor, 'comms.publish');
    const read = this.#d.store.read;
    const { communication: c, incident } = await locate(read, ctx.actor, ref);
    if (!incident) throw new ValidationError('a holding statement is sent by publishing it onto an incident');
    const version = await this.#checkSendable(read, ctx.actor, c, incident, { customersFirst: true });
    const action = await this.#channelAction(read, ctx, c, incident, version, options);
    await this.#d.store.transaction(async (s) => {
      const { communication: now } = await locate(s, ctx.actor, ref, true);
      if (now.sentAt) throw new ConflictError('the communication was sent already');
      if (now.currentVersion !== c.currentVersion || now.approval?.version !== c.approval?.version) throw new ConflictError('the communication changed meanwhile; review it again');
      const details = await action(s, now);
      const at = this.#d.clock.now();
      const snapshot: SentSnapshot = {
        version: version.version, subject: version.subject, body: version.body, contentHash: snapshotHash(version), approvedVersion: now.approval!.version,
        approver: now.approval!.approver, approverId: now.approval!.approverId, sender: ctx.actor.label, senderId: ctx.actor.userId, sentAt: at, details,
      };
      if (!(await s.communications.recordSent(c.id, snapshot))) throw new ConflictError('the communication was sent already');
      await s.audit.append(ctx, { action: 'communication.sent', entityType: 'communication', entityId: c.id, after: { channel: c.channel, round: c.round, version: version.version, contentHash: snapshot.contentHash, approver: snapshot.approver, details } });
      await s.incidents.addEvent(incident.id, { at, kind: 'comms', summary: `Communication sent: ${c.channel} (round ${c.round})`, actorLabel: ctx.actor.label });
      await this.#allClearCheck(s, ctx, incident.id, at);
    });
    return this.#d.communications.get(ctx, ref);
  }

  /** Publishes an approved holding statement onto an incident: its communication, approved as the statement was, then sent (email: test-sent first). */
  async publishHolding(ctx: ActionContext, holdingId: string, incidentId: string, options: SendOptions): Promise<Communication> {
    authorize(ctx.actor, 'comms.publish');
    const read = this.#d.store.read;
    const { communication: holding } = await locate(read, ctx.actor, { incidentId: null, id: holdingId });
    const versions = await read.communications.versions(holding.id);
    const refusal = sendRefusal({ currentVersion: holding.currentVersion, approval: holding.approval, versions });
    if (refusal) throw new ConflictError(`the holding statement cannot be published: ${refusal}`);
    if (holding.channel === 'status_page' && !this.#d.statusPage) throw new ValidationError('the status page is not configured');
    const version = versions.find((v) => v.version === holding.currentVersion)!;
    const id = await this.#d.store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      await requireDuty(s, ctx.actor, holding.channel, 'send');
      const at = this.#d.clock.now();
      let round = (await s.communications.rounds(incident.id)).at(-1);
      if (!round) {
        round = { number: 1, final: false, startedAt: at, startedBy: ctx.actor.label };
        await s.communications.addRound(incident.id, round);
      }
      const existing = await s.communications.forIncident(incident.id);
      if (existing.some((x) => x.round === round.number && x.channel === holding.channel)) throw new ConflictError(`round ${round.number} has a ${holding.channel} already`);
      const overrides = await s.communications.overrides(incident.id);
      if (waitsForCustomers({ communications: existing, overrides }, round.number, holding.channel)) throw new ConflictError(customersFirstMessage(holding.channel));
      const commId = await s.communications.create({ incidentId: incident.id, round: round.number, channel: holding.channel, title: null, holdingStatementId: holding.id, createdBy: ctx.actor.label, createdAt: at });
      await s.communications.addVersion(commId, { version: 1, subject: version.subject, body: version.body, authorId: version.authorId, author: version.author, createdAt: at });
      await s.communications.setApproval(commId, { ...holding.approval!, version: 1 });
      await s.audit.append(ctx, { action: 'holding_statement.published', entityType: 'communication', entityId: commId, after: { holdingStatementId: holding.id, holdingVersion: version.version, incidentId: incident.id, round: round.number, channel: holding.channel } });
      return commId;
    });
    const ref = { incidentId, id };
    return EMAIL_CHANNELS.includes(holding.channel) ? this.testSend(ctx, ref, { reviewers: null, audience: options.audience ?? null }) : this.send(ctx, ref, options);
  }

  async preparedResponses(ctx: ActionContext): Promise<PreparedResponse[]> {
    authorize(ctx.actor, 'comms.read');
    return this.#d.store.read.communications.preparedResponses();
  }

  /** The durable job behind the blog webhook and the press mail; retried with backoff by the queue. */
  async deliver(job: CommsDeliverJob, lastAttempt: boolean): Promise<void> {
    const read = this.#d.store.read;
    const c = await read.communications.byId(job.communicationId);
    const sent = c ? await read.communications.sent(c.id) : null;
    if (!c || !sent || !c.incidentId || c.publishState === 'published') return;
    if (job.kind === 'press_mail') return this.#mailPress(c, sent, lastAttempt);
    if (!this.#d.blog) throw new PublishRefused('the blog webhook is not configured');
    try {
      const { url } = await this.#d.blog.publish({ communicationId: c.id, incidentId: c.incidentId, title: sent.subject, markdown: sent.body, contentHash: sent.contentHash, approvedBy: sent.approver, sentAt: sent.sentAt.toISOString() });
      await this.#settle(c, 'published', url, null, `Blog post published${url ? `: ${url}` : ''}`);
    } catch (err) {
      const permanent = err instanceof PublishRefused;
      if (permanent || lastAttempt) await this.#settle(c, 'failed', undefined, (err as Error).message.slice(0, 500), `Blog post publish failed: ${(err as Error).message.slice(0, 200)}`);
      if (!permanent) throw err;
    }
  }

  async #mailPress(c: CommunicationRow, sent: SentSnapshot, lastAttempt: boolean): Promise<void> {
    const to = this.#d.pressAddress;
    if (!this.#d.sender || !to) throw new PublishRefused('outgoing mail or the press address is not configured');
    const inbox = this.#d.inboxAddress;
    const mail = { from: inbox, replyTo: inbox, to, subject: headerSafe(sent.subject), messageId: `${randomUUID()}@${inbox.split('@')[1]}`, inReplyTo: null, references: [], text: sent.body };
    await sendRecorded(this.#d.sender, mail, lastAttempt, (status, error) => this.#settle(c, status === 'sent' ? 'published' : 'failed', undefined, error, status === 'sent' ? `Press statement mailed to ${to}` : `Press statement mail failed: ${error ?? ''}`));
  }

  async #settle(c: CommunicationRow, state: 'published' | 'failed', url: string | null | undefined, error: string | null, summary: string): Promise<void> {
    await this.#d.store.transaction(async (s) => {
      await s.communications.setPublish(c.id, { state, ...(url !== undefined ? { url } : {}), error });
      const system = { actor: { kind: 'system' as const, userId: null, label: 'secdesk', roles: [] } };
      await s.audit.append(system, { action: `communication.${c.channel}_${state}`, entityType: 'communication', entityId: c.id, after: { url: url ?? null, error } });
      await s.incidents.addEvent(c.incidentId!, { at: this.#d.clock.now(), kind: 'comms', summary: summary.slice(0, 500), actorLabel: 'secdesk' });
    });
  }

  /** The checks every send repeats: role, not sent, approval of exactly the current version, customers first, clean lint. */
  async #checkSendable(store: CommunicationsStore, actor: Actor, c: CommunicationRow, incident: IncidentRecord | null, check: { customersFirst: boolean }): Promise<CommunicationVersion> {
    await requireDuty(store, actor, c.channel, 'send');
    if (c.sentAt) throw new ConflictError('the communication was sent already');
    const versions = await store.communications.versions(c.id);
    const refusal = sendRefusal({ currentVersion: c.currentVersion, approval: c.approval, versions });
    if (refusal) throw new ConflictError(refusal);
    if (check.customersFirst && incident) {
      const [communications, overrides] = await Promise.all([store.communications.forIncident(incident.id), store.communications.overrides(incident.id)]);
      if (waitsForCustomers({ communications, overrides }, c.round, c.channel)) throw new ConflictError(customersFirstMessage(c.channel));
    }
    const lint = await this.#d.communications.lintCurrent(store, c, incident);
    if (!lint.clean) throw new ValidationError(`the linter finds ${lint.findings.length} problem(s) now: ${lint.findings.map((f) => `${f.part} ${f.line}:${f.column} ${f.rule}`).join('; ')}`, lint.findings);
    return versions.find((v) => v.version === c.currentVersion)!;
  }

  async #emailTarget(store: CommunicationsStore, c: CommunicationRow, audience: Audience | null): Promise<{ listId: string; audience: Audience | null; listMail: boolean }> {
    if (c.channel === 'security_alert') {
      const listId = await securityNoticesListId(store);
      if (!listId) throw new ValidationError('no distribution list is marked as the security notices list');
      await requireRecipients(store, listId, null);
      return { listId, audience: null, listMail: true };
    }
    const lists = await store.communications.lists(c.incidentId!);
    const chosen = audience ? lists.find((l) => l.audience === audience) : (lists.find((l) => l.audience === 'customers') ?? lists[0]);
    if (!chosen) throw new ValidationError(audience ? `no distribution list is attached for ${audience}` : 'attach the distribution list of the impacted customers or users first');
    await requireRecipients(store, chosen.listId, chosen.audience);
    return { listId: chosen.listId, audience: chosen.audience, listMail: false };
  }

  async #defaultReviewers(store: CommunicationsStore, c: CommunicationRow, version: CommunicationVersion): Promise<string[]> {
    const ids = [...new Set([c.approval?.approverId, version.authorId].filter((id): id is string => Boolean(id)))];
    const users = await Promise.all(ids.map((id) => store.users.byId(id)));
    const emails = users.filter((u) => u !== null).map((u) => u.email);
    if (!emails.length) throw new ValidationError('name the reviewers the test goes to');
    return emails;
  }

  async #channelAction(store: CommunicationsStore, ctx: ActionContext, c: CommunicationRow, incident: IncidentRecord, version: CommunicationVersion, options: SendOptions): Promise<ChannelAction> {
    switch (c.channel) {
      case 'customer_email':
      case 'security_alert':
        return this.#emailAction(ctx, c, version);
      case 'blog_post':
        return this.#blogAction(options);
      case 'customer_faq':
        return async () => ({ publishedTo: 'support' });
      case 'social_post':
        return this.#socialAction(store, incident, version, options);
      case 'status_page':
        return this.#statusPageAction(ctx, incident, version, options);
      case 'press_statement':
        return this.#pressAction();
    }
  }

  #emailAction(ctx: ActionContext, c: CommunicationRow, version: CommunicationVersion): ChannelAction {
    if (!c.sendId || !c.testSendId) throw new ConflictError('send a test of the approved version to the reviewers first');
    return async (s, now) => {
      const send = await s.fanout.sendById(now.sendId!);
      if (!send || send.status !== 'draft') throw new ConflictError('the fan-out send is not waiting to start: test again');
      const expected = fanoutContentHash({ from: this.#d.inboxAddress, subject: version.subject, body: version.body, listMail: send.listMail });
      if (send.contentHash !== expected) throw new ConflictError('the tested content is not the approved version: test again');
      if (!(await s.fanout.hasCompletedTest(send.contentHash))) throw new ConflictError('the test send has not reached the reviewers yet: wait for it, then send');
      if (!(await s.fanout.setStatus(send.id, ['draft'], 'running', null, { startedAt: this.#d.clock.now() }))) throw new ConflictError('the fan-out send changed meanwhile; reload');
      await s.jobs.send(FANOUT_RUN_QUEUE, { sendId: send.id } satisfies FanoutJob);
      await s.audit.append(ctx, { action: 'send.started', entityType: 'send', entityId: send.id, before: { status: 'draft' }, after: { status: 'running', communicationId: c.id } });
      return { sendId: send.id, listId: send.listId, audience: send.audience, from: send.from, replyTo: send.from, listMail: send.listMail, fanoutContentHash: send.contentHash };
    };
  }

  #blogAction(options: SendOptions): ChannelAction {
    if (this.#d.blog) {
      return async (s, c) => {
        await s.communications.setPublish(c.id, { state: 'pending', error: null });
        await s.jobs.send(COMMS_DELIVER_QUEUE, { communicationId: c.id, kind: 'blog_webhook' } satisfies CommsDeliverJob, { singletonKey: `blog:${c.id}` });
        return { publishedVia: 'webhook' };
      };
    }
    const url = checkedUrl(options.publishedUrl);
    return async (s, c) => {
      await s.communications.setPublish(c.id, { state: 'published', url, error: null });
      return { publishedVia: 'manual', publishedUrl: url };
    };
  }

  async #socialAction(store: CommunicationsStore, incident: IncidentRecord, version: CommunicationVersion, options: SendOptions): Promise<ChannelAction> {
    const network = options.network;
    if (!network) throw new ValidationError('name the social network the post is released for');
    const advocates = (await store.communications.tasks(incident.id)).filter((t) => t.team === 'community_advocates');
    if (!advocates.some((t) => t.ownerId || t.doneAt)) throw new ConflictError('engage Community Advocates first (a task with an owner): the post is released to them');
    const length = socialLength(version.body, network);
    if (length > SOCIAL_LIMITS[network].max) throw new ValidationError(`${length} characters: ${network} allows ${SOCIAL_LIMITS[network].max}`);
    return async () => ({ network, releasedTo: 'community_advocates', length });
  }

  async #statusPageAction(ctx: ActionContext, incident: IncidentRecord, version: CommunicationVersion, options: SendOptions): Promise<ChannelAction> {
    if (!this.#d.statusPage) throw new ValidationError('the status page is not configured');
    if (!options.status) throw new ValidationError('give the status page status (investigating, identified, monitoring, resolved)');
    const { url } = await this.#d.statusPage.publish({ incidentId: incident.id, incidentTitle: incident.title, status: options.status, body: version.body, actor: ctx.actor });
    return async (s, c) => {
      await s.communications.setPublish(c.id, { state: 'published', url, error: null });
      return { status: options.status!, url };
    };
  }

  #pressAction(): ChannelAction {
    const to = this.#d.pressAddress;
    return async (s, c) => {
      if (to && this.#d.sender) {
        await s.communications.setPublish(c.id, { state: 'pending', error: null });
        await s.jobs.send(COMMS_DELIVER_QUEUE, { communicationId: c.id, kind: 'press_mail' } satisfies CommsDeliverJob, { singletonKey: `press:${c.id}` });
      }
      return { releasedTo: 'press', pressAddress: to && this.#d.sender ? to : null };
    };
  }

  /** Once the final round's communications are all sent, the plan is all clear. */
  async #allClearCheck(s: CommunicationsStore, ctx: ActionContext, incidentId: string, at: Date): Promise<void> {
    const final = (await s.communications.rounds(incidentId)).find((r) => r.final);
    if (!final) return;
    const inFinal = (await s.communications.forIncident(incidentId)).filter((c) => c.round === final.number);
    if (!inFinal.length || inFinal.some((c) => !c.sentAt)) return;
    const plan = await s.communications.plan(incidentId);
    if (plan?.allClearAt) return;
    await s.communications.markAllClear(incidentId, at);
    await s.audit.append(ctx, { action: 'comms.all_clear', entityType: 'incident', entityId: incidentId, after: { round: final.number } });
    await s.incidents.addEvent(incidentId, { at, kind: 'comms', summary: 'All clear: the final communications are sent', actorLabel: ctx.actor.label });
  }
}

async function requireRecipients(store: CommunicationsStore, listId: string, audience: Audience | null): Promise<void> {
  const counts = await store.fanout.listCounts(listId);
  const members = audience ? counts[audience] : counts.users + counts.customers;
  if (members === 0) throw new ValidationError(`the distribution list has nobody${audience ? ` in the ${audience} audience` : ''} to send to`);
}

function customersFirstMessage(channel: Channel): string {
  return `customers first: ${channel} waits until the round's customer email is sent (or someone with comms.override records why it may go first)`;
}

function checkedUrl(value: string | undefined): string {
  if (!value) throw new ValidationError('give the published URL of the blog post (no publish webhook is configured)');
  let url: URL;
  try { url = new URL(value); } catch { throw new ValidationError('the published URL is not a URL'); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('the published URL must be http(s)');
  return url.href;
}

