// The incident channel's jobs and views: opening the channel (create, invite the responders: the
// declarer, the role holders, the named responders and groups engaged in the channel; announce it
// in the security department channel), inviting people who become responders later, posting key
// events and updates (a DRI's task to whoever holds the role when it is sent), what the
// incident page shows, and each person's chat handle. Chat is called only from jobs, outside any
// transaction; the channel id is recorded as soon as the platform answers, so a retried job reuses it.
import { authorize, SYSTEM_ACTOR } from '../../authz/authorize.ts';
import type { ActionContext, Clock } from '../context.ts';
import { ValidationError } from '../errors.ts';
import type { Transactor } from '../ports.ts';
import { visibleIncident } from '../incidents/incident-access.ts';
import type { IncidentRecord } from '../incidents/incidents.types.ts';
import { ChatError, type ChatPlatform, type ChatStore } from './chat.ports.ts';
import type { ChatPostJob, ChatTarget, IncidentChannel, IncidentChatView, InviteJob, OpenChannelJob, StakeholderMailJob } from './chat.types.ts';
import { ON_CALL_ROLE_LABELS, type OnCallRole } from '../oncall/oncall-roles.ts';
import type { MailIdentity } from '../mail/mail-identity.ts';
import { headerSafe, sendRecorded, type CurrentSender } from '../mail/replies.service.ts';
import { announcement, channelName, channelStateWords, channelTopic, NO_CHAT_MESSAGE } from './incident-channel.ts';
import { addToTimeline } from '../incidents/timeline.ts';

const SYSTEM_VIEWER = { userId: null, seesRestricted: true };
const SYSTEM: ActionContext = { actor: SYSTEM_ACTOR };
const HANDLE = /^@?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

function targetWords(target: ChatTarget): string {
  if (target.kind === 'role_holder') return `the ${ON_CALL_ROLE_LABELS[target.role]} (direct message)`;
  return target.kind === 'direct_message' ? `${target.handle} (direct message)` : target.kind === 'channel' ? target.name : 'the incident channel';
}

export interface JobAttempt {
  retryCount: number;
  lastAttempt: boolean;
}

export interface IncidentChatDeps {
  store: Transactor<ChatStore>;
  clock: Clock;
  /** Null when no chat platform is configured: the incident's timeline is its activity feed. */
  platform: ChatPlatform | null;
  securityChannel: string;
  /** The queues' first retry delay, to tell when a failed attempt is retried. */
  retryDelaySeconds: number;
  /** Outgoing mail, for groups engaged by email; null when not configured. */
  sender: CurrentSender;
  /** From and Message-ID of the mail, and links to the incident. */
  identity: MailIdentity;
}

export class IncidentChatService {
  readonly #store: Transactor<ChatStore>;
  readonly #deps: IncidentChatDeps;

  constructor(deps: IncidentChatDeps) {
    this.#store = deps.store;
    this.#deps = deps;
  }

  /** 'slack', 'mattermost', or null when no chat platform is configured. */
  get platformName(): string | null {
    return this.#deps.platform?.name ?? null;
  }

  incidentLink(incidentId: string): string {
    return this.#deps.identity.links.link(`/incidents/${incidentId}`);
  }

