// Drafting, versions, diffs, comments, lint and approval of communications and holding statements.
// Every edit is a new version; an approval names a version, so an edit voids it; the author of a
// version cannot approve it; approval needs the channel's reviewer role and a clean lint.
import { diffLines, diffWords } from 'diff';
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { COMMUNICATION_BODY_MAX, SUBJECT_MAX } from '../limits.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import type { Transactor } from '../ports.ts';
import { approvalRefusal } from './approval-rules.ts';
import { blogUrlOf, lintContextOf, locate, recipientPlaceholders, requireDuty, type CommunicationRef } from './comms-context.ts';
import { commsValues, renderComms, type CommsTemplateSettings } from './comms-templates.ts';
import type { CommunicationRow, CommunicationsStore } from './communications.ports.ts';
import type {
  Channel,
  Communication,
  CommunicationComment,
  CommunicationSummary,
  DiffPart,
  HoldingStatement,
  LintResult,
  TemplatePreview,
  VersionDiff,
} from './communications.types.ts';
import { lintCommunication } from './linter.ts';
import { requestReview } from './review-request.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { addToTimeline } from '../incidents/timeline.ts';

export type { CommunicationRef } from './comms-context.ts';

const MAX_COMMENT = 5000;

export class CommunicationsService {
  readonly #store: Transactor<CommunicationsStore>;
  readonly #clock: Clock;
  readonly #matrix: RiskMatrix;
  readonly #settings: CommsTemplateSettings;

  readonly #notifier: Notifier;

  constructor(deps: {
    store: Transactor<CommunicationsStore>;
    clock: Clock;
    riskMatrix: RiskMatrix;
    commsSettings: CommsTemplateSettings;
    notifier: Notifier;
  }) {
    this.#store = deps.store;
    this.#notifier = deps.notifier;
    this.#clock = deps.clock;
    this.#matrix = deps.riskMatrix;
    this.#settings = deps.commsSettings;
  }

