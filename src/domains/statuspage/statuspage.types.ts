// The public status page: components and their state, status-page incidents (each linked to a
// secdesk incident) and scheduled maintenance, each with the updates a communications manager
// published. Only published updates of non-restricted incidents ever reach the public model, and
// only as public text (public-text.ts): never the secdesk incident's own title or description.
import type { PublicIncidentText, PublicString } from './public-text.ts';

export const COMPONENT_STATES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const INCIDENT_UPDATE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentUpdateStatus = (typeof INCIDENT_UPDATE_STATUSES)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export type StatusEventKind = 'incident' | 'maintenance';
export type StatusEventStatus = IncidentUpdateStatus | MaintenanceStatus;

export interface StatusComponent {
  id: string;
  /** The stable identifier other modules (subscriptions, the communications channel) use. */
  slug: string;
  name: string;
  description: string;
  group: string | null;
  position: number;
  state: ComponentState;
  createdAt: Date;
  updatedAt: Date;
}

export interface ComponentInput {
  slug: string;
  name: string;
  description?: string | undefined;
  group?: string | null | undefined;
  position?: number | undefined;
  state?: ComponentState | undefined;
}
export type ComponentPatch = Partial<Omit<ComponentInput, 'slug'>>;

export interface ComponentStateChange {
  slug: string;
  state: ComponentState;
}

export interface StatusPageUpdate {
  id: string;
  eventId: string;
  status: StatusEventStatus;
  /** Plain text with limited Markdown (see render/markdown.ts); never HTML. */
  body: string;
  /** The components this update affects and the state each was set to. */
  componentStates: ComponentStateChange[];
  /** Null: a draft, never shown publicly. */
  publishedAt: Date | null;
  publishedBy: string | null;
  createdAt: Date;
  createdBy: string;
}

/** A status-page incident or a scheduled maintenance, as the admin API shows it (drafts included). */
export interface StatusEvent {
  id: string;
  kind: StatusEventKind;
  /** The secdesk incident (kind incident). */
  incidentId: string | null;
  title: string;
  status: StatusEventStatus;
  componentSlugs: string[];
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  updates: StatusPageUpdate[];
}

/** What the public sees of one update. */
export interface PublicUpdate {
  id: string;
  status: StatusEventStatus;
  body: PublicString;
  componentStates: ComponentStateChange[];
  publishedAt: Date;
}

/** What the public sees of one incident or maintenance: only published updates, newest first. */
export interface PublicEvent {
  id: string;
  kind: StatusEventKind;
  title: PublicString;
  status: StatusEventStatus;
  impact: Impact;
  componentSlugs: string[];
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
  updates: PublicUpdate[];
}

export type Impact = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** A component as the public sees it: everything but the internal id. */
export type PublicComponent = Omit<StatusComponent, 'id'>;

/** Everything the public page shows, loaded once per publish. */
export interface StatusPageModel {
  /** Bumped on every public change; the snapshot is rebuilt when it moves. */
  version: number;
  /** When something public last changed (Last-Modified). */
  changedAt: Date;
  components: PublicComponent[];
  /** Live incidents, newest first. */
  incidents: PublicEvent[];
  /** Maintenance not yet completed, soonest first. */
  maintenances: PublicEvent[];
  /** Resolved incidents and completed maintenance of the last HISTORY_DAYS days, newest first. */
  recent: PublicEvent[];
}

/** One month of resolved incidents and completed maintenance. */
export interface HistoryMonth {
  /** YYYY-MM */
  month: string;
  events: PublicEvent[];
  /** The neighbouring months that have history, for paging (null: none). */
  previous: string | null;
  next: string | null;
}

/** The company the page belongs to (SECDESK_STATUS_NAME, SECDESK_STATUS_LOGO_URL, SECDESK_STATUS_BRAND_COLOR). */
export interface Branding {
  name: string;
  logoUrl: string | null;
  /** #rrggbb */
  brandColor: string;
  /** Absolute base URL of this server, without a trailing slash (links in feeds and JSON). */
  baseUrl: string;
}

/** Input of the one publishing use case other modules call. */
export interface PublishIncidentUpdateInput {
  incidentId: string;
  status: IncidentUpdateStatus;
  /** The public title (required while the status page incident has none; given later, it renames it) and the update's body. */
  text: PublicIncidentText;
  componentSlugs?: string[] | undefined;
  componentState?: ComponentState | undefined;
}

export interface MaintenanceInput {
  title: string;
  body: string;
  scheduledFor: Date;
  scheduledUntil: Date;
  componentSlugs: string[];
}

export interface MaintenanceUpdateInput {
  status: MaintenanceStatus;
  body: string;
  componentState?: ComponentState | undefined;
}

/** Queue the subscriptions module handles: one job per published update. */
export const STATUS_NOTIFY_QUEUE = 'status.notify';

/** Payload of a status.notify job, enqueued in the same transaction as the publish. */
export interface StatusNotification {
  updateId: string;
  kind: 'incident' | 'maintenance';
  title: string;
  status: string;
  body: string;
  componentSlugs: string[];
  url: string;
  publishedAt: string;
}
