// Who drafts, reviews and sends each channel: the reference plan's table in secdesk's roles. The
// reference names people (Incident Manager on call drafts the customer email, the Sr. Director of
// Security reviews it, Marketing Programs sends it); these defaults name the roles those people hold.
// Admins change them (stored in comms_settings); a missing channel falls back to its default.
import type { Actor } from '../../authz/authorize.ts';
import { isRole, type Role } from '../../authz/roles.ts';
import { CHANNELS, type Channel, type ChannelRoles } from './communications.types.ts';

export const DEFAULT_CHANNEL_ROLES: Record<Channel, Omit<ChannelRoles, 'channel'>> = {
  customer_email: { draft: ['incident_manager'], review: ['admin', 'security_engineer'], send: ['marketing'] },
  blog_post: { draft: ['security_engineer'], review: ['communications_manager', 'incident_manager'], send: ['communications_manager', 'marketing'] },
  security_alert: { draft: ['communications_manager'], review: ['incident_manager', 'security_engineer'], send: ['communications_manager'] },
  customer_faq: {
    draft: ['communications_manager', 'security_engineer'],
    review: ['incident_manager', 'communications_manager'],
    send: ['communications_manager', 'support'],
  },
  social_post: { draft: ['communications_manager'], review: ['incident_manager', 'marketing'], send: ['communications_manager'] },
  // The reference: live status updates are given by the Communications Manager On Call.
  status_page: {
    draft: ['incident_manager', 'communications_manager'],
    review: ['communications_manager', 'incident_manager'],
    send: ['communications_manager'],
  },
  press_statement: { draft: ['communications_manager', 'marketing'], review: ['admin', 'marketing'], send: ['communications_manager', 'marketing'] },
};

export type ChannelDuty = 'draft' | 'review' | 'send';

/** Stored overrides by channel, with the defaults filled in; anything malformed falls back to the default. */
export function channelRolesFrom(stored: unknown): ChannelRoles[] {
  const byChannel = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  return CHANNELS.map((channel) => {
    const own = byChannel[channel] as Partial<Record<ChannelDuty, unknown>> | undefined;
    const pick = (duty: ChannelDuty): Role[] => {
      const roles = Array.isArray(own?.[duty]) ? (own[duty] as unknown[]).filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
      return roles.length ? roles : [...DEFAULT_CHANNEL_ROLES[channel][duty]];
    };
    return { channel, draft: pick('draft'), review: pick('review'), send: pick('send') };
  });
}

/** Whether the actor holds one of the channel's roles for the duty (secdesk itself always does). */
export function holdsDuty(actor: Actor, roles: ChannelRoles, duty: ChannelDuty): boolean {
  if (actor.kind === 'system') return true;
  return roles[duty].some((r) => actor.roles.includes(r));
}
