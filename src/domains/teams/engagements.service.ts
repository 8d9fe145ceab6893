// Engagements of subject-matter teams: opened by the `engage` disposition (inside its transaction),
// the team's issue created by a durable job (never inside a transaction: HTTP waits on nobody's
// lock), reminders to the owner to update the requester at the team's cadence, and the team's
// answer, which the ticket offers as the reply that solves it (sending it closes the engagement).
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { NotificationsRepository } from '../notifications/notifications.ports.ts';
import type { Ticket } from '../tickets/tickets.types.ts';
import type { TicketsStore } from '../tickets/tickets.ports.ts';
import { withTicketToken, type RepliesService } from '../mail/replies.service.ts';
import { TrackerError, type IssueTracker } from './issue-tracker.ts';
import type { TeamsStore } from './teams.ports.ts';
import type { Team, TeamEngagement } from './teams.types.ts';

export const ISSUE_QUEUE = 'engagements.create-issue';
export const UPDATE_REMINDER_QUEUE = 'engagements.update-reminder';

export interface IssueJob {
  engagementId: string;
}

export interface UpdateReminderJob {
  engagementId: string;
  /** The due time this check is for (ISO 8601); a moved due time makes it void. */
  checkAt: string;
}

const JOB_CTX: ActionContext = { actor: { ...SYSTEM_ACTOR, label: 'engagement jobs' } };
const MAX_QUESTION = 20_000;
const MAX_ANSWER = 100_000;
const HOUR = 3_600_000;

type Store = TeamsStore & TicketsStore & { notifications: NotificationsRepository };

export const issueMarker = (engagementId: string) => `secdesk-engagement-${engagementId}`;

export class EngagementsService {
  readonly #store: Transactor<Store>;
  readonly #clock: Clock;
  readonly #tracker: IssueTracker;
  readonly #notifier: Notifier;
  readonly #replies: RepliesService;

  constructor(deps: { store: Transactor<Store>; clock: Clock; tracker: IssueTracker; notifier: Notifier; replies: RepliesService }) {
    this.#replies = deps.replies;
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#tracker = deps.tracker;
    this.#notifier = deps.notifier;
  }

  /** The team an engage request names, checked before anything is written. */
  async teamFor(s: Store, teamId: string, question: string): Promise<Team> {
    const team = await s.teams.byId(teamId);
    if (!team) throw new ValidationError('teamId names no team (see GET /api/teams)');
    const text = question.trim();
    if (!text) throw new ValidationError('question: describe for the team what they should research');
    if (text.length > MAX_QUESTION) throw new ValidationError(`question is limited to ${MAX_QUESTION} characters`);
    return team;
  }

  /** Inside the engage disposition's transaction: the engagement, its first reminder and its issue job. */
  async open(s: Store, ctx: ActionContext, ticket: Ticket, request: { teamId: string; question: string }, now: Date): Promise<TeamEngagement> {
    const team = await this.teamFor(s, request.teamId, request.question);
    if ((await s.teamEngagements.forTicket(ticket.id)).some((e) => e.state !== 'closed')) {
      throw new ConflictError('this ticket already has an engagement under way; record its answer or close it first');
    }
    const due = new Date(now.getTime() + team.cadenceHours * HOUR);
    const tracker = await s.teams.trackerOf(team.id);
    const id = await s.teamEngagements.insert({
      ticketId: ticket.id,
      teamId: team.id,
      ownerId: ctx.actor.userId ?? team.ownerId,
      question: request.question.trim(),
      nextUpdateDue: due,
      issueState: tracker ? 'pending' : 'none',
      createdAt: now,
    });
    await this.#scheduleReminder(s, id, due);
    if (tracker) await s.jobs.send(ISSUE_QUEUE, { engagementId: id } satisfies IssueJob, { singletonKey: id });
    const teamMail = team.notifyAddress ? await this.#tellTeam(s, ticket, team, request.question.trim(), now) : null;
    const engagement = (await s.teamEngagements.byId(id))!;
    await s.audit.append(ctx, {
      action: 'engagement.opened',
      entityType: 'engagement',
      entityId: id,
      after: { ticketId: ticket.id, team: team.name, nextUpdateDue: due, issue: tracker ? tracker.kind : null, teamMail },
    });
    return engagement;
  }

