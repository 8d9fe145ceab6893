// Who is signed in, for the whole app.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthenticated, setCsrfToken } from './api.ts';
import type { Me, SessionAnswer } from './types.ts';

interface SessionState {
  me: Me | null;
  loading: boolean;
  /** Takes a session answer (after sign-in) or reloads from the server. */
  refresh(answer?: SessionAnswer): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const apply = (answer: SessionAnswer) => {
    setCsrfToken(answer.csrfToken);
    setMe(answer.mfaRequired ? null : answer.user);
  };
  const refresh = useCallback(async (answer?: SessionAnswer) => {
    try {
      apply(answer ?? (await api<SessionAnswer>('GET', '/api/session')));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  const signOut = useCallback(async () => {
    await api('DELETE', '/api/session').catch(() => {});
    setMe(null);
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => setMe(null));
  }, [refresh]);

  const can = (permission: string) => (me?.permissions as string[] | undefined)?.includes(permission) ?? false;
  return <SessionContext.Provider value={{ me, loading, refresh, signOut, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
