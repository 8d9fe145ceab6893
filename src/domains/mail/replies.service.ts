// Replying to a requester by mail. The reply is recorded as queued in the same transaction as a
// durable send job; it is marked sent only when the SMTP server accepted it, retried on temporary
// failures, and marked failed (with the server's reason) on a permanent one or after the last retry.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { MAIL_BODY_MAX } from '../limits.ts';
import type { Transactor } from '../ports.ts';
import type { TicketLifecycle } from '../tickets/lifecycle.ts';
import type { TicketsStore } from '../tickets/tickets.ports.ts';
import { canTransition, type TicketStatus } from '../tickets/tickets.types.ts';
import type { MailIdentity } from './mail-identity.ts';
import { subjectToken } from './threading.ts';

/** The outbox's queue for replies, forwards and other mail of a ticket (one job per stored message). */
export const REPLY_QUEUE = 'mail.reply';

export interface ReplyJob {
  messageRowId: string;
}

export interface OutgoingMail {
  from: string;
  replyTo: string;
  to: string;
  subject: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  text: string;
  /** Mail secdesk writes by itself (notifications): marked Auto-Submitted so auto-responders stay quiet. */
  automatic?: boolean;
  /** Files sent along as they are (a forward's original message, as message/rfc822). */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

/** Mail to queue on a ticket: a reply to the requester (threaded), or a forward to someone else. */
export interface TicketMail {
  to: string;
  subject: string;
  body: string;
  /** Threaded into the requester's conversation (In-Reply-To, References). */
  threaded: boolean;
  template?: { key: string; version: number } | null;
  attachedRawSha256?: string | null;
}

/** The ticket's subject token stays in every subject, so an answer threads back even without headers. */
export function withTicketToken(number: number, subject: string): string {
  const token = subjectToken(number);
  const clean = headerSafe(subject);
  if (clean.includes(token)) return clean;
  const re = /^((?:re|fwd?):\s*)*/i.exec(clean)![0];
  return `${re}${token} ${clean.slice(re.length)}`.trim();
}

export class DeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.permanent = permanent;
  }
}

/** The outgoing relay in force now (null: none); a setting saved in the app changes it without a restart. */
export type CurrentSender = () => MailSender | null;

export interface MailSender {
  /** Resolves when the relay accepted the message; throws DeliveryError otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}

/** Header values come from strangers (subjects) and users: no line breaks may reach a header. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export class RepliesService {
  readonly #store: Transactor<TicketsStore>;
  readonly #clock: Clock;
  readonly #sender: CurrentSender;
  readonly #identity: MailIdentity;
  readonly #lifecycle: TicketLifecycle;

  constructor(deps: { store: Transactor<TicketsStore>; clock: Clock; lifecycle: TicketLifecycle; sender: CurrentSender; identity: MailIdentity }) {
    this.#store = deps.store;
    this.#lifecycle = deps.lifecycle;
    this.#clock = deps.clock;
    this.#sender = deps.sender;
    this.#identity = deps.identity;
  }

  async reply(ctx: ActionContext, ticketId: string, input: { body: string; status?: TicketStatus | undefined }): Promise<{ messageId: string }> {
    authorize(ctx.actor, 'tickets.write');
    if (!this.#sender()) throw new ValidationError('outgoing mail is not configured: set the outgoing mail relay (SMTP_URL) in Admin → Setup');
    const body = input.body.replace(/\r\n/g, '\n').trim();
    if (!body) throw new ValidationError('a reply needs some text');
    if (body.length > MAIL_BODY_MAX) throw new ValidationError(`a reply is limited to ${MAIL_BODY_MAX} characters`);
    const ticket = await this.#store.read.tickets.byId(ticketId);
    if (!ticket) throw new NotFoundError('ticket');
    const next = input.status ?? (ticket.status === 'new' ? 'open' : ticket.status);
    if (next !== ticket.status && !canTransition(ticket.status, next)) throw new ValidationError(`a ${ticket.status} ticket cannot become ${next}`);
    const now = this.#clock.now();
    const subject = headerSafe(ticket.subject.includes(subjectToken(ticket.number)) ? ticket.subject : `${subjectToken(ticket.number)} ${ticket.subject}`);
    let messageId = '';
    await this.#store.transaction(async (s) => {
      ({ messageId } = await this.queue(
        s,
        ticketId,
        { to: ticket.requester.email, subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`, body, threaded: true },
        now,
      ));
      await s.tickets.markFirstHandled(ticketId, now);
      const effects = await this.#lifecycle.moveTo(s, ticketId, next, now);
      await s.audit.append(ctx, {
        action: 'ticket.replied',
        entityType: 'ticket',
        entityId: ticketId,
        before: { status: ticket.status },
        after: { status: next, messageId, to: ticket.requester.email, ...effects },
      });
    });
    return { messageId };
  }

  /** Whether mail can go out at all (SMTP_URL is set). */
  get canSend(): boolean {
    return this.#sender() !== null;
  }

