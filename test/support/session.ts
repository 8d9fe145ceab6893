// Signs in through the real API and replays the session cookie and CSRF token, as a browser does.
import { TOTP, Secret } from 'otpauth';
import type { HttpApp } from '../../src/adapters/http/http-app.ts';
import type { App } from '../../src/app/app.ts';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';

export const PASSWORD = 'correct horse battery staple';

export interface Client {
  cookie: string;
  csrfToken: string;
  request(method: string, url: string, payload?: unknown): Promise<{ statusCode: number; body: string; json(): any; headers: Record<string, unknown> }>;
}

export function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at });
}

export async function createUser(app: App, email: string, roles: string[], password = PASSWORD) {
  const { user } = await app.services.users.create({ actor: SYSTEM_ACTOR }, { email, name: email.split('@')[0]!, roles, password });
  return user;
}

function sessionCookie(headers: Record<string, unknown>): string | null {
  const set = headers['set-cookie'];
  const all = Array.isArray(set) ? set : set ? [String(set)] : [];
  const found = all.find((c: string) => c.startsWith('secdesk_session='));
  return found ? found.split(';')[0]! : null;
}

export function clientFrom(http: HttpApp, cookie: string, csrfToken: string): Client {
  return {
    cookie,
    csrfToken,
    async request(method, url, payload) {
      const res = await http.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrfToken },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      return res;
    },
  };
}

/** Signs in with password (and TOTP when a secret is given); throws on failure. */
export async function signIn(http: HttpApp, email: string, password = PASSWORD, totpSecret?: string): Promise<Client> {
  const res = await http.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  let cookie = sessionCookie(res.headers)!;
  let csrfToken = res.json().csrfToken as string;
  if (res.json().mfaRequired) {
    if (!totpSecret) throw new Error('second factor required');
    const second = await http.inject({
      method: 'POST',
      url: '/api/session/totp',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload: { code: totpCode(totpSecret) },
    });
    if (second.statusCode !== 200) throw new Error(`TOTP failed: ${second.statusCode} ${second.body}`);
    cookie = sessionCookie(second.headers)!;
    csrfToken = second.json().csrfToken;
  }
  return clientFrom(http, cookie, csrfToken);
}

export { sessionCookie };
