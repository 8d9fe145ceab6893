// What the status page needs from storage.
import type { AuditPort, JobSender } from '../ports.ts';
import type { IncidentsRepository } from '../incidents/incidents.ports.ts';
import type { PublicString } from './public-text.ts';
import type {
  ComponentInput,
  ComponentPatch,
  ComponentStateChange,
  StatusComponent,
  StatusEvent,
  StatusEventStatus,
  StatusPageUpdate,
} from './statuspage.types.ts';
import type { EventRecorder } from '../events.ts';

export interface NewStatusEvent extends Pick<StatusEvent, 'kind' | 'incidentId' | 'status' | 'componentSlugs' | 'scheduledFor' | 'scheduledUntil'> {
  title: PublicString;
  at: Date;
}

export interface NewStatusUpdate {
  eventId: string;
  status: StatusEventStatus;
  body: PublicString;
  componentStates: ComponentStateChange[];
  createdBy: string;
  at: Date;
  /** Null: stored as a draft. */
  publishedBy: string | null;
}

/** An event as the public may see it: kind maintenance, or an incident that is not restricted. */
export interface PublicEventFilter {
  id?: string;
  /** Not resolved / completed. */
  open?: boolean;
  resolvedFrom?: Date;
  resolvedBefore?: Date;
  limit?: number;
}

export interface PublicEventRow extends Omit<StatusEvent, 'incidentId' | 'updates'> {
  updates: StatusPageUpdate[];
}

export interface StatusPageRepository {
  components(): Promise<StatusComponent[]>;
  componentBySlug(slug: string): Promise<StatusComponent | null>;
  insertComponent(input: ComponentInput & { position: number }, at: Date): Promise<void>;
  updateComponent(slug: string, patch: ComponentPatch, at: Date): Promise<void>;
  setComponentStates(changes: ComponentStateChange[], at: Date): Promise<void>;

  /** With every update, drafts included, newest first. */
  eventById(id: string, lock?: boolean): Promise<StatusEvent | null>;
  eventByIncident(incidentId: string, lock?: boolean): Promise<StatusEvent | null>;
  /** Newest first (admin view). */
  listEvents(limit: number): Promise<StatusEvent[]>;
  insertEvent(event: NewStatusEvent): Promise<string>;
  /** title: a new public title (kept when absent). */
  updateEvent(
    id: string,
    change: { status: StatusEventStatus; componentSlugs: string[]; resolvedAt: Date | null; at: Date; title?: PublicString | undefined },
  ): Promise<void>;
  insertUpdate(update: NewStatusUpdate): Promise<string>;
  updateById(id: string, lock?: boolean): Promise<StatusPageUpdate | null>;
  markPublished(updateId: string, by: string, componentStates: ComponentStateChange[], at: Date): Promise<void>;

  /** Moves the page's version on (every public change); returns the new version. */
  bumpVersion(at: Date): Promise<number>;
  version(): Promise<{ version: number; changedAt: Date }>;
  /** Events with at least one published update, with only their published updates (newest first). */
  publicEvents(filter: PublicEventFilter): Promise<PublicEventRow[]>;
  /** Months (YYYY-MM) in which a public event was resolved, newest first. */
  historyMonths(): Promise<string[]>;
}

export interface StatusPageStore {
  statusPage: StatusPageRepository;
  incidents: IncidentsRepository;
  audit: AuditPort;
  jobs: JobSender;
  /** Records `statuspage.changed` with every version bump (its subscriber: the static export). */
  events: EventRecorder;
}
