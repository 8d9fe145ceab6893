// Admin → Teams: the subject-matter teams a ticket can be engaged with, their owner, update
// cadence and optional GitLab or Jira project. A token is write-only: the page shows whether one is
// stored, and leaving the field empty on a change keeps it.
import { useState, type FormEvent } from 'react';
import { api, type Page } from '../../api.ts';
import { ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useApi } from '../../useApi.ts';
import type { Team, User } from '../../types.ts';

type TrackerKind = '' | 'gitlab' | 'jira';

function TeamForm({ team, users, onSaved }: { team: Team | null; users: User[]; onSaved(): void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [ownerId, setOwnerId] = useState(team?.ownerId ?? '');
  const [notifyAddress, setNotifyAddress] = useState(team?.notifyAddress ?? '');
  const [cadenceHours, setCadenceHours] = useState(team?.cadenceHours ?? 72);
  const [kind, setKind] = useState<TrackerKind>(team?.tracker?.kind ?? '');
  const [baseUrl, setBaseUrl] = useState(team?.tracker?.baseUrl ?? '');
  const [project, setProject] = useState(team?.tracker ? (team.tracker.kind === 'gitlab' ? team.tracker.projectId : team.tracker.projectKey) : '');
  const [email, setEmail] = useState(team?.tracker?.kind === 'jira' ? team.tracker.email : '');
  const [token, setToken] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');

  const tracker = () => {
    if (!kind) return null;
    const secret = token ? (kind === 'gitlab' ? { token } : { apiToken: token }) : {};
    return kind === 'gitlab' ? { kind, baseUrl, projectId: project, ...secret } : { kind, baseUrl, projectKey: project, email, ...secret };
  };
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    setSaved('');
    const body = { name, ownerId: ownerId || null, notifyAddress: notifyAddress || null, cadenceHours, tracker: tracker() };
    try {
      await (team ? api('PATCH', `/api/teams/${team.id}`, body) : api('POST', '/api/teams', body));
      setToken('');
      setSaved(`Saved ${name}.`);
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <form className="card form" onSubmit={submit} aria-label={team ? `Team ${team.name}` : 'New team'}>
      <h2>{team ? team.name : 'New team'}</h2>
      <div className="row">
        <label>
          Name
          <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Owner
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">nobody</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </label>
        <label>
          Members' address
          <input type="email" value={notifyAddress} onChange={(e) => setNotifyAddress(e.target.value)} />
        </label>
        <label>
          Update the requester every (hours)
          <input type="number" min={1} max={2160} required value={cadenceHours} onChange={(e) => setCadenceHours(Number(e.target.value))} />
        </label>
      </div>
      <div className="row">
        <label>
          Issue tracker
          <select value={kind} onChange={(e) => setKind(e.target.value as TrackerKind)}>
            <option value="">none</option>
            <option value="gitlab">GitLab</option>
            <option value="jira">Jira Cloud</option>
          </select>
        </label>
        {kind ? (
          <>
            <label>
              Base URL
              <input type="url" required placeholder="https://gitlab.example.com" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
            </label>
            <label>
              {kind === 'gitlab' ? 'Project id or path' : 'Project key'}
              <input required value={project} onChange={(e) => setProject(e.target.value)} />
            </label>
            {kind === 'jira' ? (
              <label>
                Account email
                <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
              </label>
            ) : null}
            <label>
              {kind === 'gitlab' ? 'Access token' : 'API token'}
              <input
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                placeholder={team?.tracker?.hasToken && team.tracker.kind === kind ? 'stored (leave empty to keep)' : 'required'}
              />
            </label>
          </>
        ) : null}
      </div>
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p className="state notice" role="status">
          {saved}
        </p>
      ) : null}
      <button type="submit" className="primary">
        {team ? 'Save team' : 'Add team'}
      </button>
    </form>
  );
}

export function TeamsPage() {
  const { data, error, reload } = useApi<{ items: Team[] }>('/api/teams');
  const { data: users } = useApi<Page<User>>('/api/users?limit=200');
  if (error) return <ErrorNote error={error} retry={reload} />;
  if (!data) return <Loading what="teams" />;
  const people = users?.items.filter((u) => !u.disabled) ?? [];
  return (
    <section>
      <PageHeader title="Teams" />
      <p className="muted">Subject-matter teams a ticket can be engaged with. The owner is reminded to update the requester at the team's cadence.</p>
      {data.items.map((t) => (
        <TeamForm key={`${t.id}-${t.tracker?.kind ?? ''}-${t.cadenceHours}`} team={t} users={people} onSaved={reload} />
      ))}
      <TeamForm key={`new-${data.items.length}`} team={null} users={people} onSaved={reload} />
    </section>
  );
}
