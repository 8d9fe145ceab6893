// Whether the signed-in person holds a channel's duty (draft, review, send) by the plan's table.
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { CommsChannel, CommsSettings } from '../../types.ts';

export type Duty = 'draft' | 'review' | 'send';

/** null while the table loads (the server decides in any case). */
export function useChannelDuty(channel: CommsChannel): (duty: Duty) => boolean | null {
  const { me } = useSession();
  const { data } = useApi<CommsSettings>('/api/communications/settings');
  const roles = data?.channelRoles.find((c) => c.channel === channel);
  return (duty) => (roles && me ? roles[duty].some((r) => me.roles.includes(r)) : null);
}
