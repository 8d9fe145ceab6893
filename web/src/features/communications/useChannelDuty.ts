// Whether the signed-in person holds a channel's duty (draft, review, send) by the plan's table, and
// who does: an action the person cannot take is shown disabled, naming the roles that may take it.
import { ROLE_LABELS, type Role } from '../../../../src/authz/roles.ts';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { CommsChannel, CommsSettings } from '../../types.ts';

export type Duty = 'draft' | 'review' | 'send';

export interface ChannelDuty {
  /** null while the table loads (the server decides in any case). */
  (duty: Duty): boolean | null;
  /** "Incident manager or Communications manager": who holds the duty, for a disabled action's reason. */
  holders(duty: Duty): string;
}

/** Whether the signed-in person holds the duty for any channel: null while the table loads. */
export function useDuties(): (channel: CommsChannel, duty: Duty) => boolean | null {
  const { me } = useSession();
  const { data } = useApi<CommsSettings>('/api/communications/settings');
  return (channel, duty) => {
    const roles = data?.channelRoles.find((c) => c.channel === channel);
    return roles && me ? roles[duty].some((r) => me.roles.includes(r)) : null;
  };
}

export function useChannelDuty(channel: CommsChannel): ChannelDuty {
  const { data } = useApi<CommsSettings>('/api/communications/settings');
  const duties = useDuties();
  const roles = data?.channelRoles.find((c) => c.channel === channel);
  const holds = ((duty: Duty) => duties(channel, duty)) as ChannelDuty;
  holds.holders = (duty) => (roles ? roles[duty].map((r) => ROLE_LABELS[r as Role] ?? r).join(' or ') : '…');
  return holds;
}
