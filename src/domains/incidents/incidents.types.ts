import type { Engagement } from '../stakeholders/stakeholders.types.ts';
import type { OnCallRole } from '../oncall/oncall-roles.ts';
import type { RiskScore } from './risk-matrix.ts';

export const INCIDENT_TYPES = ['data_breach', 'rce', 'account_takeover', 'abuse', 'policy_violation', 'vulnerability', 'other'] as const;
export const INCIDENT_STATUSES = ['declared', 'investigating', 'mitigated', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type Visibility = 'normal' | 'restricted';

export interface IncidentRecord {
  id: string;
  number: number;
  title: string;
  description: string;
  type: string;
  status: IncidentStatus;
  impact: number;
  likelihood: number;
  visibility: Visibility;
  /** The plan's facts besides the risk axes and the type (which have their own fields). */
  facts: PlanFacts;
  declaredBy: string | null;
  declaredAt: Date;
  updatedAt: Date;
  /** The ticket the incident was declared from. */
  ticketId: string | null;
}

export interface IncidentSummary extends Omit<IncidentRecord, 'description' | 'declaredBy' | 'ticketId'> {
  risk: { score: number; level: string; label: string };
  commsPlanApplies: boolean;
}

export interface TimelineEvent {
  id: string;
  at: Date;
  kind: string;
  summary: string;
  actorLabel: string;
}

export interface Incident extends IncidentSummary {
  description: string;
  ticketId: string | null;
  timeline: TimelineEvent[];
  /** Each with the on-call role of its DRI, to show the person holding it. */
  engagements: (Engagement & { driRole: OnCallRole | null })[];
  /** The plan's three roles and who holds each. */
  roles: RoleHolder[];
  /** Those named on the incident (besides the role holders): with admins, all who see it when restricted. */
  responders: { userId: string; name: string; addedAt: Date }[];
  /** On-time, late and missed updates over all engagements. */
  updateCounts: { onTime: number; late: number; missed: number; escalations: number };
}

export interface NewIncident {
  title: string;
  description: string;
  type: string;
  impact: number;
  likelihood: number;
  visibility?: Visibility;
  facts?: Partial<PlanFacts>;
  ticketId?: string;
}

/** A change to an incident: any of its facts, the risk axes, the type or the status. */
export interface IncidentChange {
  impact?: number;
  likelihood?: number;
  type?: string;
  status?: IncidentStatus;
  facts?: Partial<PlanFacts>;
}

export function summarise(record: IncidentRecord, risk: RiskScore): IncidentSummary {
  const { description: _d, declaredBy: _b, ticketId: _t, ...rest } = record;
  return { ...rest, risk: { score: risk.score, level: risk.level, label: risk.label }, commsPlanApplies: risk.commsPlanApplies };
}

/** How many users an incident touches, in the order the status update reports it. */
export const USERS_IMPACTED = ['none', 'some', 'many', 'all'] as const;
export type UsersImpacted = (typeof USERS_IMPACTED)[number];

/**
 * The facts that drive the communications plan. `impact` and `likelihood` are the risk matrix's
 * axes (1..5 by default); the overall impact level the stakeholder rules test comes from them.
 */
export interface IncidentFacts {
  impact: number;
  likelihood: number;
  type: string;
  dataBreach: boolean;
  personalDataExposed: boolean;
  privateProjectsExposed: boolean;
  financialInformationExposed: boolean;
  /** A remote code execution with evidence of exploitation. */
  rceExploited: boolean;
  publiclyReported: boolean;
  /** A regulatory requirement to make an announcement. */
  regulatoryDuty: boolean;
  /** Enterprise (self-managed) customers are impacted. */
  enterpriseCustomersImpacted: boolean;
  usersImpacted: UsersImpacted;
  /** The investigation of scope and impact has concluded (the plan's "once the full impact and risk has been determined"). */
  impactDetermined: boolean;
}

/** The facts an incident keeps beside its impact, likelihood and type. */
export type PlanFacts = Omit<IncidentFacts, 'impact' | 'likelihood' | 'type'>;

export interface RoleHolder {
  role: OnCallRole;
  label: string;
  userId: string | null;
  name: string | null;
  since: Date | null;
  /** Why the role has nobody, when it has nobody and the plan engaged it. */
  warning: string | null;
}
