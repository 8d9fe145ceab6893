// Product words for the communications API's codes.
import { CHANNEL_LABELS, PUBLIC_CHANNELS } from '../../../../src/domains/communications/communications.types.ts';
import type { CommsChannel as Channel } from '../../types.ts';

export { CHANNEL_LABELS };
export const isPublic = (channel: Channel) => PUBLIC_CHANNELS.includes(channel);
export const EMAIL_CHANNELS: readonly Channel[] = ['customer_email', 'security_alert'];

export const TEAM_LABELS: Record<string, string> = {
  marketing_programs: 'Marketing Programs',
  marketing_ops: 'Marketing Ops',
  support: 'Support',
  community_advocates: 'Community Advocates',
};

export const STATUS_LABELS: Record<string, string> = { draft: 'draft', in_review: 'in review', approved: 'approved', testing: 'test sent', sent: 'sent' };

/** "every 4 hours" from minutes. */
export function every(minutes: number | null): string {
  if (!minutes) return 'no frequency chosen';
  if (minutes % 1440 === 0) return minutes === 1440 ? 'every day' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}

/** A blocker's message with its channel's name in words ("customer_email is not sent" → "Incident response customer email is not sent"). */
export function blockerText(blocker: { message: string; channel?: Channel }): string {
  return blocker.channel ? blocker.message.replace(blocker.channel, CHANNEL_LABELS[blocker.channel]) : blocker.message;
}
