// The chat domain's durable work: its subscription to `incident.timeline_added` (the incident channel
// follows the timeline, timeline-mirror.ts), and the jobs that mirror queues: opening the channel,
// posts, invites, and status updates mailed to groups engaged by email.
import type { Transactor } from '../ports.ts';
import type { IncidentsStore } from '../incidents/incidents.ports.ts';
import { job, subscriber, type DomainJobs } from '../jobs.ts';
import { OUTBOX_RETRY } from '../mail/mail.jobs.ts';
import type { ChatPostJob, InviteJob, OpenChannelJob, StakeholderMailJob } from './chat.types.ts';
import { CHAT_INVITE_QUEUE, CHAT_POST_QUEUE, OPEN_CHANNEL_QUEUE, STAKEHOLDER_MAIL_QUEUE, TIMELINE_MIRROR_QUEUE } from './incident-channel.ts';
import type { IncidentChatService } from './incident-chat.service.ts';
import { mirrorTimeline, type MirrorTo } from './timeline-mirror.ts';

export function chatJobs(d: {
  incidentChat: IncidentChatService;
  store: Transactor<IncidentsStore>;
  outlets: MirrorTo;
  retryDelaySeconds: number;
}): DomainJobs {
  const chatRetry = { retryLimit: 8, retryDelaySeconds: d.retryDelaySeconds, policy: 'exclusive' as const };
  // One at a time, so an incident's messages are queued in the order its events were recorded.
  const mirror = subscriber('incident.timeline_added', TIMELINE_MIRROR_QUEUE, { retryLimit: 8, retryDelaySeconds: 15 }, mirrorTimeline(d.store, d.outlets), {
    pollingIntervalSeconds: 1,
  });
  return {
    jobs: [
      mirror.job,
      // One at a time each, so an incident's messages arrive in about the order they happened.
      job<OpenChannelJob>(OPEN_CHANNEL_QUEUE, chatRetry, (data, run) => d.incidentChat.openChannel(data, run)),
      job<ChatPostJob>(CHAT_POST_QUEUE, chatRetry, (data, run) => d.incidentChat.post(data, run), { pollingIntervalSeconds: 1 }),
      job<InviteJob>(CHAT_INVITE_QUEUE, chatRetry, (data) => d.incidentChat.invite(data), { pollingIntervalSeconds: 1 }),
      job<StakeholderMailJob>(STAKEHOLDER_MAIL_QUEUE, OUTBOX_RETRY, (data, run) => d.incidentChat.deliverMail(data.stakeholderMail, run.lastAttempt)),
    ],
    subscriptions: d.outlets.chat || d.outlets.mail ? [mirror.subscription] : [],
  };
}
