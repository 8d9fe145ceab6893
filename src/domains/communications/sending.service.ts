// Sending an approved communication through its channel. Every send checks, under the
// communication's lock: the sender holds the channel's send role, exactly the current version is
// approved, the linter is clean, and customers come first (a public channel waits for the round's
// customer email unless an override is recorded). What went out is written once as the sent snapshot.
import { createHash } from 'node:crypto';
import { authorize, type Actor } from '../../authz/authorize.ts';
import type { ActionContext } from '../context.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import type { SendsService } from '../fanout/sends.service.ts';
import { viewerOf, visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { Transactor } from '../ports.ts';
import { reachAllClearIfComplete } from './all-clear.ts';
import { sendRefusal } from './approval-rules.ts';
import { channelAction, COMMS_DELIVER_QUEUE, emailTarget, type ChannelDeps, type CommsDeliverJob, type SendOptions } from './channel-actions.ts';
import { EMAIL_CHANNELS, locate, requireDuty, type CommunicationRef } from './comms-context.ts';
import type { CommunicationsService } from './communications.service.ts';
import type { CommunicationRow, CommunicationsStore } from './communications.ports.ts';
import type { Channel, Communication, CommunicationVersion, PreparedResponse, SentSnapshot } from './communications.types.ts';
import { waitsForCustomers } from './flow.ts';
import { addToTimeline } from '../incidents/timeline.ts';

export type { SendOptions } from './channel-actions.ts';

export function snapshotHash(content: { subject: string; body: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([content.subject, content.body]))
    .digest('hex');
}

interface SendDeps extends ChannelDeps {
  store: Transactor<CommunicationsStore>;
  communications: CommunicationsService;
  sends: SendsService;
}

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
    const target = await emailTarget(read, c, input.audience);
    const reviewers = input.reviewers ?? (await this.#defaultReviewers(read, c, version));
    // One transaction: a refusal anywhere (a reviewer's address, a change meanwhile) leaves no send behind.
    await this.#d.store.transaction(async (s) => {
      const { communication: now } = await locate(s, ctx.actor, ref, true);
      if (now.currentVersion !== c.currentVersion || now.sentAt) throw new ConflictError('the communication changed meanwhile; test again');
      const send = await this.#d.sends.createIn(s, ctx, {
        listId: target.listId,
        audience: target.audience,
        from: this.#d.identity.address,
        subject: version.subject,
        body: version.body,
        listMail: target.listMail,
      });
      const test = await this.#d.sends.testSendIn(s, ctx, send, reviewers);
      await s.communications.setSends(c.id, { sendId: send.id, testSendId: test.id });
      await s.audit.append(ctx, {
        action: 'communication.test_sent',
        entityType: 'communication',
        entityId: c.id,
        after: { version: c.currentVersion, sendId: send.id, testSendId: test.id, reviewers: reviewers.length },
      });
    });
    return this.#d.communications.get(ctx, ref);
  }

  async send(ctx: ActionContext, ref: CommunicationRef, options: SendOptions): Promise<Communication> {
    authorize(ctx.actor, 'comms.publish');
    const read = this.#d.store.read;
    const { communication: c, incident } = await locate(read, ctx.actor, ref);
    if (!incident) throw new ValidationError('a holding statement is sent by publishing it onto an incident');
    const version = await this.#checkSendable(read, ctx.actor, c, incident, { customersFirst: true });
    const action = await channelAction(this.#d, read, ctx, c, incident, version, options);
    await this.#d.store.transaction(async (s) => {
      const { communication: now } = await locate(s, ctx.actor, ref, true);
      if (now.sentAt) throw new ConflictError('the communication was sent already');
      if (now.currentVersion !== c.currentVersion || now.approval?.version !== c.approval?.version)
        throw new ConflictError('the communication changed meanwhile; review it again');
      const details = await action(s, now);
      const at = this.#d.clock.now();
      const snapshot: SentSnapshot = {
        version: version.version,
        subject: version.subject,
        body: version.body,
        contentHash: snapshotHash(version),
        approvedVersion: now.approval!.version,
        approver: now.approval!.approver,
        approverId: now.approval!.approverId,
        sender: ctx.actor.label,
        senderId: ctx.actor.userId,
        sentAt: at,
        details,
      };
      if (!(await s.communications.recordSent(c.id, snapshot))) throw new ConflictError('the communication was sent already');
      await s.audit.append(ctx, {
        action: 'communication.sent',
        entityType: 'communication',
        entityId: c.id,
        after: { channel: c.channel, round: c.round, version: version.version, contentHash: snapshot.contentHash, approver: snapshot.approver, details },
      });
      await addToTimeline(s, incident.id, { at, kind: 'comms', summary: `Communication sent: ${c.channel} (round ${c.round})`, actorLabel: ctx.actor.label });
      await reachAllClearIfComplete(s, ctx, incident.id, at);
    });
    if (c.channel === 'status_page') this.#d.statusPage?.changed();
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
        round = { number: 1, final: false, startedAt: at, startedBy: ctx.actor.label, channels: null };
        await s.communications.addRound(incident.id, round);
      }
      const existing = await s.communications.forIncident(incident.id);
      if (existing.some((x) => x.round === round.number && x.channel === holding.channel))
        throw new ConflictError(`round ${round.number} has a ${holding.channel} already`);
      const overrides = await s.communications.overrides(incident.id);
      if (waitsForCustomers({ communications: existing, overrides }, round.number, holding.channel))
        throw new ConflictError(customersFirstMessage(holding.channel));
      const commId = await s.communications.create({
        incidentId: incident.id,
        round: round.number,
        channel: holding.channel,
        title: null,
        holdingStatementId: holding.id,
        createdBy: ctx.actor.label,
        createdAt: at,
      });
      await s.communications.addVersion(commId, {
        version: 1,
        subject: version.subject,
        body: version.body,
        authorId: version.authorId,
        author: version.author,
        createdAt: at,
      });
      await s.communications.setApproval(commId, { ...holding.approval!, version: 1 });
      await s.audit.append(ctx, {
        action: 'holding_statement.published',
        entityType: 'communication',
        entityId: commId,
        after: { holdingStatementId: holding.id, holdingVersion: version.version, incidentId: incident.id, round: round.number, channel: holding.channel },
      });
      return commId;
    });
    const ref = { incidentId, id };
    return EMAIL_CHANNELS.includes(holding.channel)
      ? this.testSend(ctx, ref, { reviewers: null, audience: options.audience ?? null })
      : this.send(ctx, ref, options);
  }

  /** A sent blog post or press statement whose delivery failed: the same snapshot is delivered again. */
  async retryDelivery(ctx: ActionContext, ref: CommunicationRef): Promise<Communication> {
    authorize(ctx.actor, 'comms.publish');
    await this.#d.store.transaction(async (s) => {
      const { communication: c } = await locate(s, ctx.actor, ref, true);
      await requireDuty(s, ctx.actor, c.channel, 'send');
      const kind = c.channel === 'blog_post' ? 'blog_webhook' : c.channel === 'press_statement' ? 'press_mail' : null;
      if (!kind || !c.sentAt || c.publishState !== 'failed')
        throw new ConflictError('only a sent blog post or press statement whose delivery failed is delivered again');
      await s.communications.setPublish(c.id, { state: 'pending', error: null });
      await s.jobs.send(COMMS_DELIVER_QUEUE, { communicationId: c.id, kind } satisfies CommsDeliverJob);
      await s.audit.append(ctx, { action: 'communication.delivery_retried', entityType: 'communication', entityId: c.id, after: { kind } });
    });
    return this.#d.communications.get(ctx, ref);
  }

  /**
   * Support sees every FAQ published to it; anyone else only those of incidents they may see. Of a
   * restricted incident Support is not a member of, Support gets the FAQ's own (public, reviewed)
   * subject and body, never the incident's internal number, title or id.
   */
  async preparedResponses(ctx: ActionContext): Promise<PreparedResponse[]> {
    authorize(ctx.actor, 'comms.read');
    const read = this.#d.store.read;
    const all = await read.communications.preparedResponses();
    const viewer = viewerOf(ctx.actor);
    if (viewer.seesRestricted) return all;
    const visible = new Set<string>();
    for (const id of new Set(all.map((p) => p.incidentId))) if (id !== null && (await read.incidents.byId(viewer, id))) visible.add(id);
    const support = ctx.actor.roles.includes('support');
    return all.flatMap((p) =>
      p.incidentId !== null && visible.has(p.incidentId) ? [p] : support ? [{ ...p, incidentId: null, incidentNumber: null, incidentTitle: null }] : [],
    );
  }

  /** The checks every send repeats: role, not sent, approval of exactly the current version, customers first, clean lint. */
  async #checkSendable(
    store: CommunicationsStore,
    actor: Actor,
    c: CommunicationRow,
    incident: IncidentRecord | null,
    check: { customersFirst: boolean },
  ): Promise<CommunicationVersion> {
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
    if (!lint.clean)
      throw new ValidationError(
        `the linter finds ${lint.findings.length} problem(s) now: ${lint.findings.map((f) => `${f.part} ${f.line}:${f.column} ${f.rule}`).join('; ')}`,
        lint.findings,
      );
    return versions.find((v) => v.version === c.currentVersion)!;
  }

  async #defaultReviewers(store: CommunicationsStore, c: CommunicationRow, version: CommunicationVersion): Promise<string[]> {
    const ids = [...new Set([c.approval?.approverId, version.authorId].filter((id): id is string => Boolean(id)))];
    const users = await Promise.all(ids.map((id) => store.users.byId(id)));
    const emails = users.filter((u) => u !== null).map((u) => u.email);
    if (!emails.length) throw new ValidationError('name the reviewers the test goes to');
    return emails;
  }
}

function customersFirstMessage(channel: Channel): string {
  return `customers first: ${channel} waits until the round's customer email is sent (or someone with comms.override records why it may go first)`;
}
