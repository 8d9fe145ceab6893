// Sends: one message per recipient of a distribution list (or, for a test send, to the reviewers).
// A real send starts only after a test send of the same content reached the reviewers. Pause, resume
// and cancel change the send's status; the engine (engine.ts) checks it between batches.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { MAIL_BODY_MAX, SUBJECT_MAX } from '../limits.ts';
import type { Transactor } from '../ports.ts';
import { messageIdDomain, type MailIdentity } from '../mail/mail-identity.ts';
import { checkAddress } from './addresses.ts';
import type { FanoutStore } from './fanout.ports.ts';
import type { AmbiguousRecipient, Audience, Contact, DistributionList, RecipientFailure, Send, SendProgress, SendStatus } from './fanout.types.ts';
import { placeholdersFor, placeholdersIn, unknownPlaceholders } from './personalise.ts';

export const FANOUT_RUN_QUEUE = 'fanout.run';
export const FANOUT_RESUME_QUEUE = 'fanout.resume';
export interface FanoutJob {
  sendId: string;
}

const MAX_REVIEWERS = 20;
const MAX_AMBIGUOUS_SHOWN = 10_000;
/** Sample values a test send shows in place of a recipient's own; a list column shows its name, e.g. "[region]". */
export const REVIEW_SAMPLE = { firstName: 'Ada', lastName: 'Lovelace', company: 'Example Ltd' };
const reviewSampleFields = (columns: readonly string[]) => Object.fromEntries(columns.map((c) => [c, `[${c}]`]));

export interface NewSendInput {
  listId: string;
  audience: Audience | null;
  from: string;
  subject: string;
  body: string;
  /** List mail (e.g. the security alert list): carries RFC 8058 one-click unsubscribe headers. */
  listMail: boolean;
}

/** A send secdesk starts by itself (see SendsService.queueAutomatic). */
export interface AutomaticSendInput {
  from: string;
  subject: string;
  body: string;
  recipients: { contact: Contact; unsubscribeUrl: string }[];
  /** Why this send needs no test send first: recorded in the audit log. */
  approvedBy: string;
}

export function contentHash(input: { from: string; subject: string; body: string; listMail: boolean }): string {
  return createHash('sha256')
    .update(JSON.stringify([input.from, input.subject, input.body, input.listMail]))
    .digest('hex');
}

export class SendsService {
  readonly #store: Transactor<FanoutStore>;
  readonly #clock: Clock;
  readonly #identity: MailIdentity | null;

  /** `identity`: to name the setting that holds a configured From address when it is refused. */
  constructor(deps: { store: Transactor<FanoutStore>; clock: Clock; identity?: MailIdentity }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#identity = deps.identity ?? null;
  }

