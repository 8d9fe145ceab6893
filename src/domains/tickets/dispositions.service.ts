// Handling a ticket by one of the process's dispositions: reply (a template or free text), or
// redirect: account support (forwarded to Support with the original attached, the requester told),
// vulnerability reports (the bug bounty reply) and copyright complaints (the DMCA referral). One
// transaction records the disposition, queues the mail on the outbox and solves the ticket, so a
// failure anywhere leaves nothing behind. A preview renders the same mail without sending it.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { SUBJECT_MAX, TEMPLATE_BODY_MAX } from '../limits.ts';
import type { Transactor } from '../ports.ts';
import { withTicketToken, type RepliesService } from '../mail/replies.service.ts';
import type { TicketLifecycle } from './lifecycle.ts';
import { recordDisposition } from './ticket-changes.service.ts';
import type { TicketsStore } from './tickets.ports.ts';
import type { Disposition, Ticket, TicketStatus } from './tickets.types.ts';
import { isReplyTemplate } from '../templates/catalogue.ts';
import type { TemplatesStore } from '../templates/templates.ports.ts';
import type { TemplatesService } from '../templates/templates.service.ts';
import type { RenderedTemplate } from '../templates/templates.types.ts';
import type { EngagementsService } from '../teams/engagements.service.ts';
import type { TeamsStore } from '../teams/teams.ports.ts';
import type { NotificationsRepository } from '../notifications/notifications.ports.ts';
import type { ComplianceService } from '../compliance/compliance.service.ts';
import type { ComplianceStore } from '../compliance/compliance.ports.ts';
import type { NewComplianceRequest } from '../compliance/compliance.types.ts';

/** The analyst's changes to the previewed requester mail (taken as written, placeholders are not filled in). */
export interface MailEdits {
  subject?: string | undefined;
  body?: string | undefined;
}

/** What each disposition kind asks for besides its kind and edits (the kinds: DISPOSITIONS). */
interface DispositionFields {
  reply: { templateKey?: string | undefined; body?: string | undefined; status?: 'open' | 'pending' | 'solved' | undefined };
  'redirect:support': Record<never, never>;
  'redirect:vulnerability': Record<never, never>;
  'redirect:copyright': Record<never, never>;
  engage: { teamId: string; question: string };
  compliance_request: { reports: string[]; onBehalfOf?: string | undefined };
}

/** One request per disposition kind. */
export type DispositionRequest = { [K in Disposition]: { kind: K; edits?: MailEdits | undefined } & DispositionFields[K] }[Disposition];

export interface PlannedMail extends RenderedTemplate {
  role: 'requester' | 'support';
  to: string;
  /** A forward carries the original message. */
  attachesOriginal: boolean;
}

export interface DispositionPlan {
  disposition: Disposition;
  status: TicketStatus;
  mails: PlannedMail[];
  /** A verified compliance request, queued when the disposition is recorded. */
  compliance?: NewComplianceRequest | undefined;
}

const REDIRECT_TEMPLATES = {
  'redirect:support': 'redirect.support.requester',
  'redirect:vulnerability': 'redirect.vulnerability',
  'redirect:copyright': 'redirect.copyright',
} as const;

type Store = TicketsStore & TemplatesStore & TeamsStore & { notifications: NotificationsRepository } & Pick<ComplianceStore, 'compliance'>;

export class DispositionsService {
  readonly #store: Transactor<Store>;
  readonly #clock: Clock;
  readonly #lifecycle: TicketLifecycle;
  readonly #templates: TemplatesService;
  readonly #replies: RepliesService;
  readonly #supportAddress: () => string;
  readonly #engagements: EngagementsService;
  readonly #compliance: ComplianceService;

