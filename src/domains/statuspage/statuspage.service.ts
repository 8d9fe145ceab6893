// Publishing to the public status page: updates on status-page incidents (each linked to a secdesk
// incident that is not restricted) and scheduled maintenance, as drafts or published. A publish
// stores the update, sets its components' states, moves the page's version on, and queues the
// subscribers' notification (status.notify), all in one transaction. Only published updates are public.
import { authorize } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import type { PublicLinks } from '../mail/mail-identity.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import { componentChanges, eventAfter, isFinal } from './publish-rules.ts';
import { loadHistoryMonth, loadPublicModel, toPublicEvent } from './public-model.ts';
import { PUBLIC_TITLE_REQUIRED, publicBody, publicTitle, type PublicString } from './public-text.ts';
import type { StatusPageStore } from './statuspage.ports.ts';
import {
  STATUS_NOTIFY_QUEUE,
  type ComponentState,
  type HistoryMonth,
  type MaintenanceInput,
  type MaintenanceUpdateInput,
  type PublicEvent,
  type PublishIncidentUpdateInput,
  type StatusEvent,
  type StatusEventStatus,
  type StatusNotification,
  type StatusPageModel,
  type StatusPageUpdate,
} from './statuspage.types.ts';

export interface Published {
  url: string;
  updateId: string;
}

interface UpdateRequest {
  status: StatusEventStatus;
  body: PublicString;
  /** A new public title for the event (published updates only). */
  title?: PublicString | null | undefined;
  componentSlugs?: string[] | undefined;
  componentState?: ComponentState | undefined;
}

export class StatusPageService {
  readonly #store: Transactor<StatusPageStore>;
  readonly #clock: Clock;
  readonly #links: PublicLinks;
  readonly #changed: () => void;

  constructor(deps: { store: Transactor<StatusPageStore>; clock: Clock; links: PublicLinks; onPublicChange: () => void }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#links = deps.links;
    this.#changed = deps.onPublicChange;
  }

  urlOf(eventId: string): string {
    return this.#links.link(`/status/incidents/${eventId}`);
  }

  async list(ctx: ActionContext, limit = 100): Promise<StatusEvent[]> {
    authorize(ctx.actor, 'status.publish');
    return this.#store.read.statusPage.listEvents(limit);
  }

  async get(ctx: ActionContext, id: string): Promise<StatusEvent> {
    authorize(ctx.actor, 'status.publish');
    const event = await this.#store.read.statusPage.eventById(id);
    if (!event) throw new NotFoundError('status page event');
    return event;
  }

  /** Publishes an update about an incident in its own transaction (the API, the CLI, the seed). */
  async publishIncidentUpdate(ctx: ActionContext, input: PublishIncidentUpdateInput): Promise<Published> {
    authorize(ctx.actor, 'status.publish');
    const published = await this.#store.transaction((s) => this.#incidentUpdateOn(s, ctx, input, true) as Promise<Published>);
    this.#changed();
    return published;
  }

  /**
   * The same publish inside the caller's transaction (the communications `status_page` channel's send):
   * nothing is public unless that transaction commits. The caller calls publicChanged() after the commit.
   */
  async publishIncidentUpdateIn(s: StatusPageStore, ctx: ActionContext, input: PublishIncidentUpdateInput): Promise<Published> {
    authorize(ctx.actor, 'status.publish');
    return this.#incidentUpdateOn(s, ctx, input, true) as Promise<Published>;
  }

  /** Tells the live page a publish committed (publishIncidentUpdateIn's caller, after its commit). */
  publicChanged(): void {
    this.#changed();
  }

  /** Stores the update unpublished: it is shown nowhere public until publishDraft. */
  async draftIncidentUpdate(ctx: ActionContext, input: PublishIncidentUpdateInput): Promise<StatusPageUpdate> {
    authorize(ctx.actor, 'status.publish');
    return this.#store.transaction((s) => this.#incidentUpdateOn(s, ctx, input, false) as Promise<StatusPageUpdate>);
  }

