// The incident's chat channel: not configured (the timeline is the activity feed), creating (with
// the last failure and when it is retried), open with its link, or failed with the reason.
// Polls while the channel is on its way.
import { useEffect } from 'react';
import { useApi } from '../../useApi.ts';
import type { IncidentChatView } from '../../types.ts';

const POLL_MS = 4000;

export function IncidentChannel({ incidentId }: { incidentId: string }) {
  const { data: chat, reload } = useApi<IncidentChatView>(`/api/incidents/${incidentId}/chat`);
  const settled = chat && (!chat.configured || (chat.channel && chat.channel.state !== 'creating' && !chat.channel.error));
  useEffect(() => {
    if (!chat || settled) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [chat, settled, reload]);
  if (!chat) return null;
  if (!chat.configured)
    return (
      <p className="muted" data-testid="incident-channel">
        {chat.message}
      </p>
    );
  const channel = chat.channel;
  const failing = channel?.state === 'failed' || Boolean(channel?.error);
  return (
    <p className={`state ${failing ? 'error' : 'notice'}`} role="status" data-testid="incident-channel">
      {chat.message}
      {channel?.state === 'open' && channel.url ? (
        <>
          {' '}
          —{' '}
          <a href={channel.url} target="_blank" rel="noreferrer noopener">
            #{channel.name}
          </a>{' '}
          on {chat.platform}
        </>
      ) : null}
    </p>
  );
}
