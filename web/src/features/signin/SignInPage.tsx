// Sign in: email and password, then the six-digit code when two-factor authentication is on.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, setCsrfToken } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import type { SessionAnswer } from '../../types.ts';

function message(err: unknown): string {
  if (err instanceof ApiError && err.code === 'locked') return `Too many failed attempts. Try again in ${err.retryAfter ?? 60} seconds.`;
  if (err instanceof ApiError && err.code === 'rate_limited') return 'Too many attempts from this address. Wait a minute and try again.';
  return err instanceof Error ? err.message : String(err);
}

export function SignInPage() {
  const { refresh } = useSession();
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction({ initialError: new URLSearchParams(window.location.search).get('error') ?? '', describe: message });
  const [sso, setSso] = useState(false);

  useEffect(() => {
    api<{ enabled: boolean }>('GET', '/api/auth/oidc').then(
      (r) => setSso(r.enabled),
      () => setSso(false),
    );
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const answer =
        step === 'password'
          ? await api<SessionAnswer>('POST', '/api/session', { email, password })
          : await api<SessionAnswer>('POST', '/api/session/totp', { code });
      setCsrfToken(answer.csrfToken);
      if (answer.mfaRequired) setStep('code');
      else await refresh(answer);
    });
  }

  return (
    <main className="signin">
      <form onSubmit={submit} className="card" aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to secdesk</h1>
        {step === 'password' ? (
          <>
            <label>
              Email
              <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            </label>
            <label>
              Password
              <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
          </>
        ) : (
          <label>
            Six-digit code from your authenticator app
            <input
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
              autoFocus
            />
          </label>
        )}
        {error ? (
          <p className="state error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {step === 'password' ? 'Sign in' : 'Verify'}
        </button>
        {sso && step === 'password' ? (
          <a className="button" href="/api/auth/oidc/login">
            Sign in with single sign-on
          </a>
        ) : null}
      </form>
    </main>
  );
}
