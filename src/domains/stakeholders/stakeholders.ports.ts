import type { AuditPort } from '../ports.ts';
import type { Snooze } from './cadence-clock.ts';
import type { EngagementRecord, NewEngagement } from './stakeholders.types.ts';
import type { StakeholderRule } from './stakeholders.types.ts';

export interface StakeholderRulesRepository {
  /** In the team's order. */
  list(): Promise<StakeholderRule[]>;
  /** Replaces the whole set. */
  replace(rules: readonly StakeholderRule[]): Promise<void>;
}

export interface EngagementsRepository {
  forIncident(incidentId: string): Promise<EngagementRecord[]>;
  byId(id: string): Promise<EngagementRecord | null>;
  /** Null when the group is already engaged on this incident (a concurrent change got there first). */
  create(incidentId: string, engagement: NewEngagement): Promise<EngagementRecord | null>;
  endAll(incidentId: string, at: Date): Promise<EngagementRecord[]>;
  snoozes(engagementIds: readonly string[]): Promise<Map<string, Snooze[]>>;
  addSnooze(engagementId: string, snooze: Snooze & { actorLabel: string }): Promise<void>;
}

export interface StakeholderRulesStore {
  stakeholderRules: StakeholderRulesRepository;
  audit: AuditPort;
}
