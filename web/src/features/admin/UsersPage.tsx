// User accounts and their roles.
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, type Page } from '../../api.ts';
import { Badge, ErrorNote, Loading, PageHeader, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import { useApi } from '../../useApi.ts';
import type { RoleInfo, User } from '../../types.ts';
import { UserChatHandle, useChatHandles } from './UserChatHandle.tsx';

function RolePicker({ roles, value, onChange }: { roles: RoleInfo[]; value: string[]; onChange(v: string[]): void }) {
  return (
    <fieldset className="roles">
      <legend>Roles</legend>
      {roles.map((r) => (
        <label key={r.role} className="check">
          <input
            type="checkbox"
            checked={value.includes(r.role)}
            onChange={(e) => onChange(e.target.checked ? [...value, r.role] : value.filter((x) => x !== r.role))}
          />
          {r.label}
        </label>
      ))}
    </fieldset>
  );
}

function CreateUser({ roles, onCreated }: { roles: RoleInfo[]; onCreated(): void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    try {
      const created = await api<{ user: User; initialPassword?: string }>('POST', '/api/users', { email, name, roles: picked });
      setResult(`Created ${created.user.email}. Initial password (shown once): ${created.initialPassword}`);
      setEmail('');
      setName('');
      setPicked([]);
      onCreated();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-label="Create user">
      <h2>New user</h2>
      <div className="row">
        <label>
          Email
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
      </div>
      <RolePicker roles={roles} value={picked} onChange={setPicked} />
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <p className="state notice" role="status">
          <code>{result}</code>
        </p>
      ) : null}
      <button type="submit" className="primary">
        Create user
      </button>
    </form>
  );
}

function UserRow({ user, roles, onChanged, chatHandle }: { user: User; roles: RoleInfo[]; onChanged(): void; chatHandle: ReactNode }) {
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  const [picked, setPicked] = useState(user.roles);
  const [note, setNote] = useState('');
  const labelOf = (role: string) => roles.find((r) => r.role === role)?.label ?? role;
  const act = async (work: () => Promise<unknown>) => {
    setNote('');
    try {
      await work();
      onChanged();
    } catch (err) {
      setNote((err as Error).message);
    }
  };
  return (
    <tr>
      <td>
        {user.name}
        <div className="muted small">{user.email}</div>
        {chatHandle}
      </td>
      <td>
        {editing ? (
          <RolePicker roles={roles} value={picked} onChange={setPicked} />
        ) : (
          user.roles.map((r) => (
            <Badge key={r} kind="role">
              {labelOf(r)}
            </Badge>
          ))
        )}
      </td>
      <td>
        {user.totpEnabled ? 'on' : 'off'}
        {user.sso ? ' · SSO' : ''}
      </td>
      <td>
        <Time iso={user.lastLoginAt} />
      </td>
      <td>{user.disabled ? <Badge kind="disabled">disabled</Badge> : 'active'}</td>
      <td className="actions">
        {can('users.manage') && editing ? (
          <button type="button" onClick={() => act(() => api('PATCH', `/api/users/${user.id}`, { roles: picked })).then(() => setEditing(false))}>
            Save roles
          </button>
        ) : null}
        {can('users.manage') && !editing ? (
          <button type="button" onClick={() => setEditing(true)}>
            Edit roles
          </button>
        ) : null}
        {can('users.manage') ? (
          <button type="button" onClick={() => act(() => api('PATCH', `/api/users/${user.id}`, { disabled: !user.disabled }))}>
            {user.disabled ? 'Enable' : 'Disable'}
          </button>
        ) : null}
        {can('users.manage') ? (
          <button
            type="button"
            onClick={() =>
              act(async () =>
                setNote(`Temporary password: ${(await api<{ temporaryPassword: string }>('POST', `/api/users/${user.id}/reset-password`)).temporaryPassword}`),
              )
            }
          >
            Reset password
          </button>
        ) : null}
        {can('users.manage') && user.totpEnabled ? (
          <button type="button" onClick={() => act(() => api('POST', `/api/users/${user.id}/reset-totp`))}>
            Reset 2FA
          </button>
        ) : null}
        {note ? (
          <div className="small" role="status">
            <code>{note}</code>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function UsersPage() {
  const { can } = useSession();
  const users = useApi<Page<User>>('/api/users?limit=200');
  const roles = useApi<{ items: RoleInfo[] }>('/api/roles');
  const handles = useChatHandles();
  return (
    <>
      <PageHeader title="Users" />
      {can('users.manage') && roles.data ? <CreateUser roles={roles.data.items} onCreated={users.reload} /> : null}
      {users.error ? <ErrorNote error={users.error} retry={users.reload} /> : null}
      {!users.data || !roles.data ? (
        <Loading what="users" />
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>User</th>
              <th>Roles</th>
              <th>2FA</th>
              <th>Last sign-in</th>
              <th>State</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <UserRow key={u.id} user={u} roles={roles.data!.items} onChanged={users.reload} chatHandle={<UserChatHandle userId={u.id} handles={handles} />} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
