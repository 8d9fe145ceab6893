// Role holders and named responders of one incident: explicit hand-over of a role (on the
// timeline, audited, the new holder paged), engaging a role from its rotation on request, and
// adding or removing responders (who, with the role holders and admins, see a restricted incident).
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { ON_CALL_ROLE_LABELS, type OnCallRole } from '../oncall/oncall-roles.ts';
import type { User } from '../accounts/accounts.types.ts';
import { visibleIncident } from './incident-access.ts';
import { fillFromRotation, page } from './incident-roles.ts';
import type { IncidentsStore } from './incidents.ports.ts';
import { addToTimeline } from './timeline.ts';

const MAX_NOTE = 2000;

export class IncidentRolesService {
  readonly #store: Transactor<IncidentsStore>;
  readonly #clock: Clock;
  readonly #notifier: Notifier;

  constructor(deps: { store: Transactor<IncidentsStore>; clock: Clock; notifier: Notifier }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#notifier = deps.notifier;
  }

  /** Hands a role to a named person. The one handing over stays a responder, so they keep seeing the incident. */
  async handOver(ctx: ActionContext, incidentId: string, role: OnCallRole, input: { to: string; note: string }): Promise<void> {
    authorize(ctx.actor, 'incidents.write');
    const note = input.note.trim();
    if (note.length > MAX_NOTE) throw new ValidationError(`a hand-over note is at most ${MAX_NOTE} characters`);
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const to = await activeUser(s, input.to);
      const before = (await s.incidentRoles.list(incidentId)).find((r) => r.role === role) ?? null;
      if (before?.userId === to.id) throw new ConflictError(`${to.name} already holds the ${ON_CALL_ROLE_LABELS[role]} role`);
      await s.incidentRoles.set(incidentId, role, to.id, now);
      if (before?.userId) await s.responders.add(incidentId, before.userId, now);
      const from = before?.name ?? 'nobody';
      await addToTimeline(s, incidentId, {
        at: now,
        kind: 'role_handed_over',
        actorLabel: ctx.actor.label,
        summary: `${ON_CALL_ROLE_LABELS[role]} handed over from ${from} to ${to.name}${note ? `: ${note}` : ''}`,
        data: { role, from: before?.userId ?? null, to: to.id },
      });
      await s.audit.append(ctx, {
        action: 'incident.role_handed_over',
        entityType: 'incident',
        entityId: incidentId,
        before,
        after: { role, userId: to.id, since: now, note },
      });
      await page(s, this.#notifier, incident, role, to.id, now);
    });
  }

  /** Engages a role the plan has not engaged yet (or that was left unfilled), from its rotation now. */
  async engage(ctx: ActionContext, incidentId: string, role: OnCallRole): Promise<{ userId: string | null }> {
    authorize(ctx.actor, 'incidents.write');
    const now = this.#clock.now();
    return this.#store.transaction(async (s) => {
      const incident = await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const current = (await s.incidentRoles.list(incidentId)).find((r) => r.role === role);
      if (current?.userId) throw new ConflictError(`${current.name ?? 'someone'} already holds the ${ON_CALL_ROLE_LABELS[role]} role; hand it over instead`);
      const userId = await fillFromRotation(s, this.#notifier, incident, role, now, ctx.actor.label);
      await s.audit.append(ctx, { action: 'incident.role_engaged', entityType: 'incident', entityId: incidentId, after: { role, userId } });
      return { userId };
    });
  }

  async addResponder(ctx: ActionContext, incidentId: string, userId: string): Promise<void> {
    authorize(ctx.actor, 'incidents.write');
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const user = await activeUser(s, userId);
      if (!(await s.responders.add(incidentId, user.id, now))) return;
      await addToTimeline(s, incidentId, {
        at: now,
        kind: 'responder_added',
        summary: `${user.name} added as a responder`,
        actorLabel: ctx.actor.label,
        data: { userId: user.id },
      });
      await s.audit.append(ctx, { action: 'incident.responder_added', entityType: 'incident', entityId: incidentId, after: { userId: user.id } });
    });
  }

  async removeResponder(ctx: ActionContext, incidentId: string, userId: string): Promise<void> {
    authorize(ctx.actor, 'incidents.write');
    const now = this.#clock.now();
    await this.#store.transaction(async (s) => {
      await visibleIncident(s.incidents, ctx.actor, incidentId, true);
      const gone = (await s.responders.list(incidentId)).find((r) => r.userId === userId);
      if (!gone || !(await s.responders.remove(incidentId, userId))) throw new NotFoundError('responder');
      await addToTimeline(s, incidentId, {
        at: now,
        kind: 'responder_removed',
        summary: `${gone.name} removed as a responder`,
        actorLabel: ctx.actor.label,
        data: { userId },
      });
      await s.audit.append(ctx, { action: 'incident.responder_removed', entityType: 'incident', entityId: incidentId, before: { userId } });
    });
  }
}

async function activeUser(s: IncidentsStore, id: string): Promise<User> {
  const user = /^[0-9a-f-]{36}$/i.test(id) ? await s.users.byId(id) : null;
  if (!user || user.disabled) throw new ValidationError('no active user with that id');
  return user;
}