  async list(ctx: ActionContext, incidentId: string): Promise<CommunicationSummary[]> {
    authorize(ctx.actor, 'comms.read');
    await visibleIncident(this.#store.read.incidents, ctx.actor, incidentId);
    return (await this.#store.read.communications.forIncident(incidentId)).map(summary);
  }

  /** The channel's template (or the given text) filled with the incident's facts; refused with positions when a value is missing. */
  async preview(
    ctx: ActionContext,
    incidentId: string,
    input: { channel: Channel; subject?: string | undefined; body?: string | undefined },
  ): Promise<TemplatePreview> {
    authorize(ctx.actor, 'comms.draft');
    const read = this.#store.read;
    const incident = await visibleIncident(read.incidents, ctx.actor, incidentId);
    return this.#fill(read, incident, input);
  }

  /** The channel's template for the current round (the final round's all-clear template when there is one), filled. */
  async #fill(
    store: CommunicationsStore,
    incident: IncidentRecord,
    input: { channel: Channel; subject?: string | undefined; body?: string | undefined },
  ): Promise<TemplatePreview> {
    const final = (await store.communications.rounds(incident.id)).at(-1)?.final === true;
    const allClear = final ? await store.templates.current(`comms.${input.channel}.all_clear`) : null;
    const key = allClear ? `comms.${input.channel}.all_clear` : `comms.${input.channel}`;
    const template = allClear ?? (await store.templates.current(key));
    if (!template) throw new ValidationError(`no template ${key}`);
    const plan = await store.communications.plan(incident.id);
    const sent = (await store.communications.forIncident(incident.id)).map((c) => c.sentAt?.getTime() ?? 0);
    const last = Math.max(0, ...sent);
    const nextUpdate = plan?.frequencyMinutes ? new Date((last || this.#clock.now().getTime()) + plan.frequencyMinutes * 60_000) : null;
    const values = commsValues(incident, this.#matrix, this.#settings, {
      nextUpdate,
      blogUrl: await blogUrlOf(store, incident.id),
      publicTitle: plan?.publicTitle ?? null,
    });
    const { names: recipient } = await recipientPlaceholders(store, input.channel, incident.id);
    const rendered = renderComms({ subject: input.subject ?? template.subject, body: input.body ?? template.body }, values, this.#matrix, recipient);
    return { channel: input.channel, ...rendered, template: { key, version: template.version } };
  }

  async draft(
    ctx: ActionContext,
    incidentId: string,
    input: { channel: Channel; subject?: string | undefined; body?: string | undefined },
  ): Promise<Communication> {
    authorize(ctx.actor, 'comms.draft');
    const id = await this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      await requireDuty(s, ctx.actor, input.channel, 'draft');
      const plan = await s.communications.plan(incident.id);
      if (!plan?.channels.includes(input.channel)) throw new ValidationError(`${input.channel} is not among the channels decided for this incident`);
      const rounds = await s.communications.rounds(incident.id);
      const round = rounds.at(-1);
      if (!round) throw new ConflictError('no round of communications has started');
      if ((await s.communications.forIncident(incident.id)).some((c) => c.round === round.number && c.channel === input.channel)) {
        throw new ConflictError(`round ${round.number} has a ${input.channel} already: edit it, or start the next round`);
      }
      const content = checkContent(await this.#fill(s, incident, input));
      const at = this.#clock.now();
      const commId = await s.communications.create({
        incidentId: incident.id,
        round: round.number,
        channel: input.channel,
        title: null,
        holdingStatementId: null,
        createdBy: ctx.actor.label,
        createdAt: at,
      });
      await s.communications.addVersion(commId, { version: 1, ...content, authorId: ctx.actor.userId, author: ctx.actor.label, createdAt: at });
      await s.audit.append(ctx, {
        action: 'communication.drafted',
        entityType: 'communication',
        entityId: commId,
        after: { incidentId: incident.id, round: round.number, channel: input.channel, subject: content.subject },
      });
      await addToTimeline(s, incident.id, {
        at,
        kind: 'comms',
        summary: `Communication drafted: ${input.channel} (round ${round.number})`,
        actorLabel: ctx.actor.label,
      });
      return commId;
    });
    return this.get(ctx, { incidentId, id });
  }

  async get(ctx: ActionContext, ref: CommunicationRef): Promise<Communication> {
    authorize(ctx.actor, 'comms.read');
    const { communication } = await locate(this.#store.read, ctx.actor, ref);
    return this.#detail(communication);
  }

  async #detail(row: CommunicationRow): Promise<Communication> {
    const read = this.#store.read.communications;
    const [versions, comments, sent, placeholders] = await Promise.all([
      read.versions(row.id),
      read.comments(row.id),
      read.sent(row.id),
      recipientPlaceholders(this.#store.read, row.channel, row.incidentId),
    ]);
    const approved = sent ? versions.find((v) => v.version === sent.approvedVersion) : null;
    // Computed, not assumed: what was approved against what went out (empty when identical).
    const approvedVsSent = sent && approved ? changedParts([...diffLines(`${approved.subject}\n\n${approved.body}`, `${sent.subject}\n\n${sent.body}`)]) : null;
    return { ...summary(row), title: row.title, versions, comments, sent, approvedVsSent, placeholders };
  }

  async edit(ctx: ActionContext, ref: CommunicationRef, input: { subject: string; body: string }): Promise<Communication> {
    authorize(ctx.actor, 'comms.draft');
    const content = checkContent(input);
    await this.#store.transaction(async (s) => {
      const { communication: c } = await locate(s, ctx.actor, ref, true);
      await requireDuty(s, ctx.actor, c.channel, 'draft');
      if (c.sentAt) throw new ConflictError('a sent communication is never changed: draft the next round instead');
      const version = c.currentVersion + 1;
      const at = this.#clock.now();
      await s.communications.addVersion(c.id, { version, ...content, authorId: ctx.actor.userId, author: ctx.actor.label, createdAt: at });
      if (c.approval || c.testSendId) {
        await s.communications.setApproval(c.id, null);
        await s.communications.setSends(c.id, { sendId: null, testSendId: null });
      }
      await s.audit.append(ctx, {
        action: 'communication.edited',
        entityType: 'communication',
        entityId: c.id,
        before: { version: c.currentVersion, approval: c.approval },
        after: { version, subject: content.subject, approvalVoided: c.approval !== null },
      });
    });
    return this.get(ctx, ref);
  }

  async diff(ctx: ActionContext, ref: CommunicationRef, from: number, to: number): Promise<VersionDiff> {
    authorize(ctx.actor, 'comms.read');
    const { communication } = await locate(this.#store.read, ctx.actor, ref);
    const versions = await this.#store.read.communications.versions(communication.id);
    const a = versions.find((v) => v.version === from);
    const b = versions.find((v) => v.version === to);
    if (!a || !b) throw new NotFoundError('version');
    return { from, to, subject: parts([...diffWords(a.subject, b.subject)]), body: parts([...diffLines(a.body, b.body)]) };
  }

  /** Drafters and reviewers comment (comms.draft covers both). */
  async comment(ctx: ActionContext, ref: CommunicationRef, body: string): Promise<CommunicationComment> {
    authorize(ctx.actor, 'comms.draft');
    const text = body.replace(/\r\n/g, '\n').trim();
    if (!text || text.length > MAX_COMMENT) throw new ValidationError(`a comment is 1 to ${MAX_COMMENT} characters`);
    return this.#store.transaction(async (s) => {
      const { communication: c } = await locate(s, ctx.actor, ref, true);
      const comment = await s.communications.addComment(c.id, {
        version: c.currentVersion,
        authorId: ctx.actor.userId,
        author: ctx.actor.label,
        body: text,
        createdAt: this.#clock.now(),
      });
      await s.audit.append(ctx, {
        action: 'communication.commented',
        entityType: 'communication',
        entityId: c.id,
        after: { commentId: comment.id, version: c.currentVersion },
      });
      return comment;
    });
  }

