// The plan as the API shows it: stored decisions and tasks, attached lists, rounds, overrides, the
// communications, and the flow computed from all of it.
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import { scoreRisk, type RiskMatrix } from '../incidents/risk-matrix.ts';
import { currentApproval } from './approval-rules.ts';
import { securityNoticesListId } from './comms-context.ts';
import type { CommunicationsStore } from './communications.ports.ts';
import type { Channel, CommsPlan } from './communications.types.ts';
import { computeFlow } from './flow.ts';

/**
 * The channels the plan prescribes: at a risk level the plan covers (high or above), the customer
 * email first and the status page update for the live incident; below it, the customer email alone.
 */
export function prescribedChannels(planApplies: boolean): Channel[] {
  return planApplies ? ['customer_email', 'status_page'] : ['customer_email'];
}

export async function planOf(store: CommunicationsStore, incident: IncidentRecord, matrix: RiskMatrix, now: Date): Promise<CommsPlan> {
  const repo = store.communications;
  const [row, tasks, lists, rounds, overrides, communications, noticesList] = await Promise.all([
    repo.plan(incident.id),
    repo.tasks(incident.id),
    repo.lists(incident.id),
    repo.rounds(incident.id),
    repo.overrides(incident.id),
    repo.forIncident(incident.id),
    securityNoticesListId(store),
  ]);
  const scope =
    row?.scopeDecidedAt && row.frequencyMinutes
      ? { frequencyMinutes: row.frequencyMinutes, decidedBy: row.scopeDecidedBy ?? '', decidedAt: row.scopeDecidedAt }
      : null;
  const medium = row?.mediumDecidedAt ? { channels: row.channels, decidedBy: row.mediumDecidedBy ?? '', decidedAt: row.mediumDecidedAt } : null;
  const flow = computeFlow({
    impactDetermined: incident.facts.impactDetermined,
    scope,
    medium,
    tasks,
    lists: lists.map((l) => l.audience),
    securityNoticesList: noticesList !== null,
    rounds,
    communications: communications.map((c) => ({
      round: c.round,
      channel: c.channel,
      approved: currentApproval({ currentVersion: c.currentVersion, approval: c.approval, versions: [] }) !== null,
      sentAt: c.sentAt,
    })),
    overrides,
    now,
  });
  const risk = scoreRisk(incident.impact, incident.likelihood, matrix);
  const defaultList = noticesList ? await store.fanout.listById(noticesList) : null;
  return {
    incidentId: incident.id,
    applies: risk.commsPlanApplies,
    impactDetermined: incident.facts.impactDetermined,
    scope: row?.scope ?? null,
    publicTitle: row?.publicTitle ?? null,
    frequencyMinutes: row?.frequencyMinutes ?? null,
    scopeDecidedBy: row?.scopeDecidedBy ?? null,
    scopeDecidedAt: row?.scopeDecidedAt ?? null,
    channels: row?.channels ?? [],
    mediumDecidedBy: row?.mediumDecidedBy ?? null,
    mediumDecidedAt: row?.mediumDecidedAt ?? null,
    tasks,
    lists,
    defaultList: defaultList ? { listId: defaultList.id, listName: defaultList.name } : null,
    prescribedChannels: prescribedChannels(risk.commsPlanApplies),
    rounds,
    overrides,
    allClearAt: row?.allClearAt ?? null,
    communications,
    flow,
  };
}
