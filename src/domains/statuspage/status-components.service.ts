// The status page's components: listed, added and changed (name, group, order, state) by those
// who publish to the page. A state change is public at once: the page's version moves on.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { StatusPageStore } from './statuspage.ports.ts';
import { COMPONENT_STATES, type ComponentInput, type ComponentPatch, type StatusComponent } from './statuspage.types.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class StatusComponentsService {
  readonly #store: Transactor<StatusPageStore>;
  readonly #clock: Clock;
  readonly #changed: () => void;

  constructor(deps: { store: Transactor<StatusPageStore>; clock: Clock; onPublicChange: () => void }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#changed = deps.onPublicChange;
  }

  async list(ctx: ActionContext): Promise<StatusComponent[]> {
    authorize(ctx.actor, 'status.publish');
    return this.#store.read.statusPage.components();
  }

  async create(ctx: ActionContext, input: ComponentInput): Promise<StatusComponent> {
    authorize(ctx.actor, 'status.publish');
    if (!SLUG.test(input.slug)) throw new ValidationError('a component slug is 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit');
    const fields = checked(input);
    if (!fields.name) throw new ValidationError('a component needs a name');
    const now = this.#clock.now();
    const component = await this.#store.transaction(async (s) => {
      if (await s.statusPage.componentBySlug(input.slug)) throw new ConflictError(`a component with slug ${input.slug} exists already`);
      const position = fields.position ?? (await s.statusPage.components()).reduce((max, c) => Math.max(max, c.position + 1), 0);
      await s.statusPage.insertComponent({ ...fields, slug: input.slug, name: fields.name!, position }, now);
      const version = await s.statusPage.bumpVersion(now);
      await s.events.record({ type: 'statuspage.changed', version });
      const created = (await s.statusPage.componentBySlug(input.slug))!;
      await s.audit.append(ctx, { action: 'status.component_created', entityType: 'status_component', entityId: created.id, after: created });
      return created;
    });
    this.#changed();
    return component;
  }

  async update(ctx: ActionContext, slug: string, patch: ComponentPatch): Promise<StatusComponent> {
    authorize(ctx.actor, 'status.publish');
    const fields = checked(patch);
    const now = this.#clock.now();
    const component = await this.#store.transaction(async (s) => {
      const before = await s.statusPage.componentBySlug(slug);
      if (!before) throw new NotFoundError('component');
      await s.statusPage.updateComponent(slug, fields, now);
      const version = await s.statusPage.bumpVersion(now);
      await s.events.record({ type: 'statuspage.changed', version });
      const after = (await s.statusPage.componentBySlug(slug))!;
      await s.audit.append(ctx, { action: 'status.component_updated', entityType: 'status_component', entityId: before.id, before, after });
      return after;
    });
    this.#changed();
    return component;
  }
}

function checked(input: ComponentPatch): ComponentPatch {
  const out: ComponentPatch = {};
  if (input.name !== undefined) {
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (!name || name.length > 100) throw new ValidationError('a component name needs 1 to 100 characters');
    out.name = name;
  }
  if (input.description !== undefined) {
    if (input.description.length > 500) throw new ValidationError('a component description has at most 500 characters');
    out.description = input.description.trim();
  }
  if (input.group !== undefined) {
    const group = input.group?.replace(/\s+/g, ' ').trim() || null;
    if (group && group.length > 100) throw new ValidationError('a component group name has at most 100 characters');
    out.group = group;
  }
  if (input.position !== undefined) {
    if (!Number.isInteger(input.position) || input.position < 0 || input.position > 10_000)
      throw new ValidationError('position is a whole number from 0 to 10000');
    out.position = input.position;
  }
  if (input.state !== undefined) {
    if (!(COMPONENT_STATES as readonly string[]).includes(input.state)) throw new ValidationError(`state is one of ${COMPONENT_STATES.join(', ')}`);
    out.state = input.state;
  }
  return out;
}
