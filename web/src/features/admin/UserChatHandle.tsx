// A person's chat handle in the users list, editable by user administrators.
import { useState } from 'react';
import { api } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useApi, type Loaded } from '../../useApi.ts';

type Handles = Loaded<{ items: { userId: string; handle: string }[] }>;

export function useChatHandles(): Handles {
  return useApi('/api/users/chat-handles');
}

export function UserChatHandle({ userId, handles }: { userId: string; handles: Handles }) {
  const { can } = useSession();
  const current = handles.data?.items.find((h) => h.userId === userId)?.handle ?? '';
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState('');
  const save = () => {
    api('PUT', `/api/users/${userId}/chat-handle`, { handle: value.trim() || null })
      .then(() => {
        setEditing(false);
        setError('');
        handles.reload();
      })
      .catch((err: Error) => setError(err.message));
  };
  if (editing) {
    return (
      <div className="small">
        <label>
          Chat handle <input value={value} maxLength={81} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="button" onClick={save}>
          Save
        </button>{' '}
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
        {error ? <div role="alert">{error}</div> : null}
      </div>
    );
  }
  return (
    <div className="muted small">
      chat: {current || '—'}{' '}
      {can('users.manage') ? (
        <button
          type="button"
          className="link"
          onClick={() => {
            setValue(current);
            setEditing(true);
          }}
          aria-label={`Edit chat handle of ${userId}`}
        >
          edit
        </button>
      ) : null}
    </div>
  );
}
