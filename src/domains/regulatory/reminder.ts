// One reminder of a regulatory clock: on the incident's timeline once per reminder point, and to
// the clock's owner — the incident's holder of the owner role; an unheld role is filled from its
// rotation first (so the person reminded is a responder and can open a restricted incident) — in
// the app and by mail, once per key.
import type { IncidentsStore } from '../incidents/incidents.ports.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { Notifier } from '../notifications/notifier.ts';
import { ON_CALL_ROLE_LABELS, type OnCallRole } from '../oncall/oncall-roles.ts';
import { fillFromRotation } from '../incidents/incident-roles.ts';
import type { ReminderPoint } from './deadline.ts';
import type { RegulatoryClockRecord } from './regulatory.ports.ts';
import { addToTimeline } from '../incidents/timeline.ts';

async function ownerOf(
  s: IncidentsStore,
  notifier: Notifier,
  incident: IncidentRecord,
  role: OnCallRole,
  at: Date,
): Promise<{ id: string; name: string } | null> {
  const current = (await s.incidentRoles.list(incident.id)).find((r) => r.role === role);
  const userId = await fillFromRotation(s, notifier, incident, role, at, 'secdesk', current);
  const user = userId ? await s.users.byId(userId) : null;
  return user ? { id: user.id, name: user.name } : null;
}

export interface Reminder {
  incident: IncidentRecord;
  clock: RegulatoryClockRecord;
  point: ReminderPoint;
  now: Date;
  words: { headline: string; due: string };
}

/** False when this reminder point was recorded already. */
export async function remindOwner(s: IncidentsStore, notifier: Notifier, r: Reminder): Promise<boolean> {
  const key = `regulatory:${r.clock.id}:${r.point.at.toISOString()}`;
  const role = ON_CALL_ROLE_LABELS[r.clock.terms.owner];
  const owner = await ownerOf(s, notifier, r.incident, r.clock.terms.owner, r.now);
  const to = owner ? `${role} (${owner.name}) reminded` : `nobody reminded: the ${role} role is unfilled and nobody is on call for it`;
  const added = await addToTimeline(s, r.incident.id, {
    at: r.now,
    kind: r.point.hoursBefore === 0 ? 'regulatory_clock_overdue' : 'regulatory_clock_reminder',
    summary: `${r.words.headline} (due ${r.words.due}); ${to}`,
    actorLabel: 'secdesk',
    data: { clockId: r.clock.id, hoursBefore: r.point.hoursBefore },
    dedupeKey: key,
  });
  if (!added) return false;
  if (!owner) return true;
  await notifier.notify(s, [owner.id], {
    kind: 'regulatory_deadline',
    ticketId: null,
    title: `${r.words.headline} (incident #${r.incident.number})`,
    body: `${r.words.headline}\nIncident #${r.incident.number}: ${r.incident.title}\nDue ${r.words.due}. You are the ${role}.\nMark it met or not applicable on the incident: ${notifier.link(`/incidents/${r.incident.id}`)}`,
    dedupeKey: key,
  });
  return true;
}
