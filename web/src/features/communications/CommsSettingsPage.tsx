// Admin → Communications: who drafts, reviews and sends each channel (the reference plan's table,
// editable), and which distribution list is the opt-in security notices list — imported here once
// during setup; an incident's customer email goes to it while no list is attached to the incident.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { ErrorNote, Loading, PageHeader } from '../../components/ui.tsx';
import { useAction } from '../../useAction.ts';
import { useApi } from '../../useApi.ts';
import type { ChannelRoles, CommsSettings, RoleInfo } from '../../types.ts';
import { ImportList, useLists } from './ContactLists.tsx';
import { CHANNEL_LABELS } from './labels.ts';

const DUTIES = [
  ['draft', 'Drafts'],
  ['review', 'Reviews'],
  ['send', 'Sends'],
] as const;
type Duty = (typeof DUTIES)[number][0];

function ChannelRolesForm({ value, roles, onSaved }: { value: ChannelRoles; roles: RoleInfo[]; onSaved(): void }) {
  const [draft, setDraft] = useState<Record<Duty, string[]>>({ draft: value.draft, review: value.review, send: value.send });
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  const toggle = (duty: Duty, role: string, on: boolean) => {
    setSaved(false);
    setDraft({ ...draft, [duty]: on ? [...draft[duty], role] : draft[duty].filter((r) => r !== role) });
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('PUT', `/api/communications/channel-roles/${value.channel}`, draft);
      setSaved(true);
      onSaved();
    });
  };
  const label = CHANNEL_LABELS[value.channel];
  return (
    <form className="card form" onSubmit={save} aria-label={`Roles for ${label}`}>
      <h2>{label}</h2>
      {DUTIES.map(([duty, title]) => (
        <fieldset key={duty} className="roles">
          <legend>{title}</legend>
          {roles.map((r) => (
            <label key={r.role} className="check">
              <input type="checkbox" checked={draft[duty].includes(r.role)} onChange={(e) => toggle(duty, r.role, e.target.checked)} />
              {r.label}
            </label>
          ))}
        </fieldset>
      ))}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p className="state notice" role="status">
          Saved.
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy || DUTIES.some(([d]) => draft[d].length === 0)}>
          Save roles
        </button>
      </div>
    </form>
  );
}

function SecurityNoticesList({ current, lists, onSaved }: { current: string | null; lists: ReturnType<typeof useLists>; onSaved(): void }) {
  const [listId, setListId] = useState(current ?? '');
  const { busy, error, run } = useAction();
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api('PUT', '/api/communications/security-notices-list', { listId: listId || null });
      onSaved();
    });
  };
  return (
    <form className="card form" onSubmit={save} aria-label="Security notices list">
      <p className="small">Security alerts go to this list; an incident's customer email goes to it too while no list is attached to the incident.</p>
      <label>
        The opt-in security notices list
        <select value={listId} onChange={(e) => setListId(e.target.value)}>
          <option value="">none</option>
          {(lists.data?.items ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.memberCount} members)
            </option>
          ))}
        </select>
      </label>
      {lists.error ? (
        <p className="state error" role="alert">
          Lists could not be loaded: {lists.error.message}
        </p>
      ) : null}
      {error ? (
        <p className="state error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          Save list
        </button>
      </div>
    </form>
  );
}

export function CommsSettingsPage() {
  const settings = useApi<CommsSettings>('/api/communications/settings');
  const roles = useApi<{ items: RoleInfo[] }>('/api/roles');
  const lists = useLists(true);
  const error = settings.error ?? roles.error;
  if (error) return <ErrorNote error={error} retry={() => (settings.reload(), roles.reload())} />;
  if (!settings.data || !roles.data) return <Loading what="communications settings" />;
  return (
    <section>
      <PageHeader title="Communications" />
      <p className="lead">Who drafts, reviews and sends each channel. The author of a version can never approve it, whatever the roles.</p>
      <SecurityNoticesList
        key={settings.data.securityNoticesListId ?? 'none'}
        current={settings.data.securityNoticesListId}
        lists={lists}
        onSaved={settings.reload}
      />
      <section className="card" aria-label="Distribution lists">
        <h2>Import a distribution list</h2>
        <ImportList onImported={() => lists.reload()} />
      </section>
      {settings.data.channelRoles.map((c) => (
        <ChannelRolesForm key={c.channel} value={c} roles={roles.data!.items} onSaved={settings.reload} />
      ))}
    </section>
  );
}
