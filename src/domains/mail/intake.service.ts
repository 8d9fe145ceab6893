// Mail to the security address becomes tickets. The raw bytes are kept first (addressed by their
// SHA-256); a message that answers one of ours, or carries a ticket's subject token and comes from
// its requester, joins that ticket and reopens it when solved; a duplicate delivery of one
// Message-ID is stored once; machine mail (auto-replies, bounces) is recorded but never reopens
// anything. Every path ends in a stored message: nothing is dropped. A source key (one IMAP UID)
// is recorded in the same transaction as the message, so a message taken again after a crash is
// recognised even when it has no Message-ID.
import { createHash } from 'node:crypto';
import { authorize, SYSTEM_ACTOR, type Actor } from '../../authz/authorize.ts';
import type { TeamCalendar } from '../calendar/calendar.ts';
import type { ActionContext, Clock } from '../context.ts';
import type { Transactor } from '../ports.ts';
import type { TicketLifecycle } from '../tickets/lifecycle.ts';
import { firstHandlingDue } from '../tickets/sla.ts';
import type { TicketsStore } from '../tickets/tickets.ports.ts';
import type { NewMessage, ThreadTarget } from '../tickets/tickets.types.ts';
import { admitAttachments } from './attachments.ts';
import type { MailStore } from './mail.ports.ts';
import type { InboundMail } from './mail.types.ts';
import { classifyNoise } from './noise.ts';
import { answeredMessageIds, ticketNumberInSubject } from './threading.ts';
import { TRIAGE_QUEUE } from '../triage/triage.types.ts';

export interface MailParserPort {
  parse(raw: Buffer): Promise<InboundMail>;
}

export type IntakeChannel = 'smtp' | 'imap' | 'webhook' | 'import';

export interface IntakeResult {
  outcome: 'created' | 'appended' | 'duplicate';
  ticketId: string;
  ticketNumber: number;
}

/** Where a message came from, when the channel can name it. */
export interface IntakeSource {
  /** Unique per source message: the same key is filed once, whatever the message holds. */
  key: string;
  /** Why the message was not taken whole (shown as the message's parse warning). */
  warning?: string | null;
}

export interface IntakeOptions {
  /** The person who handed the message in (an upload); mail from the network is taken in by the intake itself. */
  by?: ActionContext;
  source?: IntakeSource;
}

type IntakeStore = TicketsStore & Pick<MailStore, 'mailSources'>;

export const INTAKE_ACTOR: Actor = { ...SYSTEM_ACTOR, label: 'mail intake' };

export class MailIntakeService {
  readonly #store: Transactor<IntakeStore>;
  readonly #parser: MailParserPort;
  readonly #clock: Clock;
  readonly #calendar: TeamCalendar;
  readonly #lifecycle: TicketLifecycle;

  constructor(deps: { store: Transactor<IntakeStore>; parser: MailParserPort; clock: Clock; calendar: TeamCalendar; lifecycle: TicketLifecycle }) {
    this.#store = deps.store;
    this.#parser = deps.parser;
    this.#clock = deps.clock;
    this.#calendar = deps.calendar;
    this.#lifecycle = deps.lifecycle;
  }

  async receive(raw: Buffer, channel: IntakeChannel, { by, source }: IntakeOptions = {}): Promise<IntakeResult> {
    if (by) authorize(by.actor, 'tickets.write');
    const sha256 = createHash('sha256').update(raw).digest('hex');
    const parsed = await this.#parser.parse(raw);
    const mail = source?.warning ? { ...parsed, parseWarning: [source.warning, parsed.parseWarning].filter(Boolean).join('; ') } : parsed;
    const ctx: ActionContext = by ?? { actor: INTAKE_ACTOR };
    return this.#store.transaction(async (s) => {
      if (!source) return this.#file(s, ctx, raw, sha256, mail, channel);
      const taken = await s.mailSources.ticketFor(source.key);
      if (taken) return { outcome: 'duplicate', ...taken };
      const result = await this.#file(s, ctx, raw, sha256, mail, channel);
      await s.mailSources.record(source.key, result.ticketId);
      return result;
    });
  }

  async #file(s: IntakeStore, ctx: ActionContext, raw: Buffer, sha256: string, mail: InboundMail, channel: IntakeChannel): Promise<IntakeResult> {
    const receivedAt = this.#clock.now();
    const noise = classifyNoise(mail);
    await s.rawMail.put(sha256, raw);
    if (mail.messageId) {
      const same = await s.tickets.byMessageIds([mail.messageId]);
      if (same) return { outcome: 'duplicate', ticketId: same.id, ticketNumber: same.number };
    }
    const message = toMessage(mail, sha256, noise, receivedAt);
    const target = await this.#thread(s, mail);
    if (target) {
      await s.tickets.appendMessage(target.id, message);
      const reopen = !noise && (target.status === 'solved' || target.status === 'pending');
      // Reopening goes through the lifecycle: it voids a pending quiet-period close and restarts a paused SLA clock.
      const effects = reopen ? await this.#lifecycle.moveTo(s, target.id, 'open', receivedAt) : {};
      await s.audit.append(ctx, {
        action: reopen ? 'ticket.reopened_by_mail' : 'ticket.mail_appended',
        entityType: 'ticket',
        entityId: target.id,
        after: { sha256, channel, noise, status: reopen ? 'open' : target.status, ...effects },
      });
      return { outcome: 'appended', ticketId: target.id, ticketNumber: target.number };
    }
    const created = await s.tickets.create({
      subject: mail.subject,
      status: 'new',
      requesterEmail: mail.from?.address ?? 'unknown-sender@invalid',
      requesterName: mail.from?.name ?? null,
      organisation: null,
      disposition: null,
      tags: noise ? [noise] : [],
      slaDueAt: noise ? null : firstHandlingDue(this.#calendar, receivedAt),
      createdAt: receivedAt,
      messages: [message],
    });
    await this.#lifecycle.opened(s, created.id, receivedAt);
    await s.jobs.send(TRIAGE_QUEUE, { ticketId: created.id }); // the suggestion comes after: intake never waits for it
    await s.audit.append(ctx, {
      action: 'ticket.opened',
      entityType: 'ticket',
      entityId: created.id,
      after: { number: created.number, sha256, channel, noise, parseWarning: mail.parseWarning },
    });
    return { outcome: 'created', ticketId: created.id, ticketNumber: created.number };
  }

  async #thread(s: TicketsStore, mail: InboundMail): Promise<ThreadTarget | null> {
    const byHeaders = await s.tickets.byMessageIds(answeredMessageIds(mail));
    if (byHeaders) return byHeaders;
    const number = ticketNumberInSubject(mail.subject);
    if (number === null) return null;
    const byToken = await s.tickets.byNumber(number);
    // A subject token alone is guessable: only the ticket's requester may thread by it.
    return byToken && byToken.requesterEmail === mail.from?.address ? byToken : null;
  }
}

function toMessage(mail: InboundMail, rawSha256: string, noise: string | null, receivedAt: Date): NewMessage {
  return {
    direction: 'inbound',
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    from: mail.from?.address ?? 'unknown-sender@invalid',
    to: mail.to.map((a) => a.address).join(', ') || null,
    subject: mail.subject,
    bodyText: mail.text,
    bodyHtml: mail.html,
    attachments: admitAttachments(mail.attachments),
    rawSha256,
    parseWarning: mail.parseWarning,
    noiseKind: noise,
    createdAt: receivedAt,
  };
}
