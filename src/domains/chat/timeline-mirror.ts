// The incident channel follows the timeline: the chat domain's subscriber to `incident.timeline_added`
// (chat.jobs.ts). Every incident use case records its key events on the timeline; for each one this
// job, in its own transaction, enqueues the job that opens the channel (a declared incident) or the
// chat posts (never a chat call inside a transaction). An event stored once (dedupe key) is posted
// once (its id is the message key). Status updates also go to each engaged group through its rule's
// channel (chat, or mail on the outbox), and a newly engaged group's DRI gets a direct message.
// Whoever becomes a responder later (a role filled or handed over, a responder added) is invited.
import type { Transactor } from '../ports.ts';
import type { IncidentTimelineAdded } from '../events.ts';
import type { IncidentsStore } from '../incidents/incidents.ports.ts';
import type { EngagementRecord } from '../stakeholders/stakeholders.types.ts';
import type { ChatPostJob, ChatTarget, InviteJob, OpenChannelJob, StakeholderMailJob } from './chat.types.ts';
import { CHAT_INVITE_QUEUE, CHAT_POST_QUEUE, isMirrored, OPEN_CHANNEL_QUEUE, STAKEHOLDER_MAIL_QUEUE, statusUpdateText } from './incident-channel.ts';

type MirroredStore = IncidentsStore;
type MirroredEvent = IncidentTimelineAdded['event'];

/** What is configured: a chat platform, outgoing mail. */
export interface MirrorTo {
  chat: boolean;
  mail: boolean;
}

/** The `chat.mirror-timeline` job: one timeline event's posts, invites and mails, queued in one transaction. */
export function mirrorTimeline(store: Transactor<MirroredStore>, to: MirrorTo) {
  return (added: IncidentTimelineAdded): Promise<void> => store.transaction((s) => onEvent(s, to, added.incidentId, added.event, added.data));
}

async function post(s: MirroredStore, job: ChatPostJob): Promise<void> {
  await s.jobs.send(CHAT_POST_QUEUE, job, { singletonKey: job.key });
}

async function onEvent(s: MirroredStore, to: MirrorTo, incidentId: string, event: MirroredEvent, data: unknown): Promise<void> {
  if (event.kind === 'status_update' && to.mail) await mailStatusUpdate(s, incidentId, event, data);
  if (!to.chat) return;
  if (event.kind === 'declared') {
    await s.jobs.send(OPEN_CHANNEL_QUEUE, { incidentId } satisfies OpenChannelJob, { singletonKey: incidentId });
    return;
  }
  await inviteNewResponder(s, incidentId, event, data);
  if (!isMirrored(event.kind)) return;
  const fields = (data ?? {}) as { updateId?: string; engagementId?: string };
  if (event.kind === 'status_update' && fields.updateId) {
    await postStatusUpdate(s, incidentId, event, fields.updateId);
    return;
  }
  await post(s, { incidentId, target: { kind: 'incident_channel' }, text: `${event.summary} (${event.actorLabel})`, key: `event:${event.id}` });
  if (event.kind === 'engaged' && fields.engagementId) await messageDri(s, incidentId, event, fields.engagementId);
}

async function postStatusUpdate(s: MirroredStore, incidentId: string, event: MirroredEvent, updateId: string): Promise<void> {
  const update = (await s.statusUpdates.list(incidentId)).find((u) => u.id === updateId);
  if (!update) return;
  const text = statusUpdateText(update);
  await post(s, { incidentId, target: { kind: 'incident_channel' }, text, key: `event:${event.id}` });
  const engagements = (await s.engagements.forIncident(incidentId)).filter((e) => update.engagementIds.includes(e.id));
  for (const engagement of engagements) {
    for (const [i, target] of groupTargets(engagement).entries()) {
      await post(s, { incidentId, target, text: `To ${engagement.group}: ${text}`, key: `event:${event.id}:${engagement.id}:${i}` });
    }
  }
}

/** Groups engaged by email get each status update by mail, through the outbox (one job per group and update). */
async function mailStatusUpdate(s: MirroredStore, incidentId: string, event: MirroredEvent, data: unknown): Promise<void> {
  const updateId = (data as { updateId?: string } | undefined)?.updateId;
  const update = updateId ? (await s.statusUpdates.list(incidentId)).find((u) => u.id === updateId) : undefined;
  if (!update) return;
  const incident = await s.incidents.byId({ userId: null, seesRestricted: true }, incidentId);
  if (!incident) return;
  const about = incident.visibility === 'restricted' ? `Incident #${incident.number}` : `Incident #${incident.number}: ${incident.title}`;
  for (const engagement of await s.engagements.forIncident(incidentId)) {
    const channel = engagement.rule.channel;
    if (channel.kind !== 'email' || !update.engagementIds.includes(engagement.id)) continue;
    const mail: StakeholderMailJob = {
      stakeholderMail: {
        incidentId,
        to: channel.target,
        subject: `${about} — status update #${update.number}`,
        text: `To ${engagement.group}:\n\n${statusUpdateText(update)}\n`,
        key: `event:${event.id}:${engagement.id}:mail`,
      },
    };
    await s.jobs.send(STAKEHOLDER_MAIL_QUEUE, mail);
  }
}

/** Where an engaged group hears updates in chat, besides the incident channel (email: see mailStatusUpdate). */
function groupTargets(engagement: EngagementRecord): ChatTarget[] {
  const channel = engagement.rule.channel;
  if (channel.kind === 'channel') return [{ kind: 'channel', name: channel.target }];
  if (channel.kind === 'direct_message')
    return engagement.rule.contacts.flatMap((c) => (c.handle ? [{ kind: 'direct_message' as const, handle: c.handle }] : []));
  return [];
}

/** Events that make someone a responder: the person to invite into the incident channel. */
const NEW_RESPONDER: Record<string, (data: Record<string, unknown>) => unknown> = {
  role_filled: (d) => d.userId,
  role_handed_over: (d) => d.to,
  responder_added: (d) => d.userId,
};

async function inviteNewResponder(s: MirroredStore, incidentId: string, event: MirroredEvent, data: unknown): Promise<void> {
  const userId = NEW_RESPONDER[event.kind]?.((data ?? {}) as Record<string, unknown>);
  if (typeof userId !== 'string') return;
  const user = await s.users.byId(userId);
  if (!user) return;
  const job: InviteJob = { incidentId, userId, name: user.name };
  await s.jobs.send(CHAT_INVITE_QUEUE, job, { singletonKey: `invite:${event.id}` });
}

/**
 * The DRI's task in a direct message: a group's contacts, or for an on-call role whoever holds it
 * when the message is sent (a role the plan engages is filled after the engagement, in the same transaction).
 */
async function messageDri(s: MirroredStore, incidentId: string, event: MirroredEvent, engagementId: string): Promise<void> {
  const engagement = await s.engagements.byId(engagementId);
  if (!engagement) return;
  const dri = engagement.rule.dri;
  const text = `Task for you (${engagement.driLabel}): ${event.summary}`;
  if (dri.kind === 'on_call_role') {
    await post(s, { incidentId, target: { kind: 'role_holder', role: dri.role }, text, key: `event:${event.id}:dri:${dri.role}` });
    return;
  }
  const rules = await s.stakeholderRules.list();
  const group = rules.find((r) => r.group.toLowerCase() === dri.group.toLowerCase());
  const handles = (group?.contacts ?? []).flatMap((c) => (c.handle ? [c.handle] : []));
  for (const handle of new Set(handles)) {
    await post(s, { incidentId, target: { kind: 'direct_message', handle }, text, key: `event:${event.id}:dri:${handle}` });
  }
}