  constructor(deps: {
    store: Transactor<Store>;
    clock: Clock;
    lifecycle: TicketLifecycle;
    templates: TemplatesService;
    replies: RepliesService;
    supportAddress: () => string;
    engagements: EngagementsService;
    compliance: ComplianceService;
  }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#lifecycle = deps.lifecycle;
    this.#templates = deps.templates;
    this.#replies = deps.replies;
    this.#supportAddress = deps.supportAddress;
    this.#engagements = deps.engagements;
    this.#compliance = deps.compliance;
  }

  /** The mail a disposition would send, rendered with the ticket's values; nothing is recorded. */
  async preview(ctx: ActionContext, ticketId: string, request: DispositionRequest): Promise<DispositionPlan> {
    authorize(ctx.actor, 'tickets.write');
    const ticket = await this.#store.read.tickets.byId(ticketId);
    if (!ticket) throw new NotFoundError('ticket');
    return this.#plan(this.#store.read, ticket, request);
  }

  async handle(ctx: ActionContext, ticketId: string, request: DispositionRequest): Promise<DispositionPlan & { messageIds: string[]; engagementId?: string }> {
    authorize(ctx.actor, 'tickets.write');
    if (!this.#replies.canSend) throw new ValidationError('outgoing mail is not configured: set the outgoing mail relay (SMTP_URL) in Admin → Setup');
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const state = await s.tickets.lifecycleState(ticketId, true);
      const ticket = state && (await s.tickets.byId(ticketId));
      if (!state || !ticket) throw new NotFoundError('ticket');
      const plan = await this.#plan(s, ticket, request);
      const original = plan.mails.some((m) => m.attachesOriginal) ? await s.tickets.firstInboundRaw(ticketId) : null;
      const messageIds: string[] = [];
      const sent: Record<string, unknown>[] = [];
      for (const [i, mail] of plan.mails.entries()) {
        const template = mail.template ? { key: mail.template.key, version: mail.template.version } : null;
        const queued = await this.#replies.queue(
          s,
          ticketId,
          {
            to: mail.to,
            subject: mail.subject,
            body: mail.body,
            threaded: mail.role === 'requester',
            template,
            attachedRawSha256: mail.attachesOriginal ? original : null,
          },
          new Date(now.getTime() + i),
        ); // +i ms: the conversation shows them in order
        messageIds.push(queued.messageId);
        sent.push({ role: mail.role, to: mail.to, messageId: queued.messageId, template, ...(mail.attachesOriginal ? { attachedRawSha256: original } : {}) });
      }
      const engagement = request.kind === 'engage' ? await this.#engagements.open(s, ctx, ticket, request, now) : null;
      await recordDisposition(s, ctx, ticket, plan.disposition, now, { mails: sent, ...(engagement ? { engagementId: engagement.id } : {}) });
      if (plan.compliance) {
        const requestId = await s.compliance.queueRequest(plan.compliance, now);
        await s.audit.append(ctx, {
          action: 'compliance.queued',
          entityType: 'ticket',
          entityId: ticketId,
          after: { requestId, customerId: plan.compliance.customerId, reports: plan.compliance.reports, onBehalf: plan.compliance.onBehalf },
        });
      }
      const effects = await this.#lifecycle.moveTo(s, ticketId, plan.status, now);
      if (plan.status === 'solved') await this.#engagements.closeForTicket(s, ctx, ticketId, now);
      await s.audit.append(ctx, {
        action: 'ticket.replied',
        entityType: 'ticket',
        entityId: ticketId,
        before: { status: state.status },
        after: {
          status: plan.status,
          disposition: plan.disposition,
          messageId: messageIds[0],
          to: ticket.requester.email,
          template: sent[0]?.template ?? null,
          ...effects,
        },
      });
      return { ...plan, messageIds, ...(engagement ? { engagementId: engagement.id } : {}) };
    });
  }

  async #plan(s: Store, ticket: Ticket, request: DispositionRequest): Promise<DispositionPlan> {
    if (ticket.status === 'closed') throw new ValidationError("a closed ticket cannot be handled again; the requester's next mail opens a new ticket");
    const requester = (rendered: RenderedTemplate): PlannedMail => ({
      ...applyEdits(rendered, request.edits, ticket.number),
      role: 'requester',
      to: ticket.requester.email,
      attachesOriginal: false,
    });
    if (request.kind === 'reply') {
      return { disposition: 'reply', status: request.status ?? 'solved', mails: [requester(await this.#reply(s, ticket, request))] };
    }
    if (request.kind === 'engage') {
      await this.#engagements.teamFor(s, request.teamId, request.question);
      return { disposition: 'engage', status: 'pending', mails: [requester(await this.#templates.renderCurrent(s, 'engagement.notice', ticket))] };
    }
    if (request.kind === 'compliance_request') {
      // A second click or a retried request must not queue the reports twice.
      if (ticket.disposition === 'compliance_request' && (ticket.status === 'pending' || ticket.status === 'solved'))
        throw new ConflictError("this ticket is already handled as a compliance request; the requester's next reply reopens it");
      const assessment = await this.#compliance.assess(s as Store & ComplianceStore, ticket, request);
      const mail = requester(await this.#templates.renderCurrent(s, assessment.templateKey, ticket, assessment.values));
      return {
        disposition: 'compliance_request',
        status: assessment.request ? 'pending' : 'solved',
        mails: [mail],
        compliance: assessment.request ?? undefined,
      };
    }
    // The same redirect again on a solved ticket is a repeat (a second click, a retried request), not new handling.
    if (ticket.status === 'solved' && ticket.disposition === request.kind)
      throw new ConflictError(`this ticket is already solved as ${request.kind}; the requester's next reply reopens it`);
    const mails = [requester(await this.#templates.renderCurrent(s, REDIRECT_TEMPLATES[request.kind], ticket))];
    if (request.kind === 'redirect:support') {
      if (!(await s.tickets.firstInboundRaw(ticket.id)))
        throw new ValidationError('this ticket has no original message from the requester to forward to Support');
      const forward = await this.#templates.renderCurrent(s, 'redirect.support.forward', ticket);
      mails.push({ ...forward, subject: withTicketToken(ticket.number, forward.subject), role: 'support', to: this.#supportAddress(), attachesOriginal: true });
    }
    return { disposition: request.kind, status: 'solved', mails };
  }

  async #reply(s: Store, ticket: Ticket, request: Extract<DispositionRequest, { kind: 'reply' }>): Promise<RenderedTemplate> {
    if (request.body !== undefined && request.templateKey !== undefined)
      throw new ValidationError('a reply is either a template (templateKey) or free text (body), not both');
    if (request.body !== undefined) {
      const subject = withTicketToken(ticket.number, ticket.subject);
      return { subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`, body: cleanBody(request.body), template: null };
    }
    const key = request.templateKey ?? 'reply.generic';
    if (!isReplyTemplate(key)) throw new ValidationError(`${key} is not a reply template (reply.<name>)`);
    return this.#templates.renderCurrent(s, key, ticket);
  }
}

function cleanBody(text: string): string {
  const body = text.replace(/\r\n/g, '\n').trim();
  if (!body) throw new ValidationError('the mail needs some text');
  if (body.length > TEMPLATE_BODY_MAX) throw new ValidationError(`the mail is limited to ${TEMPLATE_BODY_MAX} characters`);
  return body;
}

function applyEdits(rendered: RenderedTemplate, edits: MailEdits | undefined, ticketNumber: number): RenderedTemplate {
  const out = { ...rendered, subject: withTicketToken(ticketNumber, rendered.subject) };
  if (edits?.body !== undefined) out.body = cleanBody(edits.body);
  if (edits?.subject !== undefined) {
    const subject = edits.subject.replace(/[\r\n]+/g, ' ').trim();
    if (!subject || subject.length > SUBJECT_MAX) throw new ValidationError(`a subject needs 1 to ${SUBJECT_MAX} characters`);
    out.subject = withTicketToken(ticketNumber, subject);
  }
  return out;
}
