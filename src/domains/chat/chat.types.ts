import type { OnCallRole } from '../oncall/oncall-roles.ts';

export type IncidentChannelState = 'creating' | 'open' | 'failed';

export interface IncidentChannel {
  incidentId: string;
  platform: string;
  name: string;
  state: IncidentChannelState;
  channelId: string | null;
  url: string | null;
  /** The last failure: permanent when failed, else the temporary one being retried. */
  error: string | null;
  /** When a failed attempt is retried (about; the queue adds jitter). */
  retryAt: Date | null;
  updatedAt: Date;
}

/** What the incident page shows about chat. */
export type IncidentChatView =
  | { configured: false; message: string }
  | { configured: true; platform: string; channel: IncidentChannel | null; message: string };

/** Where a chat message goes. `role_holder`: a direct message to whoever holds the on-call role when it is sent. */
export type ChatTarget =
  | { kind: 'incident_channel' }
  | { kind: 'channel'; name: string }
  | { kind: 'direct_message'; handle: string }
  | { kind: 'role_holder'; role: OnCallRole };

export interface OpenChannelJob {
  incidentId: string;
}

/** A person who became a responder (role holder or named) joins the incident channel. */
export interface InviteJob {
  incidentId: string;
  userId: string;
  name: string;
}

export interface ChatPostJob {
  incidentId: string;
  target: ChatTarget;
  text: string;
  /** Idempotency key: a message with this key is sent once. */
  key: string;
}

/** A status update to a group engaged by email, through the outbox's sender (queue chat.stakeholder-mail). */
export interface StakeholderMailJob {
  stakeholderMail: { incidentId: string; to: string; subject: string; text: string; key: string };
}