  /**
   * Records mail on the ticket as queued and enqueues its send job, inside the caller's transaction
   * (the caller audits). The send job delivers it at most once and records the outcome.
   */
  async queue(s: TicketsStore, ticketId: string, mail: TicketMail, now: Date): Promise<{ rowId: string; messageId: string }> {
    if (!this.#sender()) throw new ValidationError('outgoing mail is not configured: set the outgoing mail relay (SMTP_URL) in Admin → Setup');
    const messageId = this.#identity.newMessageId();
    const thread = mail.threaded ? await s.tickets.threadIds(ticketId) : { all: [], lastInbound: null };
    const rowId = await s.tickets.appendMessage(ticketId, {
      direction: 'outbound',
      messageId,
      inReplyTo: thread.lastInbound,
      referencesIds: thread.all.slice(-20),
      from: this.#identity.address,
      to: mail.to,
      subject: headerSafe(mail.subject),
      bodyText: mail.body,
      deliveryStatus: 'queued',
      template: mail.template ?? null,
      attachedRawSha256: mail.attachedRawSha256 ?? null,
      createdAt: now,
    });
    await s.jobs.send(REPLY_QUEUE, { messageRowId: rowId } satisfies ReplyJob);
    return { rowId, messageId };
  }

  /** The send job: deliver one queued reply. */
  async deliver(messageRowId: string, lastAttempt: boolean): Promise<void> {
    const reply = await this.#store.read.tickets.outboundReply(messageRowId);
    if (reply?.deliveryStatus !== 'queued') return; // already settled: never send twice
    const sender = this.#sender();
    if (!sender) throw new Error('outgoing mail is not configured');
    const mail: OutgoingMail = {
      from: this.#identity.from,
      // A forward (to Support) is answered to the requester directly; everything else comes back to the inbox.
      replyTo: reply.attachedRawSha256 ? reply.requesterEmail : this.#identity.address,
      to: reply.to,
      subject: headerSafe(reply.subject),
      messageId: reply.messageId,
      inReplyTo: reply.inReplyTo,
      references: reply.referencesIds,
      text: reply.bodyText,
    };
    const record = (status: 'sent' | 'failed', error: string | null) => this.#store.read.tickets.markDelivery(messageRowId, status, error, this.#clock.now());
    if (reply.attachedRawSha256) {
      const original = await this.#store.read.rawMail.get(reply.attachedRawSha256);
      if (!original) return record('failed', 'the original message to forward is no longer stored');
      mail.attachments = [{ filename: 'original-message.eml', contentType: 'message/rfc822', content: original }];
    }
    await sendRecorded(sender, mail, lastAttempt, record);
  }
}

/**
 * Sends one mail from a job and records the outcome: sent when the relay accepted it, failed on a
 * permanent refusal or after the last attempt. Anything else throws, so the job queue retries.
 */
export async function sendRecorded(
  sender: MailSender,
  mail: OutgoingMail,
  lastAttempt: boolean,
  record: (status: 'sent' | 'failed', error: string | null) => Promise<void>,
): Promise<void> {
  try {
    await sender.send(mail);
  } catch (err) {
    const permanent = err instanceof DeliveryError && err.permanent;
    if (permanent || lastAttempt) {
      await record('failed', (err as Error).message.slice(0, 500));
      if (permanent) return;
    }
    throw err;
  }
  await record('sent', null);
}
