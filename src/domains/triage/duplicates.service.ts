// Possible duplicates of a new vulnerability report: a job after triage compares it with the open and
// recent tickets and keeps the close ones with their evidence; the ticket shows them ("possible
// duplicate of #N" and the matching passages), and an analyst's link marks one. Nothing else changes:
// answering with the duplicate reply stays the analyst's own action.
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { compareReports, DUPLICATE_THRESHOLD, inverseFrequencies } from './duplicates.ts';
import type { DuplicateCandidate, DuplicatesJob } from './duplicates.types.ts';
import type { TriageStore } from './triage.ports.ts';

const JOB_CTX: ActionContext = { actor: { ...SYSTEM_ACTOR, label: 'triage' } };
/** Closed and solved tickets count as recent for this long. */
const RECENT_DAYS = 90;
/** At most this many tickets are compared (newest first), and this many candidates kept. */
const MAX_COMPARED = 2_000;
const MAX_CANDIDATES = 5;
/** The reply template a linked duplicate offers. */
export const DUPLICATE_TEMPLATE = 'reply.duplicate';

export class DuplicatesService {
  readonly #store: Transactor<TriageStore>;
  readonly #clock: Clock;

  constructor(deps: { store: Transactor<TriageStore>; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  /** The `triage.duplicates` job: idempotent (a ticket's candidates are stored once). */
  async find(job: DuplicatesJob): Promise<number> {
    const ticket = await this.#store.read.tickets.byId(job.ticketId);
    const first = ticket?.messages.find((m) => m.direction === 'inbound');
    if (!ticket || !first) return 0;
    const now = this.#clock.now();
    const report = { subject: first.subject || ticket.subject, body: first.bodyText };
    const others = await this.#store.read.triage.comparableTickets(ticket.id, new Date(now.getTime() - RECENT_DAYS * 86_400_000), MAX_COMPARED);
    const idf = inverseFrequencies([report, ...others]);
    const candidates = others
      .map((other) => ({ duplicateOf: other.id, number: other.number, evidence: compareReports(report, other, idf) }))
      .filter((c) => c.evidence.score >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.evidence.score - a.evidence.score || a.number - b.number)
      .slice(0, MAX_CANDIDATES);
    if (!candidates.length) return 0;
    return this.#store.transaction(async (s) => {
      const saved = await s.triage.saveDuplicateCandidates(
        ticket.id,
        candidates.map(({ duplicateOf, evidence }) => ({ duplicateOf, evidence })),
        now,
      );
      if (saved)
        await s.audit.append(JOB_CTX, {
          action: 'ticket.duplicates_found',
          entityType: 'ticket',
          entityId: ticket.id,
          after: { possibleDuplicatesOf: candidates.map((c) => ({ number: c.number, score: c.evidence.score })) },
        });
      return saved;
    });
  }

  async view(ctx: ActionContext, ticketId: string): Promise<DuplicateCandidate[]> {
    authorize(ctx.actor, 'tickets.read');
    return this.#store.read.triage.duplicateCandidates(ticketId);
  }

  /** Marks the ticket as a duplicate of the candidate's ticket (audited). It sends nothing and changes no status. */
  async link(ctx: ActionContext, ticketId: string, candidateId: string): Promise<DuplicateCandidate[]> {
    authorize(ctx.actor, 'tickets.write');
    await this.#store.transaction(async (s) => {
      if (!(await s.tickets.byId(ticketId))) throw new NotFoundError('ticket');
      const candidate = (await s.triage.duplicateCandidates(ticketId)).find((c) => c.id === candidateId);
      if (!candidate) throw new NotFoundError('possible duplicate');
      if (candidate.linked) throw new ConflictError(`this ticket is already linked as a duplicate of #${candidate.duplicateOf.number}`);
      await s.triage.linkDuplicate(ticketId, candidateId, ctx.actor.userId, this.#clock.now());
      await s.audit.append(ctx, {
        action: 'ticket.duplicate_linked',
        entityType: 'ticket',
        entityId: ticketId,
        after: { duplicateOf: candidate.duplicateOf.number, score: candidate.evidence.score },
      });
    });
    return this.view(ctx, ticketId);
  }
}
