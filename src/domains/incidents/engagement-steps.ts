// The engagement steps that run inside an incident's transaction: engage the groups whose rule
// newly holds, schedule each engagement's next reminder check as a durable job, end engagements
// when the incident is resolved, and read engagements with their cadence state.
import type { Engagement, EngagementRecord } from '../stakeholders/stakeholders.types.ts';
import { describeEngagement, newlyEngaged, reminderCheck, type EngagementHistory } from '../stakeholders/engagements.ts';
import { cadenceWords } from '../stakeholders/engagement-words.ts';
import { incidentUpdateCounts, type CadenceState } from '../stakeholders/cadence-clock.ts';
import { clockOf } from '../stakeholders/engagements.ts';
import type { IncidentsStore } from './incidents.ports.ts';
import type { IncidentRecord } from './incidents.types.ts';
import { factsOf } from './incident-facts.ts';
import type { OnCallRole } from '../oncall/oncall-roles.ts';
import type { RiskMatrix } from './risk-matrix.ts';
import { addToTimeline } from './timeline.ts';

export const ENGAGEMENT_REMINDER_QUEUE = 'incidents.engagement-reminder';

export interface ReminderJob {
  engagementId: string;
  /** ISO time this check is for. */
  checkAt: string;
}

/**
 * Enqueues the reminder check at `at`. The queue's exclusive policy and the key (engagement + time)
 * keep one queued job per check, however many times it is asked for (a restart, a second instance).
 */
export async function scheduleCheck(s: IncidentsStore, engagementId: string, at: Date): Promise<void> {
  const data: ReminderJob = { engagementId, checkAt: at.toISOString() };
  await s.jobs.send(ENGAGEMENT_REMINDER_QUEUE, data, { startAfter: at, singletonKey: `${engagementId}@${data.checkAt}` });
}

export async function historyOf(s: IncidentsStore, incidentId: string, engagements: readonly EngagementRecord[]): Promise<Map<string, EngagementHistory>> {
  const [updates, snoozes] = await Promise.all([s.statusUpdates.list(incidentId), s.engagements.snoozes(engagements.map((e) => e.id))]);
  const sentTo = (id: string) =>
    updates.filter((u) => u.engagementIds.includes(id)).map((u) => ({ at: u.publishedAt, delivered: !u.notDelivered.some((n) => n.engagementId === id) }));
  return new Map(engagements.map((e) => [e.id, { updates: sentTo(e.id), snoozes: snoozes.get(e.id) ?? [] }]));
}

/** Engages every group whose rule holds now and is not engaged yet; each gets a timeline entry and its first reminder check. */
export async function engageNewlyMet(
  s: IncidentsStore,
  incident: IncidentRecord,
  actorLabel: string,
  at: Date,
  graceMinutes: number,
  matrix: RiskMatrix,
): Promise<EngagementRecord[]> {
  if (incident.status === 'resolved' || incident.status === 'closed') return [];
  const [rules, existing] = await Promise.all([s.stakeholderRules.list(), s.engagements.forIncident(incident.id)]);
  const engaged: EngagementRecord[] = [];
  for (const candidate of newlyEngaged(rules, factsOf(incident), new Set(existing.map((e) => e.ruleId)), at, matrix)) {
    const created = await s.engagements.create(incident.id, candidate);
    if (!created) continue;
    engaged.push(created);
    const howOften = cadenceWords(created.rule.cadence);
    await addToTimeline(s, incident.id, {
      at,
      kind: 'engaged',
      summary: `Engaged ${created.group}: task for ${created.driLabel} to engage them now through ${created.through}, then ${howOften} (because ${created.because.join('; ')})`,
      actorLabel,
      data: { engagementId: created.id, ruleId: created.ruleId, dri: created.driLabel, through: created.through },
      dedupeKey: `engagement:${created.id}:engaged`,
    });
    const { nextCheckAt } = reminderCheck(created, { updates: [], snoozes: [] }, graceMinutes, at);
    if (nextCheckAt) await scheduleCheck(s, created.id, nextCheckAt);
  }
  return engaged;
}

export async function endEngagements(s: IncidentsStore, incident: IncidentRecord, actorLabel: string, at: Date): Promise<void> {
  const ended = await s.engagements.endAll(incident.id, at);
  if (ended.length === 0) return;
  await addToTimeline(s, incident.id, {
    at,
    kind: 'engagements_ended',
    summary: `Incident ${incident.status}: update reminders to ${ended.map((e) => e.group).join(', ')} end`,
    actorLabel,
  });
}

export async function engagementsOf(
  s: IncidentsStore,
  incidentId: string,
  graceMinutes: number,
  now: Date,
): Promise<{ engagements: (Engagement & { driRole: OnCallRole | null })[]; counts: ReturnType<typeof incidentUpdateCounts> }> {
  const records = await s.engagements.forIncident(incidentId);
  const history = await historyOf(s, incidentId, records);
  const states: CadenceState[] = records.map((r) => clockOf(r, history.get(r.id)!, graceMinutes, now));
  const driRole = (r: EngagementRecord) => (r.rule.dri.kind === 'on_call_role' ? r.rule.dri.role : null);
  return {
    engagements: records.map((r) => ({ ...describeEngagement(r, history.get(r.id)!, graceMinutes, now), driRole: driRole(r) })),
    counts: incidentUpdateCounts(states),
  };
}
