// The incident's communications plan: the decisions people record (scope and frequency, medium,
// extended-team tasks, lists, rounds, customers-first overrides), each audited and on the incident's
// timeline, and the settings (who drafts, reviews and sends each channel; the security notices list).
import { authorize } from '../../authz/authorize.ts';
import type { Role } from '../../authz/roles.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import type { Transactor } from '../ports.ts';
import { channelRolesFrom } from './channel-roles.ts';
import { CHANNEL_ROLES_KEY, SECURITY_NOTICES_KEY, securityNoticesListId } from './comms-context.ts';
import type { CommunicationsStore } from './communications.ports.ts';
import {
  CHANNEL_LABELS,
  PUBLIC_CHANNELS,
  type Channel,
  type ChannelRoles,
  type CommsPlan,
  type ExtendedTeam,
  type ExtendedTeamTask,
} from './communications.types.ts';
import { planOf } from './plan-view.ts';
import { addToTimeline } from '../incidents/timeline.ts';

export interface TaskChange {
  done?: boolean;
  ownerId?: string | null;
  dueAt?: Date | null;
}
export interface CommsSettings {
  channelRoles: ChannelRoles[];
  securityNoticesListId: string | null;
}

const MAX_PUBLIC_TITLE = 200;
const MAX_SCOPE = 5000;

export class CommsPlanService {
  readonly #store: Transactor<CommunicationsStore>;
  readonly #clock: Clock;
  readonly #matrix: RiskMatrix;

  constructor(deps: { store: Transactor<CommunicationsStore>; clock: Clock; riskMatrix: RiskMatrix }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#matrix = deps.riskMatrix;
  }

  async get(ctx: ActionContext, incidentId: string): Promise<CommsPlan> {
    authorize(ctx.actor, 'comms.read');
    const incident = await visibleIncident(this.#store.read.incidents, ctx.actor, incidentId);
    return planOf(this.#store.read, incident, this.#matrix, this.#clock.now());
  }

  async decideScope(
    ctx: ActionContext,
    incidentId: string,
    input: { scope: string; frequencyMinutes: number; publicTitle?: string | undefined },
  ): Promise<CommsPlan> {
    authorize(ctx.actor, 'comms.plan');
    const scope = input.scope.replace(/\r\n/g, '\n').trim();
    if (!scope || scope.length > MAX_SCOPE) throw new ValidationError(`the scope needs 1 to ${MAX_SCOPE} characters`);
    const publicTitle = input.publicTitle === undefined ? undefined : input.publicTitle.replace(/\s+/g, ' ').trim();
    if (publicTitle !== undefined && (!publicTitle || publicTitle.length > MAX_PUBLIC_TITLE))
      throw new ValidationError(`publicTitle needs 1 to ${MAX_PUBLIC_TITLE} characters`);
    if (!Number.isInteger(input.frequencyMinutes) || input.frequencyMinutes < 15 || input.frequencyMinutes > 10_080)
      throw new ValidationError('the frequency is 15 minutes to 7 days');
    return this.#decide(
      ctx,
      incidentId,
      'comms.scope_decided',
      `Communications scope decided: every ${describeMinutes(input.frequencyMinutes)}`,
      async (s, at) => {
        // A decision without a public title keeps the one decided before.
        const kept = publicTitle ?? (await s.communications.plan(incidentId))?.publicTitle ?? null;
        await s.communications.decideScope(incidentId, { scope, publicTitle: kept, frequencyMinutes: input.frequencyMinutes, by: ctx.actor.label, at });
        return { scope, publicTitle: kept, frequencyMinutes: input.frequencyMinutes };
      },
    );
  }

  async decideMedium(ctx: ActionContext, incidentId: string, channels: Channel[]): Promise<CommsPlan> {
    authorize(ctx.actor, 'comms.plan');
    const unique = [...new Set(channels)];
    if (!unique.length) throw new ValidationError('choose at least one channel');
    return this.#decide(
      ctx,
      incidentId,
      'comms.medium_decided',
      `Communications medium decided: ${unique.map((c) => CHANNEL_LABELS[c]).join(', ')}`,
      async (s, at) => {
        await s.communications.decideMedium(incidentId, { channels: unique, by: ctx.actor.label, at });
        // The first round of communications starts with the medium.
        if (!(await s.communications.rounds(incidentId)).length)
          await s.communications.addRound(incidentId, { number: 1, final: false, startedAt: at, startedBy: ctx.actor.label, channels: null });
        return { channels: unique };
      },
    );
  }

