import type { AuditPort, JobSender } from '../ports.ts';
import type { Position } from '../pagination.ts';
import type { EngagementsRepository, StakeholderRulesRepository } from '../stakeholders/stakeholders.ports.ts';
import type { IncidentRecord, IncidentStatus, PlanFacts, TimelineEvent, Visibility } from './incidents.types.ts';
import type { StatusUpdate, StatusUpdateFields } from './status-update.ts';

export interface IncidentViewer {
  userId: string | null;
  /** Sees restricted incidents too. */
  seesRestricted: boolean;
}

export interface NewTimelineEvent extends Omit<TimelineEvent, 'id'> {
  data?: unknown;
  /** An event with a key already on this incident's timeline is not stored again. */
  dedupeKey?: string;
}

export interface IncidentsRepository {
  list(viewer: IncidentViewer, status: IncidentStatus | undefined, limit: number, after: Position | null): Promise<IncidentRecord[]>;
  byId(viewer: IncidentViewer, id: string): Promise<IncidentRecord | null>;
  /** Locks the row for the rest of the transaction: concurrent changes to one incident queue up. */
  lockById(viewer: IncidentViewer, id: string): Promise<IncidentRecord | null>;
  create(incident: Omit<IncidentRecord, 'id' | 'number' | 'updatedAt'> & { visibility: Visibility }): Promise<IncidentRecord>;
  update(id: string, change: { impact: number; likelihood: number; type: string; status: IncidentStatus; facts: PlanFacts }): Promise<IncidentRecord>;
  timeline(id: string): Promise<TimelineEvent[]>;
  /** Null when an event with the same dedupe key exists. */
  addEvent(incidentId: string, event: NewTimelineEvent): Promise<TimelineEvent | null>;
}

export interface StatusUpdatesRepository {
  list(incidentId: string): Promise<StatusUpdate[]>;
  last(incidentId: string): Promise<StatusUpdate | null>;
  create(incidentId: string, update: StatusUpdateFields & { publishedAt: Date; authorLabel: string; engagementIds: string[] }): Promise<StatusUpdate>;
}

export interface IncidentsStore {
  incidents: IncidentsRepository;
  stakeholderRules: StakeholderRulesRepository;
  engagements: EngagementsRepository;
  statusUpdates: StatusUpdatesRepository;
  audit: AuditPort;
  jobs: JobSender;
}
