// The incident channel in words: its name, the messages secdesk posts, and which timeline events
// are mirrored into it. Pure.
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import type { StatusUpdate } from '../incidents/status-update.ts';
import type { IncidentChannel } from './chat.types.ts';

export const OPEN_CHANNEL_QUEUE = 'chat.open-incident-channel';
export const CHAT_POST_QUEUE = 'chat.post';
export const CHAT_INVITE_QUEUE = 'chat.invite';
/** A status update mailed to a group engaged by email (the outbox's sender). */
export const STAKEHOLDER_MAIL_QUEUE = 'chat.stakeholder-mail';
/** The chat domain's subscription to `incident.timeline_added` (timeline-mirror.ts). */
export const TIMELINE_MIRROR_QUEUE = 'chat.mirror-timeline';
export const NO_CHAT_MESSAGE = 'no chat configured; the timeline is the activity feed';

/** Timeline kinds posted into the incident channel as they happen. */
const MIRRORED = new Set(['severity_changed', 'type_changed', 'facts_changed', 'status_changed', 'status_update', 'engaged', 'engagements_ended', 'escalated']);

/** Key events: severity, facts, status and status updates, engagements, and any role hand-over. */
export function isMirrored(kind: string): boolean {
  return MIRRORED.has(kind) || /^role_|hand_?over/.test(kind);
}

/** `inc-42-s3-bucket-exposed`: lower-case letters, digits and hyphens, at most 80 characters (Slack's limit). */
export function channelName(incident: Pick<IncidentRecord, 'number' | 'title' | 'visibility'>): string {
  const slug =
    incident.visibility === 'restricted'
      ? 'restricted'
      : incident.title
          .normalize('NFKD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '');
  return `inc-${incident.number}${slug ? '-' + slug : ''}`.slice(0, 80).replace(/-+$/, '');
}

/** The channel's topic. A restricted incident's title stays out of chat. */
export function channelTopic(incident: Pick<IncidentRecord, 'number' | 'title' | 'visibility'>, link: string | null): string {
  const what = incident.visibility === 'restricted' ? `Incident #${incident.number} (restricted)` : `Incident #${incident.number}: ${incident.title}`;
  return (link ? `${what} — ${link}` : what).slice(0, 250);
}

export function announcement(incident: Pick<IncidentRecord, 'number' | 'title' | 'visibility'>, channelUrl: string, link: string | null): string {
  return `${channelTopic(incident, link)} declared. Incident channel: ${channelUrl}`;
}

export function statusUpdateText(update: StatusUpdate): string {
  return [
    `Status update #${update.number} (${update.authorLabel})`,
    `Current risk: ${update.currentRisk}`,
    `Users impacted: ${update.usersImpacted}`,
    `Timeline: ${update.timelineOfEvents}`,
    `Mitigation: ${update.mitigationSteps}`,
    `Current status: ${update.currentStatus}`,
    `Next steps: ${update.nextSteps}`,
  ].join('\n');
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16) + ' UTC';

/** "incident channel: creating… / open / failed: reason, retrying at …" */
export function channelStateWords(channel: IncidentChannel | null): string {
  if (!channel) return 'incident channel: creating…';
  const retry = channel.retryAt ? `, retrying at about ${hhmm(channel.retryAt)}` : '';
  switch (channel.state) {
    case 'creating':
      return channel.error ? `incident channel: creating… (last attempt failed: ${channel.error}${retry})` : 'incident channel: creating…';
    case 'open':
      return channel.error ? `incident channel: open (a message failed: ${channel.error}${retry})` : 'incident channel: open';
    case 'failed':
      return `incident channel: failed: ${channel.error ?? 'unknown error'} (an admin can retry it under Admin → Jobs)`;
  }
}
