// Engagements: a stakeholder group engaged on an incident because its rule's condition became true.
// Pure: which rules newly hold, an engagement's state from the cadence clock, and what a reminder
// check owes the timeline (update due, missed, escalated) and when the next check runs.
import type { IncidentFacts } from '../incidents/incidents.types.ts';
import type { RiskMatrix } from '../incidents/risk-matrix.ts';
import { cadenceState, type CadenceState, type SentUpdate, type Snooze } from './cadence-clock.ts';
import { cadenceWords, driWords } from './engagement-words.ts';
import { preview, type EngagementPreview } from './preview.ts';
import type { Dri, Engagement, EngagementRecord, EngagementStatus, NewEngagement, StakeholderRule } from './stakeholders.types.ts';
/**
 * The backup DRI a missed update escalates to: the rule's own, or else the Security Incident
 * Manager On Call (who owns internal updates), or the Security Engineer On Call when the manager is the DRI.
 */
export function backupDri(rule: StakeholderRule): Dri {
  if (rule.backup) return rule.backup;
  const managerIsDri = rule.dri.kind === 'on_call_role' && rule.dri.role === 'incident_manager';
  return { kind: 'on_call_role', role: managerIsDri ? 'security_engineer' : 'incident_manager' };
}
/** Groups whose rule holds for these facts and who are not engaged yet. */
export function newlyEngaged(
  rules: readonly StakeholderRule[],
  facts: IncidentFacts,
  engagedRuleIds: ReadonlySet<string>,
  at: Date,
  matrix: RiskMatrix,
): NewEngagement[] {
  const result = preview(rules, facts, { matrix });
  const byId = new Map(rules.map((r) => [r.id, r]));
  const contactsOf = new Map(rules.map((r) => [r.group.toLowerCase(), r.contacts]));
  return result.engaged
    .filter((e) => !engagedRuleIds.has(e.ruleId))
    .map((e: EngagementPreview) => {
      const rule = byId.get(e.ruleId)!;
      const backup = backupDri(rule);
      const backupContacts = backup.kind === 'stakeholder_group' ? contactsOf.get(backup.group.toLowerCase()) : undefined;
      return {
        ruleId: rule.id,
        group: rule.group,
        rule,
        driLabel: e.by,
        backupLabel: driWords(backup, undefined, backupContacts),
        through: e.through,
        because: e.because,
        engagedAt: at,
      };
    });
}
export interface EngagementHistory {
  updates: readonly SentUpdate[];
  snoozes: readonly Snooze[];
}
export function clockOf(record: EngagementRecord, history: EngagementHistory, graceMinutes: number, now: Date): CadenceState {
  // An ended engagement is read as of its end, so its counts stop there.
  const at = record.endedAt && record.endedAt < now ? record.endedAt : now;
  return cadenceState({ engagedAt: record.engagedAt, cadence: record.rule.cadence, updates: history.updates, snoozes: history.snoozes, graceMinutes, now: at });
}
export function describeEngagement(record: EngagementRecord, history: EngagementHistory, graceMinutes: number, now: Date): Engagement {
  const state = clockOf(record, history, graceMinutes, now);
  const { rule, ...rest } = record;
  const due = state.nextDueAt !== null && now.getTime() >= state.nextDueAt.getTime();
  const status: EngagementStatus = record.endedAt ? 'ended' : state.escalate ? 'escalated' : due ? 'update_due' : state.snoozedUntil ? 'snoozed' : 'engaged';
  return {
    ...rest,
    cadence: rule.cadence,
    channel: rule.channel,
    howOften: cadenceWords(rule.cadence),
    status,
    nextDueAt: record.endedAt ? null : state.nextDueAt,
    escalateAt: record.endedAt ? null : state.escalateAt,
    snoozedUntil: state.snoozedUntil,
    onTime: state.onTime,
    late: state.late,
    missed: state.missed,
    notDelivered: state.notDelivered,
  };
}
export interface ReminderEvent {
  at: Date;
  kind: 'update_due' | 'update_missed' | 'escalated';
  summary: string;
  /** Recording the same reminder twice (a retried job, a second instance) stores it once. */
  dedupeKey: string;
}
export interface ReminderCheck {
  events: ReminderEvent[];
  /** When to check again; null when nothing more can fall due (continuous cadence, ended). */
  nextCheckAt: Date | null;
}
const hhmm = (d: Date) => d.toISOString().slice(11, 16) + ' UTC';
/** What a reminder check at `now` owes the timeline, and when the next check runs. */
export function reminderCheck(record: EngagementRecord, history: EngagementHistory, graceMinutes: number, now: Date): ReminderCheck {
  if (record.endedAt) return { events: [], nextCheckAt: null };
  const state = clockOf(record, history, graceMinutes, now);
  if (state.nextDueAt === null) return { events: [], nextCheckAt: null };
  const events: ReminderEvent[] = [];
  const due = state.nextDueAt;
  const key = `engagement:${record.id}`;
  if (now.getTime() >= due.getTime()) {
    events.push({
      at: due,
      kind: 'update_due',
      dedupeKey: `${key}:due:${due.toISOString()}`,
      summary: `Update to ${record.group} due at ${hhmm(due)}: reminder to ${record.driLabel} (${record.through})`,
    });
  }
  for (let n = 1; n <= state.missed; n++) {
    events.push({
      at: now,
      kind: 'update_missed',
      dedupeKey: `${key}:missed:${n}`,
      summary: `Update to ${record.group} missed (${n} missed on this incident for this group)`,
    });
  }
  if (state.escalate && state.escalateAt) {
    events.push({
      at: state.escalateAt,
      kind: 'escalated',
      dedupeKey: `${key}:escalated:${state.escalateAt.toISOString()}`,
      summary: `No update to ${record.group} since the due time: escalated to the backup DRI, ${record.backupLabel}; a "no change since" update is drafted to send in one step`,
    });
  }
  // Before the due time the next check is the due time; after it, the end of the grace period.
  const grace = Math.max(graceMinutes, 1) * 60_000;
  const nextCheckAt = now.getTime() < due.getTime() ? due : new Date(due.getTime() + grace);
  return { events, nextCheckAt };
}
