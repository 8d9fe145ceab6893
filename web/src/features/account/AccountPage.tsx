// One's own account: password, two-factor authentication, sessions, personal API tokens.
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Badge, ErrorNote, PageHeader, Time } from '../../components/ui.tsx';
import { useSession } from '../../session.tsx';
import type { SessionAnswer } from '../../types.ts';
import { useApi } from '../../useApi.ts';
import { ChatHandleForm } from './ChatHandleForm.tsx';
import { TimeZoneChoice } from './TimeZoneChoice.tsx';

const sessions = (n: number) => `${n} other session${n === 1 ? '' : 's'}`;

interface Token {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

function useAction() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (work: () => Promise<string>) => {
    try {
      setMessage({ ok: true, text: await work() });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  };
  const note = message ? (
    <p className={`state ${message.ok ? 'notice' : 'error'}`} role={message.ok ? 'status' : 'alert'}>
      {message.text}
    </p>
  ) : null;
  return { run, note };
}

function PasswordForm() {
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { run, note } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const changed = await api<SessionAnswer & { sessionsEnded: number; apiTokensKept: number }>('POST', '/api/me/password', {
        currentPassword: current,
        newPassword: next,
      });
      await refresh(changed); // this session was re-issued with a new CSRF token
      setCurrent('');
      setNext('');
      const tokens = changed.apiTokensKept === 1 ? '1 API token' : `${changed.apiTokensKept} API tokens`;
      return `Password changed. Signed out of ${sessions(changed.sessionsEnded)}; this one stays signed in. Your ${tokens} still work: revoke below any you no longer trust.`;
    });
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="Change password">
      <h2>Password</h2>
      <div className="row">
        <label>
          Current password
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          New password (12 characters or more)
          <input type="password" autoComplete="new-password" minLength={12} required value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
      </div>
      {note}
      <button type="submit">Change password</button>
    </form>
  );
}

function TwoFactor() {
  const { me, refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; qrSvgDataUrl: string } | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const { run, note } = useAction();
  if (me?.totpEnabled) {
    return (
      <form
        className="card form"
        aria-label="Two-factor authentication"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            await api('POST', '/api/me/totp/disable', { password });
            await refresh();
            return 'Two-factor authentication is off.';
          });
        }}
      >
        <h2>Two-factor authentication</h2>
        <p>On. Sign-in asks for a code from your authenticator app.</p>
        <label>
          Password to turn it off
          <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {note}
        <button type="submit">Turn off</button>
      </form>
    );
  }
  return (
    <section className="card form" aria-label="Two-factor authentication">
      <h2>Two-factor authentication</h2>
      {!setup ? (
        <button
          type="button"
          className="primary"
          onClick={() =>
            void run(async () => {
              setSetup(await api('POST', '/api/me/totp/setup'));
              return 'Scan the code, then enter the six digits your app shows.';
            })
          }
        >
          Set up two-factor authentication
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(async () => {
              await api('POST', '/api/me/totp/enable', { code });
              setSetup(null);
              await refresh();
              return 'Two-factor authentication is on.';
            });
          }}
        >
          <img src={setup.qrSvgDataUrl} alt="QR code for your authenticator app" width={180} height={180} />
          <p>
            Or type this key: <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <label>
            Code from the app
            <input inputMode="numeric" autoComplete="one-time-code" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value.trim())} />
          </label>
          <button type="submit" className="primary">
            Turn on
          </button>
        </form>
      )}
      {note}
    </section>
  );
}

function Sessions() {
  const { run, note } = useAction();
  const signOutElsewhere = () =>
    void run(async () => {
      const { sessionsEnded } = await api<{ sessionsEnded: number }>('DELETE', '/api/me/sessions');
      return `Signed out of ${sessions(sessionsEnded)}. This one stays signed in; API tokens are not affected.`;
    });
  return (
    <section className="card form" aria-label="Sessions">
      <h2>Sessions</h2>
      <p>Signed in on another browser or device you no longer use or trust? End every session but this one.</p>
      {note}
      <button type="button" onClick={signOutElsewhere}>
        Sign out everywhere else
      </button>
    </section>
  );
}

function Tokens() {
  const { me } = useSession();
  const tokens = useApi<{ items: Token[] }>('/api/me/tokens');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState('');
  const [shown, setShown] = useState('');
  const { run, note } = useAction();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const created = await api<{ token: string }>('POST', '/api/me/tokens', { name, scopes, ...(days ? { expiresInDays: Number(days) } : {}) });
      setShown(created.token);
      setName('');
      setScopes([]);
      tokens.reload();
      return 'Token created. Copy it now: it is not shown again.';
    });
  };
  return (
    <section className="card form" aria-label="API tokens">
      <h2>Personal API tokens</h2>
      <form onSubmit={create}>
        <div className="row">
          <label>
            Name
            <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            Expires after days (optional)
            <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
          </label>
        </div>
        <fieldset className="roles">
          <legend>Scopes</legend>
          {me?.permissions.map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                checked={scopes.includes(p)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, p] : scopes.filter((s) => s !== p))}
              />
              {p}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={scopes.length === 0}>
          Create token
        </button>
      </form>
      {note}
      {shown ? (
        <p className="token">
          <code>{shown}</code>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(shown)}>
            Copy
          </button>
        </p>
      ) : null}
      {tokens.error ? <ErrorNote error={tokens.error} retry={tokens.reload} /> : null}
      {tokens.data && tokens.data.items.length > 0 ? (
        <table className="list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Scopes</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>sdk_{t.prefix}</code>
                </td>
                <td>{t.scopes.join(', ')}</td>
                <td>
                  <Time iso={t.lastUsedAt} />
                </td>
                <td>
                  <Time iso={t.expiresAt} />
                </td>
                <td>
                  {t.revokedAt ? (
                    <Badge kind="disabled">revoked</Badge>
                  ) : (
                    <button
                      type="button"
                      onClick={() =>
                        void run(async () => {
                          await api('DELETE', `/api/me/tokens/${t.id}`);
                          tokens.reload();
                          return `Revoked ${t.name}.`;
                        })
                      }
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function AccountPage() {
  const { me } = useSession();
  return (
    <section>
      <PageHeader title="Account" />
      <p>
        {me?.name} · {me?.email} · {me?.roles.join(', ')}
      </p>
      {me?.sso ? <p className="muted">You sign in with single sign-on.</p> : <PasswordForm />}
      <TwoFactor />
      <Sessions />
      <TimeZoneChoice />
      <ChatHandleForm />
      <Tokens />
    </section>
  );
}
