// The plan's on-call roles on one incident, filled inside the incident's transaction. Declaring
// fills the Security Engineer On Call from its rotation and pages them. The Security Incident
// Manager and the Communications Manager are engaged when the plan engages them: when the
// communications plan applies (risk high or above), or when an engaged stakeholder group names
// their role as its DRI, or on request. An empty rotation leaves the role unfilled, on the timeline
// and in the incident view, and a later step tries again.
import type { Notifier } from '../notifications/notifier.ts';
import { ON_CALL_ROLE_LABELS, ON_CALL_ROLES, type OnCallRole } from '../oncall/oncall-roles.ts';
import { onCallAt } from '../oncall/oncall-schedule.ts';
import type { IncidentsStore, RoleHolderRow } from './incidents.ports.ts';
import type { IncidentRecord, RoleHolder } from './incidents.types.ts';
import { scoreRisk, type RiskMatrix } from './risk-matrix.ts';
import { addToTimeline } from './timeline.ts';

/** Pages one person about an incident: an in-app notification, mailed through the outbox when mail is on. */
export async function page(s: IncidentsStore, notifier: Notifier, incident: IncidentRecord, role: OnCallRole, userId: string, since: Date): Promise<void> {
  await notifier.notify(s, [userId], {
    kind: 'incident_page',
    ticketId: null,
    title: `Paged as ${ON_CALL_ROLE_LABELS[role]}: incident #${incident.number}`,
    body: `You are the ${ON_CALL_ROLE_LABELS[role]} of incident #${incident.number} (${incident.title}).\nOpen it in secdesk: ${notifier.link(`/incidents/${incident.id}`)}`,
    dedupeKey: `incident:${incident.id}:${role}:${since.toISOString()}`,
  });
}

/** The roles the plan engages for an incident as it stands now. */
export async function rolesDue(s: IncidentsStore, incident: IncidentRecord, matrix: RiskMatrix): Promise<OnCallRole[]> {
  const due = new Set<OnCallRole>(['security_engineer']);
  if (scoreRisk(incident.impact, incident.likelihood, matrix).commsPlanApplies) {
    due.add('incident_manager');
    due.add('communications_manager');
  }
  for (const e of await s.engagements.forIncident(incident.id)) {
    if (!e.endedAt && e.rule.dri.kind === 'on_call_role') due.add(e.rule.dri.role);
  }
  return ON_CALL_ROLES.filter((r) => due.has(r));
}

/**
 * Fills one role from its rotation at `at` unless someone holds it. Returns the holder's user id,
 * or null (unfilled). Every outcome is on the timeline once; the person found is paged.
 */
export async function fillFromRotation(
  s: IncidentsStore,
  notifier: Notifier,
  incident: IncidentRecord,
  role: OnCallRole,
  at: Date,
  actorLabel: string,
  current?: RoleHolderRow,
): Promise<string | null> {
  if (current?.userId) return current.userId;
  const shift = await onCallAt(s.rotations, role, at);
  const label = ON_CALL_ROLE_LABELS[role];
  const user = shift ? await s.users.byId(shift.person.id) : null;
  if (!shift || !user || user.disabled) {
    if (current) return null; // already recorded as unfilled
    await s.incidentRoles.set(incident.id, role, null, at);
    const why = shift ? `${shift.person.name} is on call but has no active account` : 'nobody is on call in its rotation';
    await addToTimeline(s, incident.id, { at, kind: 'role_unfilled', summary: `${label} not filled: ${why}`, actorLabel, data: { role } });
    return null;
  }
  await s.incidentRoles.set(incident.id, role, user.id, at);
  const source = shift.source === 'override' ? 'an override of the rotation' : 'the rotation';
  await addToTimeline(s, incident.id, {
    at,
    kind: 'role_filled',
    summary: `${label}: ${user.name} (on call from ${source}), paged`,
    actorLabel,
    data: { role, userId: user.id },
  });
  await page(s, notifier, incident, role, user.id, at);
  return user.id;
}

/** Fills every role the plan engages now and nobody holds yet. */
export async function fillDueRoles(
  s: IncidentsStore,
  notifier: Notifier,
  incident: IncidentRecord,
  at: Date,
  actorLabel: string,
  matrix: RiskMatrix,
): Promise<void> {
  if (incident.status === 'resolved' || incident.status === 'closed') return;
  const held = new Map((await s.incidentRoles.list(incident.id)).map((r) => [r.role, r]));
  for (const role of await rolesDue(s, incident, matrix)) await fillFromRotation(s, notifier, incident, role, at, actorLabel, held.get(role));
}

export async function roleHolders(s: IncidentsStore, incidentId: string): Promise<RoleHolder[]> {
  const rows = new Map((await s.incidentRoles.list(incidentId)).map((r) => [r.role, r]));
  return ON_CALL_ROLES.map((role) => {
    const row = rows.get(role);
    const warning =
      row && !row.userId ? `${ON_CALL_ROLE_LABELS[role]} is engaged but unfilled: nobody was on call in its rotation. Hand it over to someone.` : null;
    return { role, label: ON_CALL_ROLE_LABELS[role], userId: row?.userId ?? null, name: row?.name ?? null, since: row?.since ?? null, warning };
  });
}