  async addTask(
    ctx: ActionContext,
    incidentId: string,
    input: { team: ExtendedTeam; title: string; ownerId: string | null; dueAt: Date | null },
  ): Promise<ExtendedTeamTask> {
    authorize(ctx.actor, 'comms.plan');
    const title = input.title.replace(/[\r\n]+/g, ' ').trim();
    if (!title || title.length > 300) throw new ValidationError('a task needs a title of 1 to 300 characters');
    const id = await this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      if (input.ownerId && !(await s.users.byId(input.ownerId))) throw new ValidationError('no such owner');
      const at = this.#clock.now();
      const taskId = await s.communications.addTask(incident.id, { ...input, title, createdBy: ctx.actor.label, createdAt: at });
      await s.audit.append(ctx, {
        action: 'comms.team_engaged',
        entityType: 'incident',
        entityId: incident.id,
        after: { taskId, team: input.team, title, ownerId: input.ownerId, dueAt: input.dueAt },
      });
      await addToTimeline(s, incident.id, {
        at,
        kind: 'comms',
        summary: `Extended team engaged: ${input.team.replaceAll('_', ' ')} — ${title}`,
        actorLabel: ctx.actor.label,
      });
      return taskId;
    });
    return this.#task(incidentId, id);
  }

  async changeTask(ctx: ActionContext, incidentId: string, taskId: string, change: TaskChange): Promise<ExtendedTeamTask> {
    authorize(ctx.actor, 'comms.plan');
    await this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      if (change.ownerId && !(await s.users.byId(change.ownerId))) throw new ValidationError('no such owner');
      const before = (await s.communications.tasks(incident.id)).find((t) => t.id === taskId);
      if (!before) throw new NotFoundError('task');
      const doneAt = change.done === undefined ? undefined : change.done ? (before.doneAt ?? this.#clock.now()) : null;
      await s.communications.updateTask(incident.id, taskId, {
        ...(doneAt === undefined ? {} : { doneAt }),
        ...(change.ownerId === undefined ? {} : { ownerId: change.ownerId }),
        ...(change.dueAt === undefined ? {} : { dueAt: change.dueAt }),
      });
      await s.audit.append(ctx, {
        action: 'comms.task_changed',
        entityType: 'incident',
        entityId: incident.id,
        before: { taskId, doneAt: before.doneAt, ownerId: before.ownerId, dueAt: before.dueAt },
        after: { taskId, ...change },
      });
    });
    return this.#task(incidentId, taskId);
  }

  async attachList(ctx: ActionContext, incidentId: string, audience: Audience, listId: string): Promise<CommsPlan> {
    authorize(ctx.actor, 'comms.plan');
    return this.#decide(ctx, incidentId, 'comms.list_attached', `Contact data attached for ${audience}`, async (s, at) => {
      const list = await s.fanout.listById(listId);
      if (!list) throw new NotFoundError('distribution list');
      await s.communications.attachList(incidentId, audience, listId, ctx.actor.label, at);
      return { audience, listId, listName: list.name };
    });
  }

  /** channels: those the round must send (required for the final round: all clear waits for each of them). */
  async startRound(ctx: ActionContext, incidentId: string, input: { final: boolean; channels?: Channel[] | undefined }): Promise<CommsPlan> {
    authorize(ctx.actor, 'comms.plan');
    const { final } = input;
    const channels = input.channels ? [...new Set(input.channels)] : null;
    if (final && !channels?.length)
      throw new ValidationError('channels: choose the channels of the final round (all clear is reached when each of them is sent)');
    const summary = `${final ? 'Final communications (all clear) started' : 'Next round of communications started'}${channels ? `: ${channels.map((c) => CHANNEL_LABELS[c]).join(', ')}` : ''}`;
    return this.#decide(ctx, incidentId, 'comms.round_started', summary, async (s, at) => {
      const rounds = await s.communications.rounds(incidentId);
      const last = rounds.at(-1);
      if (!last) throw new ConflictError('decide the medium first: it starts the first round');
      if (rounds.some((r) => r.final)) throw new ConflictError('the final round has started already');
      const decided = (await s.communications.plan(incidentId))?.channels ?? [];
      const undecided = channels?.filter((c) => !decided.includes(c)) ?? [];
      if (undecided.length) throw new ValidationError(`channels: ${undecided.join(', ')} is not among the channels decided for this incident`);
      const sentInLast = (await s.communications.forIncident(incidentId)).some((c) => c.round === last.number && c.sentAt);
      if (!sentInLast) throw new ConflictError(`round ${last.number} has sent nothing yet: send its communications first`);
      await s.communications.addRound(incidentId, { number: last.number + 1, final, startedAt: at, startedBy: ctx.actor.label, channels });
      return { round: last.number + 1, final, channels };
    });
  }

  async overrideCustomersFirst(ctx: ActionContext, incidentId: string, input: { round: number; channel: Channel; reason: string }): Promise<CommsPlan> {
    authorize(ctx.actor, 'comms.override');
    const reason = input.reason.trim();
    if (reason.length < 10) throw new ValidationError('give the reason in at least 10 characters');
    if (!PUBLIC_CHANNELS.includes(input.channel)) throw new ValidationError(`${input.channel} is not a public channel: customers first does not hold it back`);
    return this.#decide(
      ctx,
      incidentId,
      'comms.customers_first_overridden',
      `Customers first overridden for ${CHANNEL_LABELS[input.channel]} (round ${input.round}): ${reason}`,
      async (s, at) => {
        if (!(await s.communications.rounds(incidentId)).some((r) => r.number === input.round)) throw new ValidationError(`no round ${input.round}`);
        if (
          !(await s.communications.addOverride(incidentId, {
            round: input.round,
            channel: input.channel,
            reason,
            by: ctx.actor.label,
            byId: ctx.actor.userId,
            at,
          }))
        )
          throw new ConflictError('an override for this channel and round is recorded already');
        return { round: input.round, channel: input.channel, reason };
      },
    );
  }

  async settings(ctx: ActionContext): Promise<CommsSettings> {
    authorize(ctx.actor, 'comms.read');
    const read = this.#store.read;
    return { channelRoles: channelRolesFrom(await read.communications.setting(CHANNEL_ROLES_KEY)), securityNoticesListId: await securityNoticesListId(read) };
  }

  async setChannelRoles(ctx: ActionContext, channel: Channel, roles: { draft: Role[]; review: Role[]; send: Role[] }): Promise<ChannelRoles> {
    authorize(ctx.actor, 'comms.manage');
    for (const duty of ['draft', 'review', 'send'] as const) if (!roles[duty].length) throw new ValidationError(`name at least one role that may ${duty}`);
    await this.#store.transaction(async (s) => {
      const stored = ((await s.communications.setting(CHANNEL_ROLES_KEY)) ?? {}) as Record<string, unknown>;
      const before = channelRolesFrom(stored).find((r) => r.channel === channel);
      const next = { ...stored, [channel]: { draft: [...new Set(roles.draft)], review: [...new Set(roles.review)], send: [...new Set(roles.send)] } };
      await s.communications.putSetting(CHANNEL_ROLES_KEY, next, ctx.actor.label, this.#clock.now());
      await s.audit.append(ctx, {
        action: 'comms.channel_roles_set',
        entityType: 'comms_settings',
        entityId: null,
        before,
        after: { channel, ...(next[channel] as object) },
      });
    });
    return channelRolesFrom(await this.#store.read.communications.setting(CHANNEL_ROLES_KEY)).find((r) => r.channel === channel)!;
  }

  async setSecurityNoticesList(ctx: ActionContext, listId: string | null): Promise<CommsSettings> {
    authorize(ctx.actor, 'comms.manage');
    await this.#store.transaction(async (s) => {
      if (listId && !(await s.fanout.listById(listId))) throw new NotFoundError('distribution list');
      const before = await securityNoticesListId(s);
      await s.communications.putSetting(SECURITY_NOTICES_KEY, listId, ctx.actor.label, this.#clock.now());
      await s.audit.append(ctx, {
        action: 'comms.security_notices_list_set',
        entityType: 'comms_settings',
        entityId: null,
        before: { listId: before },
        after: { listId },
      });
    });
    return this.settings(ctx);
  }

  /** One recorded decision: under the incident's lock, audited and on the timeline. */
  async #decide(
    ctx: ActionContext,
    incidentId: string,
    action: string,
    summary: string,
    change: (s: CommunicationsStore, at: Date) => Promise<object>,
  ): Promise<CommsPlan> {
    await this.#store.transaction(async (s) => {
      const incident: IncidentRecord = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const at = this.#clock.now();
      const after = await change(s, at);
      await s.audit.append(ctx, { action, entityType: 'incident', entityId: incident.id, after });
      await addToTimeline(s, incident.id, { at, kind: 'comms', summary: summary.slice(0, 500), actorLabel: ctx.actor.label });
    });
    return this.get(ctx, incidentId);
  }

  async #task(incidentId: string, taskId: string): Promise<ExtendedTeamTask> {
    const task = (await this.#store.read.communications.tasks(incidentId)).find((t) => t.id === taskId);
    if (!task) throw new NotFoundError('task');
    return task;
  }
}

export function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}
