// Stakeholder rules: who to engage when an incident's facts meet a condition, who engages them
// (the DRI), how often (the cadence) and where (the channel).
import type { OnCallRole } from '../oncall/oncall-roles.ts';

export interface Contact {
  name: string;
  /** Chat handle, for direct messages. */
  handle?: string;
  email?: string;
}

/**
 * The person responsible for engaging a group: whoever holds an on-call role when the rule fires,
 * or the contacts of another stakeholder group (the plan's "Sr. Director of Security" engages the
 * e-group and Legal; the director's contacts are kept once, on their own rule).
 */
export type Dri = { kind: 'on_call_role'; role: OnCallRole } | { kind: 'stakeholder_group'; group: string };

/** Every N minutes, or continuous: on every update of the incident. */
export type Cadence = { kind: 'every'; minutes: number } | { kind: 'continuous' };

/**
 * Where the group is engaged: a direct message to each of its contacts, a named chat channel, the
 * incident's own channel (opened at declaration, so it has no name before), or an email address.
 */
export type Channel = { kind: 'direct_message' } | { kind: 'channel'; target: string } | { kind: 'incident_channel' } | { kind: 'email'; target: string };

export interface StakeholderRule {
  /** Stable slug: lower-case letters, digits and hyphens. */
  id: string;
  group: string;
  contacts: Contact[];
  /** Source text in the condition language (see condition-syntax.ts). */
  condition: string;
  dri: Dri;
  /** Who a missed update escalates to (see backupDri in engagements.ts for the default). */
  backup?: Dri;
  cadence: Cadence;
  channel: Channel;
  /** Free text shown with the rule, e.g. "unless otherwise requested". */
  note?: string;
}

export type RuleField = 'id' | 'group' | 'contacts' | 'condition' | 'dri' | 'backup' | 'cadence' | 'channel' | 'note';

export interface RuleProblem {
  ruleId: string;
  field: RuleField;
  message: string;
  /** For a condition problem: where in the condition, 1-based. */
  line?: number;
  column?: number;
}

export interface EngagementRecord {
  id: string;
  incidentId: string;
  ruleId: string;
  group: string;
  /** The rule as it was when the group was engaged: later edits do not change a running engagement. */
  rule: StakeholderRule;
  driLabel: string;
  backupLabel: string;
  through: string;
  because: string[];
  engagedAt: Date;
  endedAt: Date | null;
}

export type EngagementStatus = 'engaged' | 'update_due' | 'escalated' | 'snoozed' | 'ended';

export interface Engagement extends Omit<EngagementRecord, 'rule'> {
  cadence: StakeholderRule['cadence'];
  channel: StakeholderRule['channel'];
  howOften: string;
  status: EngagementStatus;
  nextDueAt: Date | null;
  escalateAt: Date | null;
  snoozedUntil: Date | null;
  onTime: number;
  late: number;
  missed: number;
  /** Updates addressed to the group that reached nobody (no channel configured). */
  notDelivered: number;
}

export interface NewEngagement extends Omit<EngagementRecord, 'id' | 'incidentId' | 'endedAt'> {}
