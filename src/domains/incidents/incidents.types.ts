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
  declaredBy: string | null;
  declaredAt: Date;
  updatedAt: Date;
}

export interface IncidentSummary extends Omit<IncidentRecord, 'description' | 'declaredBy'> {
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
  timeline: TimelineEvent[];
}

export interface NewIncident {
  title: string;
  description: string;
  type: string;
  impact: number;
  likelihood: number;
  visibility?: Visibility;
  status?: IncidentStatus;
  declaredAt?: Date;
}

export function summarise(record: IncidentRecord, risk: RiskScore): IncidentSummary {
  const { description: _d, declaredBy: _b, ...rest } = record;
  return { ...rest, risk: { score: risk.score, level: risk.level, label: risk.label }, commsPlanApplies: risk.commsPlanApplies };
}
