import type { UsersRepository } from '../accounts/accounts.ports.ts';
import type { NotificationsRepository } from '../notifications/notifications.ports.ts';
import type { OnCallRole } from '../oncall/oncall-roles.ts';
import type { RotationsRepository } from '../oncall/oncall.ports.ts';
import type { AuditPort, JobSender } from '../ports.ts';
import type { IncidentType } from './incident-types.ts';
import type { Position } from '../pagination.ts';
import type { EngagementsRepository, StakeholderRulesRepository } from '../stakeholders/stakeholders.ports.ts';
import type { IncidentRecord, IncidentStatus, PlanFacts, TimelineEvent, Visibility } from './incidents.types.ts';
import type { StatusUpdate, StatusUpdateFields } from './status-update.ts';
import type { RegulatoryClocksRepository } from '../regulatory/regulatory.ports.ts';
import type { EventRecorder } from '../events.ts';

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
  /** Incidents declared from a ticket that the viewer may see. */
  byTicket(viewer: IncidentViewer, ticketId: string): Promise<IncidentRecord[]>;
  update(id: string, change: { impact: number; likelihood: number; type: string; status: IncidentStatus; facts: PlanFacts }): Promise<IncidentRecord>;
  timeline(id: string): Promise<TimelineEvent[]>;
  /** Null when an event with the same dedupe key exists. */
  addEvent(incidentId: string, event: NewTimelineEvent): Promise<TimelineEvent | null>;
}

export interface StatusUpdatesRepository {
  list(incidentId: string): Promise<StatusUpdate[]>;
  last(incidentId: string): Promise<StatusUpdate | null>;
  create(
    incidentId: string,
    update: StatusUpdateFields & Pick<StatusUpdate, 'publishedAt' | 'authorLabel' | 'engagementIds' | 'notDelivered'>,
  ): Promise<StatusUpdate>;
}

export interface RoleHolderRow {
  role: OnCallRole;
  /** Null: the role is unfilled (its rotation had nobody on call). */
  userId: string | null;
  name: string | null;
  since: Date;
}

export interface IncidentRolesRepository {
  list(incidentId: string): Promise<RoleHolderRow[]>;
  set(incidentId: string, role: OnCallRole, userId: string | null, since: Date): Promise<void>;
}

export interface ResponderRow {
  userId: string;
  name: string;
  email: string;
  addedAt: Date;
}

export interface RespondersRepository {
  list(incidentId: string): Promise<ResponderRow[]>;
  /** False when the person was a responder already. */
  add(incidentId: string, userId: string, at: Date): Promise<boolean>;
  remove(incidentId: string, userId: string): Promise<boolean>;
}

export interface IncidentTypesRepository {
  list(): Promise<IncidentType[]>;
  replace(types: IncidentType[]): Promise<void>;
  /** Types some incident has. */
  inUse(): Promise<string[]>;
}

export interface IncidentsStore {
  incidentRoles: IncidentRolesRepository;
  responders: RespondersRepository;
  incidentTypes: IncidentTypesRepository;
  rotations: RotationsRepository;
  users: UsersRepository;
  notifications: NotificationsRepository;
  incidents: IncidentsRepository;
  stakeholderRules: StakeholderRulesRepository;
  engagements: EngagementsRepository;
  statusUpdates: StatusUpdatesRepository;
  regulatoryClocks: RegulatoryClocksRepository;
  audit: AuditPort;
  jobs: JobSender;
  /** Domain events (incidents/timeline.ts records `incident.timeline_added`). */
  events: EventRecorder;
}