  /** `columns`: the list's own columns, placeholders besides the fixed ones; null: placeholders are checked once the list is read. */
  #validate(input: Omit<NewSendInput, 'listId' | 'audience'>, columns: readonly string[] | null = []): { from: string; subject: string; body: string } {
    const from = checkAddress(input.from, { sender: true });
    if (!from.ok) {
      const setting = this.#identity?.settingOf(input.from);
      throw new ValidationError(
        setting
          ? `invalid from address ${JSON.stringify(input.from.slice(0, 100))} (${setting}): ${from.reason}; set ${setting} (README → Configuration) to an address on your mail domain`
          : `invalid from address: ${from.reason}`,
      );
    }
    const subject = input.subject.replace(/[\r\n]+/g, ' ').trim();
    if (!subject || subject.length > SUBJECT_MAX) throw new ValidationError(`a subject needs 1 to ${SUBJECT_MAX} characters`);
    const body = input.body.replace(/\r\n/g, '\n');
    if (!body.trim() || body.length > MAIL_BODY_MAX) throw new ValidationError(`a body needs 1 to ${MAIL_BODY_MAX} characters`);
    const unknown = columns ? [...unknownPlaceholders(subject, columns), ...unknownPlaceholders(body, columns)] : [];
    if (unknown.length)
      throw new ValidationError(`unknown placeholders: ${[...new Set(unknown)].join(', ')} (this list has ${placeholdersFor(columns ?? []).join(', ')})`, {
        unknown: [...new Set(unknown)],
      });
    return { from: from.email, subject, body };
  }

  async create(ctx: ActionContext, input: NewSendInput): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    // Refusals of the content itself come before any storage is touched.
    this.#validate(input, null);
    return this.#store.transaction((s) => this.#create(s, ctx, input));
  }

  /** A draft send, created inside the caller's transaction (a communication's test send creates it with its test). */
  async createIn(s: FanoutStore, ctx: ActionContext, input: NewSendInput): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    return this.#create(s, ctx, input);
  }

  async #create(s: FanoutStore, ctx: ActionContext, input: NewSendInput): Promise<Send> {
    const list = await s.fanout.listById(input.listId);
    if (!list) throw new NotFoundError('distribution list');
    const content = this.#validate(input, list.columns);
    const sendId = await s.fanout.createSend({
      ...content,
      listId: input.listId,
      audience: input.audience,
      listMail: input.listMail,
      contentHash: contentHash({ ...content, listMail: input.listMail }),
      isTest: false,
      createdBy: ctx.actor.label,
    });
    const recipients = await s.fanout.addRecipientsFromList(sendId, input.listId, input.audience, messageIdDomain(content.from));
    await refuseMissingValues(s, sendId, list, content);
    await s.audit.append(ctx, {
      action: 'send.created',
      entityType: 'send',
      entityId: sendId,
      after: { listId: input.listId, audience: input.audience, subject: content.subject, recipients },
    });
    return (await s.fanout.sendById(sendId))!;
  }

  /**
   * The system path for automatic sends: list mail that starts at once, inside the caller's transaction
   * (its change, this send and the run job commit together). The test-send gate in start() guards
   * content a person wrote for this send; an automatic send carries content that was approved before it
   * got here (a status page update is public the moment a communications manager publishes it, so its
   * publication is the approval, and holding it for reviewers would only delay the same words by mail).
   */
  async queueAutomatic(s: FanoutStore, ctx: ActionContext, input: AutomaticSendInput): Promise<{ sendId: string; recipients: number }> {
    authorize(ctx.actor, 'comms.send');
    const content = this.#validate({ ...input, listMail: true });
    const sendId = await s.fanout.createSend({
      ...content,
      listId: null,
      audience: null,
      listMail: true,
      contentHash: contentHash({ ...content, listMail: true }),
      isTest: false,
      createdBy: ctx.actor.label,
    });
    const recipients = await s.fanout.addRecipientsWithUnsubscribe(sendId, input.recipients, messageIdDomain(content.from));
    await this.#begin(s, ctx, sendId, {
      action: 'send.started_automatically',
      entityType: 'send',
      entityId: sendId,
      after: { subject: content.subject, recipients, approvedBy: input.approvedBy },
    });
    return { sendId, recipients };
  }

  /** Sends the same content to the reviewers (with sample personalisation) as its own small send. */
  async testSend(ctx: ActionContext, id: string, reviewers: string[]): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    const send = await this.#get(id);
    const contacts = reviewerContacts(reviewers, send.audience);
    return this.#store.transaction((s) => this.#testSend(s, ctx, send, contacts));
  }

  /** The test send of a send, inside the caller's transaction. */
  async testSendIn(s: FanoutStore, ctx: ActionContext, send: Send, reviewers: string[]): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    return this.#testSend(s, ctx, send, reviewerContacts(reviewers, send.audience));
  }

  async #testSend(s: FanoutStore, ctx: ActionContext, send: Send, reviewers: Contact[]): Promise<Send> {
    const columns = send.listId ? ((await s.fanout.listById(send.listId))?.columns ?? []) : [];
    const contacts = reviewers.map((c) => ({ ...c, fields: reviewSampleFields(columns) }));
    const testSendId = await s.fanout.createSend({
      listId: send.listId,
      audience: send.audience,
      from: send.from,
      subject: send.subject,
      body: send.body,
      contentHash: send.contentHash,
      listMail: send.listMail,
      isTest: true,
      createdBy: ctx.actor.label,
    });
    await s.fanout.addRecipients(testSendId, contacts, messageIdDomain(send.from));
    await s.fanout.setStatus(testSendId, ['draft'], 'running', null, { startedAt: this.#clock.now() });
    await s.jobs.send(FANOUT_RUN_QUEUE, { sendId: testSendId } satisfies FanoutJob);
    await s.audit.append(ctx, {
      action: 'send.test_sent',
      entityType: 'send',
      entityId: send.id,
      after: { testSendId, reviewers: contacts.map((c) => c.email) },
    });
    return (await s.fanout.sendById(testSendId))!;
  }

  async start(ctx: ActionContext, id: string): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    await this.#store.transaction((s) => this.startIn(s, ctx, id));
    return (await this.#store.read.fanout.sendById(id))!;
  }

  /**
   * Starting a draft send a person wrote (the fan-out's start and a communication's send both come here;
   * automatic sends start through queueAutomatic, and both end in #begin), inside the caller's transaction: the status, the run job and the audit entry
   * commit with the caller's change. The caller has authorized it (comms.send, or the channel's send
   * duty). `check` sees the send before it starts (a communication checks it is its approved text);
   * `audit` adds to the audit entry.
   */
  async startIn(
    s: FanoutStore,
    ctx: ActionContext,
    id: string,
    options: { check?: (send: Send) => void; audit?: Record<string, unknown> } = {},
  ): Promise<Send> {
    const send = await s.fanout.sendById(id);
    if (!send) throw new NotFoundError('send');
    if (send.isTest) throw new ConflictError('a test send starts by itself');
    if (send.status !== 'draft') throw new ConflictError(`the send is ${send.status}, not a draft waiting to start`);
    options.check?.(send);
    if (!(await s.fanout.hasCompletedTest(send.contentHash)))
      throw new ConflictError('send a test of this exact content to the reviewers first, and wait until it went out');
    const startedAt = await this.#begin(s, ctx, send.id, {
      action: 'send.started',
      entityType: 'send',
      entityId: send.id,
      before: { status: 'draft' },
      after: { status: 'running', ...options.audit },
    });
    return { ...send, status: 'running', startedAt };
  }

  /** A draft send becomes running: the status, the run job and the audit entry, in the caller's transaction. Both ways of starting a send end here. */
  async #begin(s: FanoutStore, ctx: ActionContext, sendId: string, audit: Parameters<FanoutStore['audit']['append']>[1]): Promise<Date> {
    const startedAt = this.#clock.now();
    if (!(await s.fanout.setStatus(sendId, ['draft'], 'running', null, { startedAt }))) throw new ConflictError('the send changed meanwhile; reload');
    await s.jobs.send(FANOUT_RUN_QUEUE, { sendId } satisfies FanoutJob);
    await s.audit.append(ctx, audit);
    return startedAt;
  }

  async pause(ctx: ActionContext, id: string): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    return this.#change(ctx, await this.#get(id), ['running'], 'paused', 'send.paused', {}, `paused by ${ctx.actor.label}`);
  }

  async resume(ctx: ActionContext, id: string): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    return this.#change(ctx, await this.#get(id), ['paused'], 'running', 'send.resumed', {});
  }

  async cancel(ctx: ActionContext, id: string): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    const send = await this.#get(id);
    return this.#change(ctx, send, ['draft', 'running', 'paused'], 'cancelled', 'send.cancelled', { finishedAt: this.#clock.now() });
  }

  async #change(
    ctx: ActionContext,
    send: Send,
    from: SendStatus[],
    to: SendStatus,
    action: string,
    at: { startedAt?: Date; finishedAt?: Date },
    reason: string | null = null,
  ): Promise<Send> {
    if (!from.includes(send.status)) throw new ConflictError(`a ${send.status} send cannot become ${to}`);
    await this.#store.transaction(async (s) => {
      if (!(await s.fanout.setStatus(send.id, from, to, reason, at))) throw new ConflictError('the send changed meanwhile; reload');
      if (to === 'cancelled') await s.fanout.cancelPending(send.id);
      if (to === 'running') await s.jobs.send(FANOUT_RUN_QUEUE, { sendId: send.id } satisfies FanoutJob);
      await s.audit.append(ctx, { action, entityType: 'send', entityId: send.id, before: { status: send.status }, after: { status: to } });
    });
    return (await this.#store.read.fanout.sendById(send.id))!;
  }

  async #get(id: string): Promise<Send> {
    const send = await this.#store.read.fanout.sendById(id);
    if (!send) throw new NotFoundError('send');
    return send;
  }

  async get(ctx: ActionContext, id: string): Promise<Send> {
    authorize(ctx.actor, 'comms.send');
    return this.#get(id);
  }

  async progress(ctx: ActionContext, id: string): Promise<SendProgress> {
    authorize(ctx.actor, 'comms.send');
    const send = await this.#get(id);
    return { status: send.status, pauseReason: send.pauseReason, ...(await this.#store.read.fanout.progress(id, this.#clock.now())) };
  }

  async failures(ctx: ActionContext, id: string): Promise<RecipientFailure[]> {
    authorize(ctx.actor, 'comms.send');
    await this.#get(id);
    return this.#store.read.fanout.failures(id, 1000);
  }

  /** Recipients whose delivery is unknown after a crash (README, "Exactly once"), with their Message-IDs. */
  async ambiguous(ctx: ActionContext, id: string): Promise<AmbiguousRecipient[]> {
    authorize(ctx.actor, 'comms.send');
    await this.#get(id);
    return this.#store.read.fanout.ambiguous(id, MAX_AMBIGUOUS_SHOWN);
  }

  /**
   * The operator's decision for ambiguous recipients: send again, with the same Message-ID. Someone whose
   * relay did get the first message receives a second copy with that same Message-ID; the audit entry
   * names every one. A finished send runs again for them.
   */
  async resendAmbiguous(ctx: ActionContext, id: string): Promise<{ send: Send; resent: AmbiguousRecipient[] }> {
    authorize(ctx.actor, 'comms.send');
    const send = await this.#get(id);
    if (send.status === 'cancelled' || send.status === 'draft') throw new ConflictError(`a ${send.status} send sends nothing more`);
    const resent = await this.#store.transaction(async (s) => {
      const rows = await s.fanout.requeueAmbiguous(id, this.#clock.now());
      if (!rows.length) throw new ConflictError('no recipient of this send is ambiguous');
      if (await s.fanout.setStatus(id, ['done'], 'running', null, {})) await s.jobs.send(FANOUT_RUN_QUEUE, { sendId: id } satisfies FanoutJob);
      else if (send.status === 'running') await s.jobs.send(FANOUT_RUN_QUEUE, { sendId: id } satisfies FanoutJob, { singletonKey: id });
      await s.audit.append(ctx, {
        action: 'send.ambiguous_resent',
        entityType: 'send',
        entityId: id,
        after: { count: rows.length, recipients: rows.slice(0, MAX_AMBIGUOUS_SHOWN).map((r) => ({ email: r.email, messageId: r.messageId })) },
      });
      return rows;
    });
    return { send: (await this.#store.read.fanout.sendById(id))!, resent };
  }

  /** A later bounce or complaint (from the relay's feedback): recorded on the recipient and suppressed from now on. */
  async recordBounce(ctx: ActionContext, input: { messageId: string; kind: 'bounce' | 'complaint'; detail: string }): Promise<void> {
    authorize(ctx.actor, 'comms.send');
    const messageId = input.messageId.replace(/^<|>$/g, '');
    await this.#store.transaction(async (s) => {
      const found = await s.fanout.recordBounce(messageId, `${input.kind}: ${input.detail}`.slice(0, 1000), this.#clock.now());
      if (!found) throw new NotFoundError('message');
      await s.fanout.addSuppressions([{ key: found.key, reason: input.kind, detail: input.detail.slice(0, 500) }]);
      await s.audit.append(ctx, { action: `send.${input.kind}`, entityType: 'suppression', entityId: found.key, after: { messageId } });
    });
  }

  /** Whether an unsubscribe link is genuine (the page behind a link in the body asks before it acts). */
  async checkUnsubscribeToken(token: string): Promise<void> {
    if (!verifyUnsubscribeToken(await this.#store.read.fanout.unsubscribeKey(), token)) throw new NotFoundError('unsubscribe link');
  }

  /** RFC 8058 one-click unsubscribe: the token names one recipient of one send and is signed. */
  async unsubscribe(ctx: ActionContext, token: string): Promise<void> {
    const key = await this.#store.read.fanout.unsubscribeKey();
    const parsed = verifyUnsubscribeToken(key, token);
    if (!parsed) throw new NotFoundError('unsubscribe link');
    await this.#store.transaction(async (s) => {
      const email = await s.fanout.recipientKey(parsed.sendId, parsed.seq);
      if (!email) throw new NotFoundError('unsubscribe link');
      await s.fanout.addSuppressions([{ key: email, reason: 'unsubscribe', detail: `one-click, send ${parsed.sendId}` }]);
      await s.audit.append(ctx, { action: 'suppression.unsubscribed', entityType: 'suppression', entityId: email, after: { sendId: parsed.sendId } });
    });
  }
}

function reviewerContacts(reviewers: string[], audience: Audience | null): Contact[] {
  if (!reviewers.length || reviewers.length > MAX_REVIEWERS) throw new ValidationError(`a test send goes to 1 to ${MAX_REVIEWERS} reviewers`);
  return reviewers.map((raw) => {
    const checked = checkAddress(raw);
    if (!checked.ok) throw new ValidationError(`invalid reviewer address ${JSON.stringify(raw.slice(0, 100))}: ${checked.reason}`);
    return { email: checked.email, key: checked.key, domain: checked.domain, ...REVIEW_SAMPLE, audience: audience ?? 'users', fields: {} };
  });
}

/**
 * A list column the text uses must have a value for every recipient to be mailed: a blank would read
 * as a gap in someone's mail (and an incident notice naming no region misleads). The send is refused
 * at creation, naming the column, how many lack it and one of them; nothing of it is kept.
 */
async function refuseMissingValues(s: FanoutStore, sendId: string, list: DistributionList, content: { subject: string; body: string }): Promise<void> {
  const used = placeholdersIn(`${content.subject}\n${content.body}`).filter((name) => list.columns.includes(name));
  for (const column of used) {
    const { count, first } = await s.fanout.recipientsWithout(sendId, column);
    if (count === 0) continue;
    const who = count === 1 ? `1 recipient (${first})` : `${count} recipients (${first} and others)`;
    throw new ValidationError(
      `{{${column}}} has no value for ${who} in the list "${list.name}": fill the ${column} column and import the list again, or take the placeholder out`,
      { column, recipients: count },
    );
  }
}

export function unsubscribeToken(key: string, sendId: string, seq: number): string {
  const payload = `${sendId}.${seq}`;
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url').slice(0, 22)}`;
}

export function verifyUnsubscribeToken(key: string, token: string): { sendId: string; seq: number } | null {
  const match = /^([0-9a-f-]{36})\.(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(unsubscribeToken(key, match[1]!, Number(match[2])).split('.')[2]!);
  const given = Buffer.from(match[3]!);
  return timingSafeEqual(expected, given) ? { sendId: match[1]!, seq: Number(match[2]) } : null;
}
