// Working a ticket: status, assignee, disposition, tags, requester details, internal notes. Each
// change is validated, applied under the ticket's row lock and audited in one transaction.
import { authorize } from '../../authz/authorize.ts';
import { POLICIES } from '../../authz/policies.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { TicketLifecycle } from './lifecycle.ts';
import { normaliseTags } from './tags.ts';
import type { TicketsStore } from './tickets.ports.ts';
import type { Disposition, LifecycleState, TicketStatus } from './tickets.types.ts';

const MAX_NOTE = 100_000;
const MAX_NAME = 200;

export interface TicketPatch {
  status?: TicketStatus | undefined;
  /** A user holding tickets.write, or null to unassign. */
  assigneeId?: string | null | undefined;
  disposition?: Disposition | null | undefined;
  tags?: string[] | undefined;
  requesterName?: string | null | undefined;
  organisation?: string | null | undefined;
}

function cleanName(value: string | null, what: string): string | null {
  if (value === null) return null;
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (text.length > MAX_NAME) throw new ValidationError(`${what} is limited to ${MAX_NAME} characters`);
  return text || null;
}

/**
 * Sets a ticket's disposition (a disposition meets the first-handling target) and audits it, with
 * what the handling did (`details`: templates used, mail queued). Runs in the caller's transaction.
 */
export async function recordDisposition(
  s: TicketsStore,
  ctx: ActionContext,
  current: { id: string; disposition: Disposition | null },
  disposition: Disposition | null,
  now: Date,
  details: Record<string, unknown> = {},
): Promise<void> {
  await s.tickets.update(current.id, { disposition }, now);
  if (disposition) await s.tickets.markFirstHandled(current.id, now);
  await s.audit.append(ctx, {
    action: 'ticket.disposition_set',
    entityType: 'ticket',
    entityId: current.id,
    before: { disposition: current.disposition },
    after: { disposition, ...details },
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class TicketChangesService {
  readonly #store: Transactor<TicketsStore>;
  readonly #clock: Clock;
  readonly #lifecycle: TicketLifecycle;

  constructor(deps: { store: Transactor<TicketsStore>; clock: Clock; lifecycle: TicketLifecycle }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#lifecycle = deps.lifecycle;
  }

  async update(ctx: ActionContext, ticketId: string, patch: TicketPatch): Promise<void> {
    authorize(ctx.actor, 'tickets.write');
    const tags = patch.tags === undefined ? undefined : normaliseTags(patch.tags);
    const requesterName = patch.requesterName === undefined ? undefined : cleanName(patch.requesterName, 'a name');
    const organisation = patch.organisation === undefined ? undefined : cleanName(patch.organisation, 'an organisation');
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      const state = await s.tickets.lifecycleState(ticketId, true);
      if (!state) throw new NotFoundError('ticket');
      const current = await s.tickets.byId(ticketId);
      if (!current) throw new NotFoundError('ticket');
      const audit = (action: string, before: unknown, after: unknown) =>
        s.audit.append(ctx, { action, entityType: 'ticket', entityId: ticketId, before, after });

      if (patch.assigneeId !== undefined && patch.assigneeId !== state.assigneeId) {
        const assignee = patch.assigneeId === null ? null : await this.#agent(s, patch.assigneeId);
        await s.tickets.update(ticketId, { assigneeId: assignee?.id ?? null }, now);
        await audit(
          assignee ? 'ticket.assigned' : 'ticket.unassigned',
          { assignee: current.assignee?.name ?? null },
          { assignee: assignee?.name ?? null, assigneeId: assignee?.id ?? null },
        );
      }
      if (patch.disposition !== undefined && patch.disposition !== current.disposition) await recordDisposition(s, ctx, current, patch.disposition, now);
      if (tags && !same(tags, current.tags)) {
        await s.tickets.update(ticketId, { tags }, now);
        await audit('ticket.tags_set', { tags: current.tags }, { tags });
      }
      await this.#requester(s, current, requesterName, organisation, now, audit);
      if (patch.status !== undefined && patch.status !== state.status) await this.#status(s, state, patch.status, now, audit);
    });
  }

  async #agent(s: TicketsStore, userId: string) {
    const agent = (await s.tickets.agents(POLICIES['tickets.write'])).find((a) => a.id === userId);
    if (!agent) throw new ValidationError('tickets can be assigned only to an enabled user who may work tickets');
    return agent;
  }

  async #requester(
    s: TicketsStore,
    current: { id: string; requester: { name: string | null }; organisation: string | null },
    name: string | null | undefined,
    organisation: string | null | undefined,
    now: Date,
    audit: (a: string, b: unknown, c: unknown) => Promise<void>,
  ) {
    const changes: { requesterName?: string | null; organisation?: string | null } = {};
    if (name !== undefined && name !== current.requester.name) changes.requesterName = name;
    if (organisation !== undefined && organisation !== current.organisation) changes.organisation = organisation;
    if (Object.keys(changes).length === 0) return;
    await s.tickets.update(current.id, changes, now);
    await s.tickets.refreshSearch(current.id);
    await audit('ticket.requester_changed', { requesterName: current.requester.name, organisation: current.organisation }, changes);
  }

  async #status(s: TicketsStore, state: LifecycleState, to: TicketStatus, now: Date, audit: (a: string, b: unknown, c: unknown) => Promise<void>) {
    const effects = await this.#lifecycle.moveTo(s, state.id, to, now);
    await audit('ticket.status_changed', { status: state.status }, { status: to, ...effects });
  }

  /** An internal note: kept with the conversation, never mailed, never in the search index. */
  async addNote(ctx: ActionContext, ticketId: string, text: string): Promise<{ id: string }> {
    authorize(ctx.actor, 'tickets.write');
    const body = text.replace(/\r\n/g, '\n').trim();
    if (!body) throw new ValidationError('a note needs some text');
    if (body.length > MAX_NOTE) throw new ValidationError(`a note is limited to ${MAX_NOTE} characters`);
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const state = await s.tickets.lifecycleState(ticketId, true);
      if (!state) throw new NotFoundError('ticket');
      const id = await s.tickets.appendMessage(ticketId, {
        direction: 'note',
        authorId: ctx.actor.userId,
        from: ctx.actor.label,
        subject: state.subject,
        bodyText: body,
        createdAt: now,
      });
      await s.audit.append(ctx, { action: 'ticket.note_added', entityType: 'ticket', entityId: ticketId, after: { messageId: id, length: body.length } });
      return { id };
    });
  }
}
