// What the incident channel needs of a chat platform (Slack, Mattermost) and of the database.
import type { AuditPort, JobSender } from '../ports.ts';
import type { IncidentRolesRepository, IncidentsRepository, RespondersRepository } from '../incidents/incidents.ports.ts';
import type { EngagementsRepository, StakeholderRulesRepository } from '../stakeholders/stakeholders.ports.ts';
import type { IncidentChannel, IncidentChannelState } from './chat.types.ts';
import type { EventRecorder } from '../events.ts';

export interface ChatChannelRef {
  id: string;
  /** A link people can open (the platform's web address of the channel). */
  url: string;
}

/**
 * One chat platform. Handles are the platform's own user identities: a Slack user id (U…), a
 * Mattermost user name. Every call throws ChatError on failure.
 */
export interface ChatPlatform {
  readonly name: 'slack' | 'mattermost';
  /** Creates a channel; when one of that name exists already (a retry after a lost answer), returns it. */
  createChannel(name: string, topic: string, options: { private: boolean }): Promise<ChatChannelRef>;
  /** Adds people to a channel; people already in it are fine. */
  invite(channelId: string, userHandles: readonly string[]): Promise<void>;
  /** Posts to a channel by id or by name (e.g. `#security-department`); returns the message's reference. */
  post(channel: { id: string } | { name: string }, text: string): Promise<string>;
  directMessage(userHandle: string, text: string): Promise<string>;
}

/** A failed call to the chat platform: temporary ones (down, 5xx, rate limited) are retried. */
export class ChatError extends Error {
  readonly temporary: boolean;
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, temporary: boolean, retryAfterSeconds?: number) {
    super(message);
    this.temporary = temporary;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The job queue sends a permanent failure straight to the dead letters instead of retrying it. */
  get permanent(): boolean {
    return !this.temporary;
  }
}

export interface IncidentChannelsRepository {
  byIncident(incidentId: string): Promise<IncidentChannel | null>;
  /** Creates the row or changes its state; `channelId`/`url` once known are never cleared. */
  save(
    incidentId: string,
    change: { platform: string; name: string; state: IncidentChannelState; channelId?: string; url?: string; error?: string | null; retryAt?: Date | null },
  ): Promise<IncidentChannel>;
}

export interface ChatMessagesRepository {
  sent(key: string): Promise<boolean>;
  /** Records a sent message; false if the key was recorded already. */
  record(key: string, message: { incidentId: string | null; target: string; ref: string }): Promise<boolean>;
}

export interface ChatHandlesRepository {
  handleOf(userId: string): Promise<string | null>;
  /** The user whose handle this is (case-insensitive), or null. */
  userByHandle(handle: string): Promise<{ id: string; email: string; roles: string[]; disabled: boolean } | null>;
  /** Everyone who has a handle. */
  all(): Promise<{ userId: string; handle: string }[]>;
  /** Throws ConflictError when another person has this handle. */
  setHandle(userId: string, handle: string | null): Promise<void>;
}

export interface ChatStore {
  incidents: IncidentsRepository;
  incidentRoles: IncidentRolesRepository;
  responders: RespondersRepository;
  engagements: EngagementsRepository;
  stakeholderRules: StakeholderRulesRepository;
  incidentChannels: IncidentChannelsRepository;
  chatMessages: ChatMessagesRepository;
  chatHandles: ChatHandlesRepository;
  audit: AuditPort;
  jobs: JobSender;
  /** Domain events (incidents/timeline.ts records `incident.timeline_added`). */
  events: EventRecorder;
}
