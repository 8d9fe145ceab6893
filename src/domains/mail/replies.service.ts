// Replying to a requester by mail. The reply is recorded as queued in the same transaction as a
// durable send job; it is marked sent only when the SMTP server accepted it, retried on temporary
// failures, and marked failed (with the server's reason) on a permanent one or after the last retry.
import { randomUUID } from 'node:crypto';
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { TicketLifecycle } from '../tickets/lifecycle.ts';
import type { TicketsStore } from '../tickets/tickets.ports.ts';
import { canTransition, type TicketStatus } from '../tickets/tickets.types.ts';
import { subjectToken } from './threading.ts';

export const SEND_QUEUE = 'mail.send';
const MAX_BODY = 200_000;

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
}

export class DeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.permanent = permanent;
  }
}

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
  readonly #sender: MailSender | null;
  readonly #inbox: string;
  readonly #lifecycle: TicketLifecycle;

  constructor(deps: { store: Transactor<TicketsStore>; clock: Clock; lifecycle: TicketLifecycle; sender: MailSender | null; inboxAddress: string }) {
    this.#store = deps.store;
    this.#lifecycle = deps.lifecycle;
    this.#clock = deps.clock;
    this.#sender = deps.sender;
    this.#inbox = deps.inboxAddress;
  }

  async reply(ctx: ActionContext, ticketId: string, input: { body: string; status?: TicketStatus | undefined }): Promise<{ messageId: string }> {
    authorize(ctx.actor, 'tickets.write');
    if (!this.#sender) throw new ValidationError('outgoing mail is not configured (set SMTP_URL)');
    const body = input.body.replace(/\r\n/g, '\n').trim();
    if (!body) throw new ValidationError('a reply needs some text');
    if (body.length > MAX_BODY) throw new ValidationError(`a reply is limited to ${MAX_BODY} characters`);
    const ticket = await this.#store.read.tickets.byId(ticketId);
    if (!ticket) throw new NotFoundError('ticket');
    const next = input.status ?? (ticket.status === 'new' ? 'open' : ticket.status);
    if (next !== ticket.status && !canTransition(ticket.status, next)) throw new ValidationError(`a ${ticket.status} ticket cannot become ${next}`);
    const now = this.#clock.now();
    const messageId = `${randomUUID()}@${this.#inbox.split('@')[1]}`;
    const subject = headerSafe(ticket.subject.includes(subjectToken(ticket.number)) ? ticket.subject : `${subjectToken(ticket.number)} ${ticket.subject}`);
    await this.#store.transaction(async (s) => {
      const thread = await s.tickets.threadIds(ticketId);
      const rowId = await s.tickets.appendMessage(ticketId, {
        direction: 'outbound',
        messageId,
        inReplyTo: thread.lastInbound,
        referencesIds: thread.all.slice(-20),
        from: this.#inbox,
        to: ticket.requester.email,
        subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
        bodyText: body,
        deliveryStatus: 'queued',
        createdAt: now,
      });
      await s.tickets.markFirstHandled(ticketId, now);
      const effects = await this.#lifecycle.moveTo(s, ticketId, next, now);
      await s.jobs.send(SEND_QUEUE, { messageRowId: rowId });
      await s.audit.append(ctx, { action: 'ticket.replied', entityType: 'ticket', entityId: ticketId, before: { status: ticket.status }, after: { status: next, messageId, to: ticket.requester.email, ...effects } });
    });
    return { messageId };
  }

  /** The send job: deliver one queued reply. */
  async deliver(messageRowId: string, lastAttempt: boolean): Promise<void> {
    const reply = await this.#store.read.tickets.outboundReply(messageRowId);
    if (!reply || reply.deliveryStatus !== 'queued') return; // already settled: never send twice
    if (!this.#sender) throw new Error('outgoing mail is not configured');
    const mail: OutgoingMail = {
      from: this.#inbox,
      replyTo: this.#inbox,
      to: reply.to,
      subject: headerSafe(reply.subject),
      messageId: reply.messageId,
      inReplyTo: reply.inReplyTo,
      references: reply.referencesIds,
      text: reply.bodyText,
    };
    await sendRecorded(this.#sender, mail, lastAttempt, (status, error) => this.#store.read.tickets.markDelivery(messageRowId, status, error, this.#clock.now()));
  }
}

/**
 * Sends one mail from a job and records the outcome: sent when the relay accepted it, failed on a
 * permanent refusal or after the last attempt. Anything else throws, so the job queue retries.
 */
export async function sendRecorded(sender: MailSender, mail: OutgoingMail, lastAttempt: boolean, record: (status: 'sent' | 'failed', error: string | null) => Promise<void>): Promise<void> {
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