  async view(ctx: ActionContext, incidentId: string): Promise<IncidentChatView> {
    authorize(ctx.actor, 'incidents.read');
    await visibleIncident(this.#store.read.incidents, ctx.actor, incidentId);
    const platform = this.#deps.platform;
    if (!platform) return { configured: false, message: NO_CHAT_MESSAGE };
    const channel = await this.#store.read.incidentChannels.byIncident(incidentId);
    return { configured: true, platform: platform.name, channel, message: channelStateWords(channel) };
  }

  /** The `chat.open-incident-channel` job. */
  async openChannel(job: OpenChannelJob, attempt: JobAttempt): Promise<void> {
    const platform = this.#deps.platform;
    if (!platform) return;
    const incident = await this.#store.read.incidents.byId(SYSTEM_VIEWER, job.incidentId);
    if (!incident) return;
    const name = channelName(incident);
    let channel = await this.#store.read.incidentChannels.byIncident(incident.id);
    if (channel?.state === 'open') return;
    channel ??= await this.#store.read.incidentChannels.save(incident.id, { platform: platform.name, name, state: 'creating' });
    try {
      if (!channel.channelId) {
        const created = await platform.createChannel(name, channelTopic(incident, this.incidentLink(incident.id)), {
          private: incident.visibility === 'restricted',
        });
        channel = await this.#store.read.incidentChannels.save(incident.id, {
          platform: platform.name,
          name,
          state: 'creating',
          channelId: created.id,
          url: created.url,
        });
      }
      await this.#inviteResponders(incident, channel);
      await this.#sendOnce(
        `incident:${incident.id}:announced`,
        incident.id,
        { kind: 'channel', name: this.#deps.securityChannel },
        announcement(incident, channel.url ?? name, this.incidentLink(incident.id)),
      );
      await this.#opened(incident, channel);
    } catch (err) {
      await this.#failed(incident.id, err, attempt, { platform: platform.name, name, state: channel.state === 'open' ? 'open' : 'creating' });
      throw err;
    }
  }

  /** The `chat.post` job: one message, sent at most once per key. */
  async post(job: ChatPostJob, attempt: JobAttempt): Promise<void> {
    if (!this.#deps.platform) return;
    if (await this.#store.read.chatMessages.sent(job.key)) return;
    let channel: IncidentChannel | null = null;
    if (job.target.kind === 'incident_channel') {
      channel = await this.#store.read.incidentChannels.byIncident(job.incidentId);
      if (channel?.state === 'failed') throw new ChatError(`the incident channel could not be opened: ${channel.error ?? 'unknown error'}`, false);
      // Opening comes first; a post that overtakes it waits for the next attempt.
      if (channel?.state !== 'open' || !channel.channelId) throw new ChatError('the incident channel is not open yet', true);
    }
    const target = job.target.kind === 'role_holder' ? await this.#roleHolderTarget(job.incidentId, job.target.role, job.key) : job.target;
    if (!target) return;
    try {
      await this.#sendOnce(job.key, job.incidentId, target, job.text, channel?.channelId);
      if (channel?.error)
        await this.#store.read.incidentChannels.save(job.incidentId, {
          platform: channel.platform,
          name: channel.name,
          state: 'open',
          error: null,
          retryAt: null,
        });
    } catch (err) {
      if (channel)
        await this.#failed(job.incidentId, err, { ...attempt, lastAttempt: false }, { platform: channel.platform, name: channel.name, state: 'open' });
      else if (err instanceof ChatError && (!err.temporary || attempt.lastAttempt))
        await this.#note(job.incidentId, 'chat_message_failed', `Chat message to ${targetWords(job.target)} failed: ${err.message}`, `chat:failed:${job.key}`);
      throw err;
    }
  }

  /** The `chat.invite` job: a new role holder or named responder joins the open incident channel. */
  async invite(job: InviteJob): Promise<void> {
    if (!this.#deps.platform) return;
    const channel = await this.#store.read.incidentChannels.byIncident(job.incidentId);
    if (channel?.state === 'failed') return;
    // Opening comes first (and invites everyone then responding); an invite that overtakes it waits.
    if (channel?.state !== 'open' || !channel.channelId) throw new ChatError('the incident channel is not open yet', true);
    const handle = await this.#store.read.chatHandles.handleOf(job.userId);
    if (!handle) {
      await this.#note(
        job.incidentId,
        'chat_invite_failed',
        `Could not invite ${job.name} to the incident channel: no chat handle`,
        `chat:invite-failed:${job.userId}`,
      );
      return;
    }
    await this.#inviteEach(job.incidentId, channel.channelId, [handle]);
  }

  /** The current holder of an on-call role as a direct message target; null (and a timeline note) when nobody with a handle holds it. */
  async #roleHolderTarget(incidentId: string, role: OnCallRole, key: string): Promise<ChatTarget | null> {
    const holder = (await this.#store.read.incidentRoles.list(incidentId)).find((r) => r.role === role);
    const handle = holder?.userId ? await this.#store.read.chatHandles.handleOf(holder.userId) : null;
    if (handle) return { kind: 'direct_message', handle };
    const why = holder?.userId ? `${holder.name ?? 'its holder'} has no chat handle` : 'nobody holds the role';
    await this.#note(
      incidentId,
      'chat_message_failed',
      `Chat message to the ${ON_CALL_ROLE_LABELS[role]} (direct message) not sent: ${why}`,
      `chat:failed:${key}`,
    );
    return null;
  }

  /** A status update mailed to a group engaged by email (a `chat.stakeholder-mail` job); sent once per key. */
  async deliverMail(job: StakeholderMailJob['stakeholderMail'], lastAttempt: boolean): Promise<void> {
    if (await this.#store.read.chatMessages.sent(job.key)) return;
    const sender = this.#deps.sender();
    if (!sender) throw new Error('outgoing mail is not configured');
    const { identity } = this.#deps;
    const mail = {
      from: identity.from,
      replyTo: identity.address,
      to: job.to,
      subject: headerSafe(`[secdesk] ${job.subject}`),
      messageId: identity.newMessageId(),
      inReplyTo: null,
      references: [],
      text: job.text,
      automatic: true,
    };
    await sendRecorded(sender, mail, lastAttempt, async (status, error) => {
      if (status === 'sent') await this.#store.read.chatMessages.record(job.key, { incidentId: job.incidentId, target: `mail:${job.to}`, ref: mail.messageId });
      else
        await this.#note(
          job.incidentId,
          'stakeholder_mail_failed',
          `Status update mail to ${job.to} failed: ${error ?? 'unknown error'}`,
          `chat:mail-failed:${job.key}`,
        );
    });
  }

  async #sendOnce(key: string, incidentId: string | null, target: ChatTarget, text: string, channelId?: string | null): Promise<void> {
    const platform = this.#deps.platform!;
    if (await this.#store.read.chatMessages.sent(key)) return;
    let ref: string;
    let where: string;
    if (target.kind === 'direct_message') {
      ref = await platform.directMessage(target.handle, text);
      where = `dm:${target.handle}`;
    } else {
      where = target.kind === 'channel' ? target.name : channelId!;
      ref = await platform.post(target.kind === 'channel' ? { name: target.name } : { id: channelId! }, text);
    }
    await this.#store.read.chatMessages.record(key, { incidentId, target: where, ref });
  }

  /** The responders (declarer, role holders, named responders) and the contacts of groups engaged in the incident channel. */
  async #inviteResponders(incident: IncidentRecord, channel: IncidentChannel): Promise<void> {
    const read = this.#store.read;
    const [roles, responders, engagements] = await Promise.all([
      read.incidentRoles.list(incident.id),
      read.responders.list(incident.id),
      read.engagements.forIncident(incident.id),
    ]);
    const people = new Set([incident.declaredBy, ...roles.map((r) => r.userId), ...responders.map((r) => r.userId)].filter((id): id is string => id !== null));
    const handles = new Set<string>();
    for (const userId of people) {
      const handle = await read.chatHandles.handleOf(userId);
      if (handle) handles.add(handle);
    }
    for (const engagement of engagements) {
      if (engagement.rule.channel.kind !== 'incident_channel') continue;
      for (const contact of engagement.rule.contacts) if (contact.handle) handles.add(contact.handle);
    }
    await this.#inviteEach(incident.id, channel.channelId!, [...handles]);
  }

  /** One at a time, so one unknown person does not keep the others out; refusals are noted on the timeline. */
  async #inviteEach(incidentId: string, channelId: string, handles: readonly string[]): Promise<void> {
    const refused: string[] = [];
    for (const handle of handles) {
      try {
        await this.#deps.platform!.invite(channelId, [handle]);
      } catch (err) {
        if (err instanceof ChatError && !err.temporary) refused.push(`${handle} (${err.message})`);
        else throw err;
      }
    }
    if (refused.length)
      await this.#note(
        incidentId,
        'chat_invite_failed',
        `Could not invite to the incident channel: ${refused.join(', ')}`,
        `chat:invite-failed:${refused.join(',')}`,
      );
  }

  async #opened(incident: IncidentRecord, channel: IncidentChannel): Promise<void> {
    await this.#store.transaction(async (s) => {
      const opened = await s.incidentChannels.save(incident.id, { platform: channel.platform, name: channel.name, state: 'open', error: null, retryAt: null });
      await addToTimeline(s, incident.id, {
        at: this.#deps.clock.now(),
        kind: 'chat_channel_opened',
        summary: `Incident channel ${channel.name} opened on ${channel.platform}: ${channel.url}`,
        actorLabel: 'secdesk',
        dedupeKey: 'chat:channel-opened',
      });
      await s.audit.append(SYSTEM, { action: 'incident.chat_channel_opened', entityType: 'incident', entityId: incident.id, after: opened });
    });
  }

  async #failed(incidentId: string, err: unknown, attempt: JobAttempt, at: { platform: string; name: string; state: 'creating' | 'open' }): Promise<void> {
    const reason = err instanceof Error ? err.message.slice(0, 500) : String(err);
    const temporary = !(err instanceof ChatError) || err.temporary;
    const final = !temporary || attempt.lastAttempt;
    const delay = Math.max(err instanceof ChatError ? (err.retryAfterSeconds ?? 0) : 0, this.#deps.retryDelaySeconds * 2 ** attempt.retryCount);
    const retryAt = final ? null : new Date(this.#deps.clock.now().getTime() + delay * 1000);
    const state = final && at.state === 'creating' ? 'failed' : at.state;
    await this.#store.read.incidentChannels.save(incidentId, { platform: at.platform, name: at.name, state, error: reason, retryAt });
    if (state === 'failed') await this.#note(incidentId, 'chat_channel_failed', `The incident channel could not be opened: ${reason}`);
  }

  async #note(incidentId: string, kind: string, summary: string, dedupeKey = `chat:${kind}`): Promise<void> {
    await this.#store.transaction(async (s) => {
      await addToTimeline(s, incidentId, { at: this.#deps.clock.now(), kind, summary, actorLabel: 'secdesk', dedupeKey });
      await s.audit.append(SYSTEM, { action: `incident.${kind}`, entityType: 'incident', entityId: incidentId, after: { summary } });
    });
  }

  async myHandle(ctx: ActionContext): Promise<string | null> {
    if (!ctx.actor.userId) throw new ValidationError('only a person has a chat handle');
    return this.#store.read.chatHandles.handleOf(ctx.actor.userId);
  }

  async handles(ctx: ActionContext): Promise<{ userId: string; handle: string }[]> {
    authorize(ctx.actor, 'users.read');
    return this.#store.read.chatHandles.all();
  }

  /** A person's chat handle: their own (anyone signed in) or anyone's (user administrators). */
  async setHandle(ctx: ActionContext, userId: string, handle: string | null): Promise<void> {
    if (userId !== ctx.actor.userId) authorize(ctx.actor, 'users.manage');
    const value = handle?.trim() || null;
    if (value !== null && !HANDLE.test(value))
      throw new ValidationError('a chat handle is a user id or user name: letters, digits, dot, hyphen, underscore (at most 80)');
    await this.#store.transaction(async (s) => {
      const before = await s.chatHandles.handleOf(userId);
      await s.chatHandles.setHandle(userId, value);
      await s.audit.append(ctx, {
        action: 'user.chat_handle_changed',
        entityType: 'user',
        entityId: userId,
        before: { chatHandle: before },
        after: { chatHandle: value },
      });
    });
  }
}
