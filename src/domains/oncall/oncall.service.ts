// On-call rotations of the plan's three roles: who is on call now, editing a rotation and its
// overrides (participants are secdesk users), and iCalendar export and import. Gaps in cover are
// warnings, never refusals: an empty rotation leaves the role unfilled, visibly.
import { authorize } from '../../authz/authorize.ts';
import { POLICIES } from '../../authz/policies.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { ON_CALL_ROLE_LABELS, ON_CALL_ROLES, type OnCallRole } from './oncall-roles.ts';
import type { Gap, HandOver, Override, Participant, Rotation, Shift } from './oncall.types.ts';
import type { OnCallStore } from './oncall.ports.ts';
import { rotationOf, upcomingGaps } from './oncall-schedule.ts';
import { exportRotation } from './rotation-ical.ts';
import { importRotation } from './rotation-ical-import.ts';
import { validateRotation, whoIsOnCall } from './rotation.ts';

export interface RotationView {
  role: OnCallRole;
  label: string;
  rotation: Rotation;
  onCall: Shift | null;
  gaps: Gap[];
}

export interface RotationInput {
  name: string;
  timeZone: string;
  handOver: HandOver;
  startDate: string;
  /** Secdesk user ids, in turn order. */
  participants: string[];
  overrides: { userId: string; from: Date; to: Date; reason?: string }[];
}

export class OnCallService {
  readonly #store: Transactor<OnCallStore>;
  readonly #clock: Clock;

  constructor(deps: { store: Transactor<OnCallStore>; clock: Clock }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
  }

  async now(ctx: ActionContext): Promise<RotationView[]> {
    authorize(ctx.actor, 'incidents.read');
    return Promise.all(ON_CALL_ROLES.map((role) => this.#view(role)));
  }

  /** Who can be put on call: enabled users who may work on incidents. */
  async people(ctx: ActionContext): Promise<{ id: string; name: string }[]> {
    authorize(ctx.actor, 'incidents.read');
    return (await this.#store.read.tickets.agents(POLICIES['incidents.write'])).map((a) => ({ id: a.id, name: a.name }));
  }

  async rotation(ctx: ActionContext, role: OnCallRole): Promise<RotationView> {
    authorize(ctx.actor, 'incidents.read');
    return this.#view(role);
  }

  async save(ctx: ActionContext, role: OnCallRole, input: RotationInput): Promise<RotationView> {
    authorize(ctx.actor, 'oncall.manage');
    const people = await this.#people([...input.participants, ...input.overrides.map((o) => o.userId)]);
    const rotation: Rotation = {
      id: role,
      name: input.name.trim(),
      role,
      timeZone: input.timeZone,
      handOver: input.handOver,
      startDate: input.startDate,
      participants: input.participants.map((id) => people.get(id)!),
      overrides: input.overrides.map((o) => ({
        person: people.get(o.userId)!,
        from: o.from,
        to: o.to,
        ...(o.reason?.trim() ? { reason: o.reason.trim() } : {}),
      })),
    };
    return this.#keep(ctx, role, rotation, 'oncall.rotation_saved');
  }

  async addOverride(ctx: ActionContext, role: OnCallRole, input: { userId: string; from: Date; to: Date; reason?: string }): Promise<RotationView> {
    authorize(ctx.actor, 'oncall.manage');
    const person = (await this.#people([input.userId])).get(input.userId)!;
    const current = await rotationOf(this.#store.read.rotations, role, this.#clock.now());
    const override: Override = { person, from: input.from, to: input.to, ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}) };
    return this.#keep(ctx, role, { ...current, overrides: [...current.overrides, override] }, 'oncall.override_added');
  }

  async exportIcal(ctx: ActionContext, role: OnCallRole): Promise<string> {
    authorize(ctx.actor, 'incidents.read');
    return exportRotation(await rotationOf(this.#store.read.rotations, role, this.#clock.now()), this.#clock.now());
  }

  /** Replaces the role's rotation with one read from an iCalendar file (exported by secdesk). */
  async importIcal(ctx: ActionContext, role: OnCallRole, source: string): Promise<RotationView> {
    authorize(ctx.actor, 'oncall.manage');
    const imported = importRotation(source);
    if (imported.role && imported.role !== role)
      throw new ValidationError(`the file is the rotation of ${ON_CALL_ROLE_LABELS[imported.role]}, not of ${ON_CALL_ROLE_LABELS[role]}`);
    const people = await this.#people([...imported.participants, ...imported.overrides.map((o) => o.person)].map((p) => p.id));
    const known = (p: Participant) => people.get(p.id)!;
    const rotation: Rotation = {
      ...imported,
      id: role,
      role,
      participants: imported.participants.map(known),
      overrides: imported.overrides.map((o) => ({ ...o, person: known(o.person) })),
    };
    return this.#keep(ctx, role, rotation, 'oncall.rotation_imported');
  }

  async #keep(ctx: ActionContext, role: OnCallRole, rotation: Rotation, action: string): Promise<RotationView> {
    validateRotation(rotation);
    await this.#store.transaction(async (s) => {
      const before = await s.rotations.get(role);
      await s.rotations.save(role, rotation);
      await s.audit.append(ctx, { action, entityType: 'oncall_rotation', entityId: role, before, after: rotation });
    });
    return this.#view(role);
  }

  /** Participants are secdesk users: each id must name an active account; names come from the account. */
  async #people(ids: string[]): Promise<Map<string, Participant>> {
    const people = new Map<string, Participant>();
    for (const id of new Set(ids)) {
      const user = /^[0-9a-f-]{36}$/i.test(id) ? await this.#store.read.users.byId(id) : null;
      if (!user || user.disabled) throw new ValidationError(`no active user with id ${id.slice(0, 40)}`);
      people.set(id, { id: user.id, name: user.name });
    }
    return people;
  }

  async #view(role: OnCallRole): Promise<RotationView> {
    const now = this.#clock.now();
    const rotation = await rotationOf(this.#store.read.rotations, role, now);
    return { role, label: ON_CALL_ROLE_LABELS[role], rotation, onCall: whoIsOnCall(rotation, now), gaps: upcomingGaps(rotation, now) };
  }
}
