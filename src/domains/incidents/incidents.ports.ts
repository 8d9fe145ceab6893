import type { AuditPort } from '../ports.ts';
import type { Position } from '../pagination.ts';
import type { IncidentRecord, IncidentStatus, TimelineEvent, Visibility } from './incidents.types.ts';

export interface IncidentViewer {
  userId: string | null;
  /** Sees restricted incidents too. */
  seesRestricted: boolean;
}

export interface IncidentsRepository {
  list(viewer: IncidentViewer, status: IncidentStatus | undefined, limit: number, after: Position | null): Promise<IncidentRecord[]>;
  byId(viewer: IncidentViewer, id: string): Promise<IncidentRecord | null>;
  create(incident: Omit<IncidentRecord, 'id' | 'number' | 'updatedAt'> & { visibility: Visibility }): Promise<IncidentRecord>;
  timeline(id: string): Promise<TimelineEvent[]>;
  addEvent(incidentId: string, event: Omit<TimelineEvent, 'id'> & { data?: unknown }): Promise<TimelineEvent>;
}

export interface IncidentsStore {
  incidents: IncidentsRepository;
  audit: AuditPort;
}
