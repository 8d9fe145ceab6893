// Triage suggestions for new tickets: computed by a job that mail intake enqueues in its own
// transaction (intake never waits for, or fails because of, the classifier), shown with the ticket,
// and decided by analysts with one click. A suggestion never changes the ticket; decisions are kept
// as training data (`secdesk triage export-decisions`).
import type { Logger } from 'pino';
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { Disposition } from '../tickets/tickets.types.ts';
import { outOfScopeOf, type TriageClassifier } from './classifier.ts';
import { parseLabelledRows, type RowProblem } from './labelled-rows.ts';
import { SUGGESTED_DISPOSITION, type TriageLabel } from './labels.ts';
import { formatEvaluation, type Evaluation } from './metrics.ts';
import type { TriageInput } from './signals.ts';
import { evaluateClassifier } from './training.ts';
import type { TriageStore } from './triage.ports.ts';
import type { DecidedExample, TicketSuggestion, TriageJob } from './triage.types.ts';
import { DUPLICATES_QUEUE } from './duplicates.types.ts';

const JOB_CTX: ActionContext = { actor: { ...SYSTEM_ACTOR, label: 'triage' } };
const NOISE_TAGS = new Set(['auto-reply', 'out-of-office', 'bounce', 'feedback-report']);
const MAX_EXPORT = 100_000;

export interface TriageEvaluation {
  modelVersion: string;
  evaluation: Evaluation;
  problems: RowProblem[];
  /** The same text the CLI prints, ending with `macro-F1: 0.NNN`. */
  report: string;
}

export class TriageService {
  readonly #store: Transactor<TriageStore>;
  readonly #clock: Clock;
  readonly #logger: Pick<Logger, 'warn' | 'error'>;
  readonly #classifier: TriageClassifier | null;

  /** `classifier` is null when the model could not be loaded: tickets then simply get no suggestion. */
  constructor(deps: { store: Transactor<TriageStore>; clock: Clock; logger: Pick<Logger, 'warn' | 'error'>; classifier: TriageClassifier | null }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#classifier = deps.classifier;
  }

  /** The `triage.suggest` job. Runs once per ticket; a classifier failure is logged and skipped, never retried. */
  async suggest(job: TriageJob): Promise<'suggested' | 'skipped'> {
    if (!this.#classifier) return 'skipped';
    const ticket = await this.#store.read.tickets.byId(job.ticketId);
    const first = ticket?.messages.find((m) => m.direction === 'inbound');
    if (!ticket || !first) return 'skipped';
    const input: TriageInput = {
      subject: first.subject || ticket.subject,
      body: first.bodyText,
      from: first.from,
      attachmentNames: first.attachments.map((a) => a.filename),
      noise: ticket.tags.find((t) => NOISE_TAGS.has(t)) ?? null,
    };
    let result;
    try {
      result = this.#classifier.suggest(input);
    } catch (err) {
      this.#logger.error(
        { ticketId: job.ticketId, err: err instanceof Error ? err.message : String(err) },
        'triage classifier failed; the ticket gets no suggestion',
      );
      return 'skipped';
    }
    return this.#store.transaction(async (s) => {
      if (!(await s.triage.saveSuggestion(job.ticketId, result, this.#clock.now()))) return 'skipped';
      // Vulnerability reports are then compared with open and recent tickets (possible duplicates).
      if (result.label === 'vulnerability_report') await s.jobs.send(DUPLICATES_QUEUE, { ticketId: job.ticketId });
      await s.audit.append(JOB_CTX, {
        action: 'ticket.triage_suggested',
        entityType: 'ticket',
        entityId: job.ticketId,
        after: {
          label: result.label,
          disposition: result.disposition,
          confidence: result.confidence,
          outOfScope: result.outOfScope?.families.map((f) => f.family) ?? null,
          modelVersion: result.modelVersion,
        },
      });
      return 'suggested';
    });
  }

  async view(ctx: ActionContext, ticketId: string): Promise<TicketSuggestion | null> {
    authorize(ctx.actor, 'tickets.read');
    const stored = await this.#store.read.triage.suggestion(ticketId);
    if (!stored) return null;
    const { id: _id, ...suggestion } = stored;
    return { ...suggestion, outOfScope: outOfScopeOf(suggestion.reasons), decision: await this.#store.read.triage.latestDecision(ticketId) };
  }

  /**
   * Records the analyst's label (and disposition) as training data. It does not change the ticket.
   * Without a disposition, the suggested one is kept for the suggested label (a reply when the report
   * is likely out of scope), and the label's usual one is taken for any other label.
   */
  async decide(ctx: ActionContext, ticketId: string, choice: { label: TriageLabel; disposition?: Disposition | null }): Promise<TicketSuggestion> {
    authorize(ctx.actor, 'tickets.write');
    if (choice.label === 'spam_or_other' && choice.disposition) throw new ValidationError('spam or machine mail takes no disposition');
    await this.#store.transaction(async (s) => {
      if (!(await s.tickets.byId(ticketId))) throw new NotFoundError('ticket');
      const suggestion = await s.triage.suggestion(ticketId);
      if (!suggestion) throw new ConflictError('this ticket has no triage suggestion to decide on');
      const disposition =
        choice.disposition !== undefined
          ? choice.disposition
          : choice.label === suggestion.label
            ? suggestion.disposition
            : SUGGESTED_DISPOSITION[choice.label];
      const suggested = { label: suggestion.label, disposition: suggestion.disposition };
      const chosen = { label: choice.label, disposition };
      await s.triage.recordDecision({ ticketId, suggestionId: suggestion.id, suggested, chosen, decidedBy: ctx.actor.userId, at: this.#clock.now() });
      await s.audit.append(ctx, {
        action: 'ticket.triage_decided',
        entityType: 'ticket',
        entityId: ticketId,
        before: suggested,
        after: { ...chosen, accepted: chosen.label === suggested.label },
      });
    });
    return (await this.view(ctx, ticketId))!;
  }

  /** The shipped model on a labelled JSONL text: the figures `secdesk triage eval` prints. */
  evaluate(ctx: ActionContext, jsonl: string): TriageEvaluation {
    authorize(ctx.actor, 'tickets.write');
    if (!this.#classifier) throw new ConflictError('the triage model is not loaded');
    const { rows, problems } = parseLabelledRows(jsonl);
    if (rows.length === 0)
      throw new ValidationError(`no usable labelled rows${problems.length ? ` (${problems.length} bad lines)` : ''}`, { problems: problems.slice(0, 100) });
    const evaluation = evaluateClassifier(this.#classifier, rows);
    const heading = `triage eval of model ${this.#classifier.modelVersion}: ${rows.length} rows${problems.length ? `, ${problems.length} bad lines skipped` : ''}`;
    return { modelVersion: this.#classifier.modelVersion, evaluation, problems: problems.slice(0, 100), report: formatEvaluation(evaluation, heading) };
  }

  /** Analysts' decisions as labelled rows, for `secdesk triage train --own`. */
  async decidedExamples(ctx: ActionContext): Promise<DecidedExample[]> {
    authorize(ctx.actor, 'tickets.read');
    return this.#store.read.triage.decidedExamples(MAX_EXPORT);
  }
}