  /** The team's members hear of the engagement at their address (a mail on the ticket's outbox, after the requester's notice). */
  async #tellTeam(s: Store, ticket: Ticket, team: Team, question: string, now: Date): Promise<{ to: string; messageId: string }> {
    const body = [
      `Hello ${team.name},`,
      '',
      `the security team asks for your research on ticket #${ticket.number} (${ticket.subject}):`,
      '',
      question,
      '',
      `The requester has been told that research is under way. Please record your answer in secdesk (the engagement on ticket #${ticket.number}); it is sent to them from there.${this.#link(ticket.id)}`,
    ].join('\n');
    const queued = await this.#replies.queue(
      s,
      ticket.id,
      { to: team.notifyAddress!, subject: withTicketToken(ticket.number, `Research needed: ${ticket.subject}`), body, threaded: false },
      new Date(now.getTime() + 1),
    );
    return { to: team.notifyAddress!, messageId: queued.messageId };
  }

  /** Inside a transaction that solves the ticket: its engagements are done. */
  async closeForTicket(s: Store, ctx: ActionContext, ticketId: string, now: Date): Promise<string[]> {
    const active = (await s.teamEngagements.forTicket(ticketId)).filter((e) => e.state !== 'closed');
    for (const e of active) {
      await s.teamEngagements.setState(e.id, 'closed', now);
      await s.audit.append(ctx, {
        action: 'engagement.closed',
        entityType: 'engagement',
        entityId: e.id,
        before: { state: e.state },
        after: { state: 'closed', ticketId },
      });
    }
    return active.map((e) => e.id);
  }

  async list(ctx: ActionContext): Promise<TeamEngagement[]> {
    authorize(ctx.actor, 'tickets.read');
    return this.#store.read.teamEngagements.listActive(500);
  }

  async get(ctx: ActionContext, id: string): Promise<TeamEngagement> {
    authorize(ctx.actor, 'tickets.read');
    const found = await this.#store.read.teamEngagements.byId(id);
    if (!found) throw new NotFoundError('engagement');
    return found;
  }

  async forTicket(ctx: ActionContext, ticketId: string): Promise<TeamEngagement[]> {
    authorize(ctx.actor, 'tickets.read');
    return this.#store.read.teamEngagements.forTicket(ticketId);
  }

  /** The team's answer: the ticket then offers it as the reply that solves it. */
  async answer(ctx: ActionContext, id: string, text: string): Promise<TeamEngagement> {
    authorize(ctx.actor, 'tickets.write');
    const answer = text.replace(/\r\n/g, '\n').trim();
    if (!answer) throw new ValidationError('answer: write what the team found');
    if (answer.length > MAX_ANSWER) throw new ValidationError(`answer is limited to ${MAX_ANSWER} characters`);
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const e = await s.teamEngagements.byId(id, true);
      if (!e) throw new NotFoundError('engagement');
      if (e.state === 'closed') throw new ConflictError('this engagement is closed; its ticket was answered already');
      await s.teamEngagements.recordAnswer(id, answer, ctx.actor.label, now);
      if (e.ownerId && e.ownerId !== ctx.actor.userId) {
        await this.#notifier.notify(s, [e.ownerId], {
          kind: 'engagement_answered',
          ticketId: e.ticketId,
          dedupeKey: `engagement-answered:${id}:${now.toISOString()}`,
          title: `${e.teamName} answered: #${e.ticketNumber} ${short(e.ticketSubject)}`,
          body: `${e.teamName} recorded its answer. The ticket offers it as the reply that solves it.${this.#link(e.ticketId)}`,
        });
      }
      await s.audit.append(ctx, {
        action: 'engagement.answered',
        entityType: 'engagement',
        entityId: id,
        before: { state: e.state },
        after: { state: 'answered', ticketId: e.ticketId, length: answer.length },
      });
      return (await s.teamEngagements.byId(id))!;
    });
  }

  /** Queues issue creation again after a permanent failure was fixed (e.g. a new token). */
  async retryIssue(ctx: ActionContext, id: string): Promise<TeamEngagement> {
    authorize(ctx.actor, 'tickets.write');
    return this.#store.transaction(async (s) => {
      const e = await s.teamEngagements.byId(id, true);
      if (!e) throw new NotFoundError('engagement');
      if (e.issue.state === 'created') throw new ConflictError(`the issue exists already: ${e.issue.url}`);
      if (!(await s.teams.trackerOf(e.teamId))) throw new ValidationError(`${e.teamName} has no issue tracker configured (Admin → Teams)`);
      await s.teamEngagements.setIssue(id, { state: 'pending', error: null });
      await s.jobs.send(ISSUE_QUEUE, { engagementId: id } satisfies IssueJob, { singletonKey: id });
      await s.audit.append(ctx, {
        action: 'engagement.issue_retried',
        entityType: 'engagement',
        entityId: id,
        before: { issue: e.issue.state, error: e.issue.error },
      });
      return (await s.teamEngagements.byId(id))!;
    });
  }

  /**
   * The issue job. Looks for an issue carrying the engagement's marker first, so a retry after a
   * create whose outcome was lost never makes a second one. Temporary failures throw (the queue
   * retries with backoff); permanent ones are recorded with the tracker's message.
   */
  async createIssue(job: IssueJob, lastAttempt: boolean): Promise<'created' | 'found' | 'failed' | 'skipped'> {
    const read = this.#store.read;
    const e = await read.teamEngagements.byId(job.engagementId);
    if (!e || e.issue.state === 'created') return 'skipped';
    const settings = await read.teams.trackerOf(e.teamId);
    if (!settings) return this.#issueFailed(e, `${e.teamName} has no issue tracker configured any more`);
    const marker = issueMarker(e.id);
    try {
      const existing = await this.#tracker.find(settings, marker);
      const issue = existing ?? (await this.#tracker.create(settings, this.#draft(e, marker)));
      await this.#store.transaction(async (s) => {
        await s.teamEngagements.setIssue(e.id, { state: 'created', ref: issue.ref, url: issue.url, error: null });
        await s.audit.append(JOB_CTX, {
          action: 'engagement.issue_created',
          entityType: 'engagement',
          entityId: e.id,
          after: { tracker: settings.kind, ref: issue.ref, url: issue.url, found: Boolean(existing) },
        });
      });
      return existing ? 'found' : 'created';
    } catch (err) {
      if (!(err instanceof TrackerError)) throw err;
      if (err.permanent || lastAttempt)
        return this.#issueFailed(e, err.permanent ? err.message : `gave up retrying: ${err.message.replace(/; will retry$/, '')}`);
      await read.teamEngagements.setIssue(e.id, { state: 'pending', error: err.message });
      throw err;
    }
  }

  async #issueFailed(e: TeamEngagement, message: string): Promise<'failed'> {
    await this.#store.transaction(async (s) => {
      await s.teamEngagements.setIssue(e.id, { state: 'failed', error: message });
      await s.audit.append(JOB_CTX, { action: 'engagement.issue_failed', entityType: 'engagement', entityId: e.id, after: { error: message } });
    });
    return 'failed';
  }

  #draft(e: TeamEngagement, marker: string) {
    const description = [
      `secdesk ticket #${e.ticketNumber} needs ${e.teamName}'s research.`,
      '',
      e.question,
      '',
      `Record the answer in secdesk (the engagement on ticket #${e.ticketNumber});${this.#link(e.ticketId) || ' ask the security team for the link.'}`,
      '',
      `secdesk reference: ${marker}`,
    ].join('\n');
    return {
      title: `secdesk #${e.ticketNumber}: ${short(e.ticketSubject.replace(/[\r\n]+/g, ' '))}`,
      description,
      marker,
      labels: ['secdesk', 'security-inbox'],
    };
  }

  /**
   * The reminder job: at the due time, the owner is told to send the requester an update, unless
   * one went out since (then the clock restarts from it). Stops once the engagement is answered.
   */
  async remind(job: UpdateReminderJob): Promise<'reminded' | 'moved' | 'stopped' | 'stale'> {
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const e = await s.teamEngagements.byId(job.engagementId, true);
      // Answered, closed, or the ticket solved some other way: nobody is waiting for research any more.
      if (e?.state !== 'open' || e.ticketStatus === 'solved' || e.ticketStatus === 'closed') return 'stopped';
      if (!e.nextUpdateDue || e.nextUpdateDue.toISOString() !== job.checkAt) return 'stale';
      const team = await s.teams.byId(e.teamId);
      const cadence = (team?.cadenceHours ?? 72) * HOUR;
      const lastUpdate = await s.teamEngagements.lastOutboundSince(e.ticketId, new Date(e.nextUpdateDue.getTime() - cadence));
      if (lastUpdate && lastUpdate.getTime() + cadence > now.getTime()) {
        const due = new Date(lastUpdate.getTime() + cadence);
        await s.teamEngagements.setNextUpdateDue(e.id, due);
        await this.#scheduleReminder(s, e.id, due);
        return 'moved';
      }
      const next = new Date(now.getTime() + cadence);
      if (e.ownerId) {
        await this.#notifier.notify(s, [e.ownerId], {
          kind: 'engagement_update_due',
          ticketId: e.ticketId,
          dedupeKey: `engagement-update:${e.id}:${job.checkAt}`,
          title: `Send the requester an update: #${e.ticketNumber} ${short(e.ticketSubject)}`,
          body: `${e.teamName} is still researching. The requester has had no update for ${cadence / HOUR} hours: reply on the ticket to tell them where things stand.${this.#link(e.ticketId)}`,
        });
      }
      await s.teamEngagements.setNextUpdateDue(e.id, next);
      await this.#scheduleReminder(s, e.id, next);
      await s.audit.append(JOB_CTX, {
        action: 'engagement.update_reminded',
        entityType: 'engagement',
        entityId: e.id,
        after: { dueAt: job.checkAt, ownerId: e.ownerId, nextUpdateDue: next },
      });
      return 'reminded';
    });
  }

  async #scheduleReminder(s: Store, engagementId: string, due: Date): Promise<void> {
    const checkAt = due.toISOString();
    await s.jobs.send(UPDATE_REMINDER_QUEUE, { engagementId, checkAt } satisfies UpdateReminderJob, {
      startAfter: due,
      singletonKey: `${engagementId}:${checkAt}`,
    });
  }

  #link(ticketId: string): string {
    return `\n\n${this.#notifier.link(`/inbox/${ticketId}`)}`;
  }
}

const short = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);