  async lint(ctx: ActionContext, ref: CommunicationRef): Promise<LintResult> {
    authorize(ctx.actor, 'comms.read');
    const { communication, incident } = await locate(this.#store.read, ctx.actor, ref);
    return this.lintCurrent(this.#store.read, communication, incident);
  }

  /** The linter on the current version, with what it must know of the incident (through `store`, a transaction's or the read one). */
  async lintCurrent(store: CommunicationsStore, c: CommunicationRow, incident: IncidentRecord | null): Promise<LintResult> {
    const version = (await store.communications.versions(c.id)).find((v) => v.version === c.currentVersion)!;
    const findings = lintCommunication(c.channel, version, await lintContextOf(store, this.#matrix, incident, c.channel));
    return { version: c.currentVersion, clean: findings.length === 0, findings };
  }

  /** Asks the channel's reviewers to review the current version: they are notified, and the communication is in review. */
  async requestReview(ctx: ActionContext, ref: CommunicationRef): Promise<Communication> {
    authorize(ctx.actor, 'comms.draft');
    await this.#store.transaction(async (s) => {
      const { communication, incident } = await locate(s, ctx.actor, ref, true);
      await requestReview(s, ctx, communication, incident, { notifier: this.#notifier, now: this.#clock.now() });
    });
    return this.get(ctx, ref);
  }

  async approve(ctx: ActionContext, ref: CommunicationRef, version: number): Promise<Communication> {
    authorize(ctx.actor, 'comms.review');
    await this.#store.transaction(async (s) => {
      const { communication: c, incident } = await locate(s, ctx.actor, ref, true);
      await requireDuty(s, ctx.actor, c.channel, 'review');
      if (c.sentAt) throw new ConflictError('the communication was sent already');
      const refusal = approvalRefusal(
        { currentVersion: c.currentVersion, approval: c.approval, versions: await s.communications.versions(c.id) },
        ctx.actor,
        version,
      );
      if (refusal) throw new ConflictError(refusal);
      const lint = await this.lintCurrent(s, c, incident);
      if (!lint.clean)
        throw new ValidationError(
          `the linter found ${lint.findings.length} problem(s): ${lint.findings.map((f) => `${f.part} ${f.line}:${f.column} ${f.rule}`).join('; ')}`,
          lint.findings,
        );
      await s.communications.setApproval(c.id, { version, approverId: ctx.actor.userId, approver: ctx.actor.label, approvedAt: this.#clock.now() });
      await s.audit.append(ctx, { action: 'communication.approved', entityType: 'communication', entityId: c.id, after: { version, channel: c.channel } });
    });
    return this.get(ctx, ref);
  }

  async exportMarkdown(ctx: ActionContext, ref: CommunicationRef): Promise<{ filename: string; text: string }> {
    authorize(ctx.actor, 'comms.read');
    const { communication: c } = await locate(this.#store.read, ctx.actor, ref);
    if (c.channel !== 'blog_post') throw new ValidationError('only the blog post is exported as Markdown');
    const sent = await this.#store.read.communications.sent(c.id);
    const version = sent ?? (await this.#store.read.communications.versions(c.id)).find((v) => v.version === c.currentVersion)!;
    const slug =
      version.subject
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 60) || 'blog-post';
    return { filename: `${slug}.md`, text: `# ${version.subject}\n\n${version.body.trimEnd()}\n` };
  }

  async holdingStatements(ctx: ActionContext): Promise<HoldingStatement[]> {
    authorize(ctx.actor, 'comms.read');
    const rows = await this.#store.read.communications.holdingStatements();
    return Promise.all(rows.map(async (r) => ({ ...(await this.#detail(r)), title: r.title ?? '' })));
  }

  async draftHolding(ctx: ActionContext, input: { channel: Channel; title: string; subject: string; body: string }): Promise<HoldingStatement> {
    authorize(ctx.actor, 'comms.draft');
    const title = input.title.replace(/[\r\n]+/g, ' ').trim();
    if (!title || title.length > 200) throw new ValidationError('a holding statement needs a title of 1 to 200 characters');
    const content = checkContent(input);
    const id = await this.#store.transaction(async (s) => {
      await requireDuty(s, ctx.actor, input.channel, 'draft');
      const at = this.#clock.now();
      const holdingId = await s.communications.create({
        incidentId: null,
        round: 0,
        channel: input.channel,
        title,
        holdingStatementId: null,
        createdBy: ctx.actor.label,
        createdAt: at,
      });
      await s.communications.addVersion(holdingId, { version: 1, ...content, authorId: ctx.actor.userId, author: ctx.actor.label, createdAt: at });
      await s.audit.append(ctx, {
        action: 'holding_statement.drafted',
        entityType: 'communication',
        entityId: holdingId,
        after: { channel: input.channel, title },
      });
      return holdingId;
    });
    return { ...(await this.get(ctx, { incidentId: null, id })), title };
  }
}

function summary(row: CommunicationRow): CommunicationSummary {
  const { title: _title, ...rest } = row;
  return rest;
}

function parts(changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] {
  return changes.map((c) => ({ value: c.value, added: Boolean(c.added), removed: Boolean(c.removed) }));
}

/** Only the changed parts: empty when both texts are the same. */
function changedParts(changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] {
  return parts(changes).filter((p) => p.added || p.removed);
}

export function checkContent(input: { subject: string; body: string }): { subject: string; body: string } {
  const subject = input.subject.replace(/[\r\n]+/g, ' ').trim();
  const body = input.body.replace(/\r\n/g, '\n');
  if (!subject || subject.length > SUBJECT_MAX) throw new ValidationError(`a subject needs 1 to ${SUBJECT_MAX} characters`);
  if (!body.trim() || body.length > COMMUNICATION_BODY_MAX) throw new ValidationError(`a body needs 1 to ${COMMUNICATION_BODY_MAX} characters`);
  return { subject, body };
}
