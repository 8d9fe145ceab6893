// Honest delivery: where a status update actually reaches each engaged group, given what is
// configured (a chat platform, an outgoing relay) and what the group's rule holds (contacts with chat
// handles, an address). A group with no deliverable channel is reported as not delivered, with the
// reason and the setting that would fix it, never as informed.
import type { EngagementRecord } from './stakeholders.types.ts';

/** What secdesk can deliver through on this installation. */
export interface Outlets {
  chat: boolean;
  mail: boolean;
}

export type GroupDelivery = { group: string; delivered: true; via: string } | { group: string; delivered: false; reason: string };

const NO_CHAT = 'no chat is configured (SECDESK_SLACK_TOKEN or SECDESK_MATTERMOST_URL)';

export function deliveryTo(engagement: Pick<EngagementRecord, 'group' | 'rule'>, outlets: Outlets): GroupDelivery {
  const { group, rule } = engagement;
  const channel = rule.channel;
  const no = (reason: string): GroupDelivery => ({ group, delivered: false, reason: `no channel configured: ${reason}` });
  switch (channel.kind) {
    case 'incident_channel':
      return outlets.chat ? { group, delivered: true, via: "the incident's channel" } : no(NO_CHAT);
    case 'channel':
      return outlets.chat ? { group, delivered: true, via: channel.target } : no(NO_CHAT);
    case 'direct_message': {
      if (!outlets.chat) return no(NO_CHAT);
      const handles = rule.contacts.filter((c) => c.handle).map((c) => c.name || c.handle!);
      return handles.length
        ? { group, delivered: true, via: `direct message to ${handles.join(', ')}` }
        : no('none of its contacts has a chat handle (Incidents → Stakeholder rules)');
    }
    case 'email':
      return outlets.mail ? { group, delivered: true, via: `email to ${channel.target}` } : no('no outgoing mail relay (SMTP_URL)');
  }
}

/** The timeline's line for a published status update: where it went, and where it did not. */
export function deliverySummary(number: number, outlets: Outlets, deliveries: GroupDelivery[]): string {
  const reached = [
    outlets.chat ? "the incident's channel" : null,
    ...deliveries.filter((d) => d.delivered).map((d) => `${d.group} (${(d as { via: string }).via})`),
  ].filter((x): x is string => x !== null);
  const missed = deliveries.filter((d): d is Extract<GroupDelivery, { delivered: false }> => !d.delivered);
  const parts = [
    `Status update #${number} published`,
    reached.length ? `Delivered to ${reached.join('; ')}` : 'Delivered to nobody: it is on the incident page only',
  ];
  if (missed.length) parts.push(`Not delivered to ${missed.map((d) => `${d.group} (${d.reason})`).join('; ')}`);
  return `${parts.join('. ')}.`;
}
