// One's chat handle: the Slack user id (U…) or Mattermost user name secdesk invites to incident
// channels, sends direct messages to, and recognises in the /incident slash command.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { useApi } from '../../useApi.ts';

export function ChatHandleForm() {
  const { data } = useApi<{ handle: string | null; platform: string | null }>('/api/me/chat-handle');
  const [handle, setHandle] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => setHandle(data?.handle ?? ''), [data]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    api('PUT', '/api/me/chat-handle', { handle: handle.trim() || null })
      .then(() => setMessage({ ok: true, text: handle.trim() ? 'Chat handle saved.' : 'Chat handle cleared.' }))
      .catch((err: Error) => setMessage({ ok: false, text: err.message }));
  };
  const hint =
    data?.platform === 'slack'
      ? 'your Slack member id, e.g. U012AB3CD'
      : data?.platform === 'mattermost'
        ? 'your Mattermost user name'
        : 'no chat platform is configured yet';
  return (
    <form className="card form" onSubmit={submit} aria-label="Chat handle">
      <h2>Chat handle</h2>
      <label>
        Chat handle ({hint})<input value={handle} maxLength={81} onChange={(e) => setHandle(e.target.value)} />
      </label>
      {message ? (
        <p className={`state ${message.ok ? 'notice' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <button type="submit">Save chat handle</button>
    </form>
  );
}