  async publishDraft(ctx: ActionContext, updateId: string): Promise<Published> {
    authorize(ctx.actor, 'status.publish');
    const now = this.#clock.now();
    const published = await this.#store.transaction(async (s) => {
      const draft = await s.statusPage.updateById(updateId, true);
      if (!draft) throw new NotFoundError('status page update');
      if (draft.publishedAt) throw new ValidationError('this update is published already');
      const event = (await s.statusPage.eventById(draft.eventId, true))!;
      if (event.incidentId) await this.#checkIncident(s, ctx, event.incidentId);
      await s.statusPage.markPublished(draft.id, ctx.actor.label, draft.componentStates, now);
      return this.#afterPublish(s, ctx, event, draft, now);
    });
    this.#changed();
    return published;
  }

  async scheduleMaintenance(ctx: ActionContext, input: MaintenanceInput): Promise<Published> {
    authorize(ctx.actor, 'status.publish');
    const title = publicTitle(input.title);
    const body = publicBody(input.body);
    if (!(input.scheduledUntil > input.scheduledFor)) throw new ValidationError('a maintenance window ends after it starts');
    const now = this.#clock.now();
    const published = await this.#store.transaction(async (s) => {
      const changes = componentChanges(
        { kind: 'maintenance', status: 'scheduled', slugs: input.componentSlugs, state: undefined },
        [],
        await s.statusPage.components(),
      );
      const id = await s.statusPage.insertEvent({
        kind: 'maintenance',
        incidentId: null,
        title,
        status: 'scheduled',
        componentSlugs: changes.map((c) => c.slug),
        scheduledFor: input.scheduledFor,
        scheduledUntil: input.scheduledUntil,
        at: now,
      });
      const event = (await s.statusPage.eventById(id, true))!;
      return this.#publishOn(s, ctx, event, { status: 'scheduled', body }, now);
    });
    this.#changed();
    return published;
  }

  async publishMaintenanceUpdate(ctx: ActionContext, eventId: string, input: MaintenanceUpdateInput): Promise<Published> {
    authorize(ctx.actor, 'status.publish');
    const body = publicBody(input.body);
    const now = this.#clock.now();
    const published = await this.#store.transaction(async (s) => {
      const event = await s.statusPage.eventById(eventId, true);
      if (event?.kind !== 'maintenance') throw new NotFoundError('maintenance');
      return this.#publishOn(s, ctx, event, { ...input, body }, now);
    });
    this.#changed();
    return published;
  }

  // Public reads: no actor, nothing but published updates of non-restricted incidents and maintenance.

  async publicModel(): Promise<StatusPageModel> {
    return loadPublicModel(this.#store.read.statusPage, this.#clock.now());
  }

  async publicEvent(id: string): Promise<PublicEvent | null> {
    const [row] = await this.#store.read.statusPage.publicEvents({ id });
    return row ? toPublicEvent(row) : null;
  }

  async publicHistory(month: string): Promise<HistoryMonth> {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationError('month is YYYY-MM');
    return loadHistoryMonth(this.#store.read.statusPage, month);
  }

  async publicVersion(): Promise<number> {
    return (await this.#store.read.statusPage.version()).version;
  }

  async #incidentUpdateOn(s: StatusPageStore, ctx: ActionContext, input: PublishIncidentUpdateInput, publish: boolean): Promise<Published | StatusPageUpdate> {
    const { title, body } = input.text;
    const now = this.#clock.now();
    const incident = await this.#checkIncident(s, ctx, input.incidentId);
    let event = await s.statusPage.eventByIncident(incident.id, true);
    if (!event) {
      // Never the incident's own title: it is internal.
      if (!title) throw new ValidationError(PUBLIC_TITLE_REQUIRED);
      const id = await s.statusPage.insertEvent({
        kind: 'incident',
        incidentId: incident.id,
        title,
        status: input.status,
        componentSlugs: [],
        scheduledFor: null,
        scheduledUntil: null,
        at: now,
      });
      event = (await s.statusPage.eventById(id, true))!;
    } else if (title && !publish && title !== event.title) {
      throw new ValidationError('title: a published status page incident is renamed by publishing an update with the new title, not by a draft');
    }
    const request = { status: input.status, body, title, componentSlugs: input.componentSlugs, componentState: input.componentState };
    return publish ? this.#publishOn(s, ctx, event, request, now) : this.#draftOn(s, ctx, event, request, now);
  }

  async #checkIncident(s: StatusPageStore, ctx: ActionContext, incidentId: string) {
    const incident = await visibleIncident(s.incidents, ctx.actor, incidentId);
    if (incident.visibility === 'restricted') throw new ValidationError('this incident is restricted: restricted incidents never appear on the status page');
    return incident;
  }

  async #draftOn(s: StatusPageStore, ctx: ActionContext, event: StatusEvent, input: UpdateRequest, now: Date): Promise<StatusPageUpdate> {
    const changes = componentChanges(
      { kind: event.kind, status: input.status, slugs: input.componentSlugs, state: input.componentState },
      event.componentSlugs,
      await s.statusPage.components(),
    );
    const id = await s.statusPage.insertUpdate({
      eventId: event.id,
      status: input.status,
      body: input.body,
      componentStates: changes,
      createdBy: ctx.actor.label,
      at: now,
      publishedBy: null,
    });
    const draft = (await s.statusPage.updateById(id))!;
    await s.audit.append(ctx, {
      action: 'status.update_drafted',
      entityType: 'status_event',
      entityId: event.id,
      after: { updateId: id, status: draft.status },
    });
    return draft;
  }

  async #publishOn(s: StatusPageStore, ctx: ActionContext, event: StatusEvent, input: UpdateRequest, now: Date): Promise<Published> {
    const changes = componentChanges(
      { kind: event.kind, status: input.status, slugs: input.componentSlugs, state: input.componentState },
      event.componentSlugs,
      await s.statusPage.components(),
    );
    const id = await s.statusPage.insertUpdate({
      eventId: event.id,
      status: input.status,
      body: input.body,
      componentStates: changes,
      createdBy: ctx.actor.label,
      at: now,
      publishedBy: ctx.actor.label,
    });
    return this.#afterPublish(s, ctx, event, { id, status: input.status, body: input.body, componentStates: changes }, now, input.title ?? undefined);
  }

  /** The rest of every publish: components, event, version, notification job and audit, in the caller's transaction. */
  async #afterPublish(
    s: StatusPageStore,
    ctx: ActionContext,
    event: StatusEvent,
    update: Pick<StatusPageUpdate, 'id' | 'status' | 'body' | 'componentStates'>,
    now: Date,
    title?: PublicString,
  ): Promise<Published> {
    await s.statusPage.setComponentStates(update.componentStates, now);
    const after = eventAfter(event, update.status, update.componentStates, now);
    await s.statusPage.updateEvent(event.id, { ...after, title });
    const shownTitle = title ?? event.title;
    const version = await s.statusPage.bumpVersion(now);
    await s.events.record({ type: 'statuspage.changed', version });
    const url = this.urlOf(event.id);
    const notification: StatusNotification = {
      updateId: update.id,
      kind: event.kind,
      title: shownTitle,
      status: update.status,
      body: update.body,
      componentSlugs: update.componentStates.map((c) => c.slug),
      url,
      publishedAt: now.toISOString(),
    };
    await s.jobs.send(STATUS_NOTIFY_QUEUE, notification, { singletonKey: update.id });
    await s.audit.append(ctx, {
      action: 'status.update_published',
      entityType: 'status_event',
      entityId: event.id,
      after: {
        updateId: update.id,
        kind: event.kind,
        status: update.status,
        ...(title && title !== event.title ? { title } : {}),
        components: update.componentStates,
        resolved: isFinal(update.status),
      },
    });
    return { url, updateId: update.id };
  }
}
