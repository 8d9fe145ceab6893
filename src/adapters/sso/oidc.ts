// OpenID Connect single sign-on with openid-client: authorization code flow with PKCE, state and
// nonce. The identity provider says who the person is; the role map says which roles they hold.
import * as client from 'openid-client';
import { isRole } from '../../authz/roles.ts';
import { parseRoleMap, type Config } from '../../config/config.ts';
import { AuthenticationError } from '../../domains/errors.ts';

export const CALLBACK_PATH = '/api/auth/oidc/callback';

/** What the browser keeps between leaving for the provider and coming back. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

export interface SsoIdentity {
  subject: string;
  email: string;
  name: string;
  roles: string[];
}

function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export class OidcSignIn {
  readonly #config: Config;
  readonly #roleMap: Record<string, string>;
  #discovered: Promise<client.Configuration> | undefined;

  constructor(config: Config) {
    this.#config = config;
    this.#roleMap = config.SECDESK_OIDC_ROLE_MAP ? parseRoleMap(config.SECDESK_OIDC_ROLE_MAP) : {};
  }

  get enabled(): boolean {
    return Boolean(this.#config.SECDESK_OIDC_ISSUER && this.#config.SECDESK_OIDC_CLIENT_ID && this.#config.SECDESK_PUBLIC_URL);
  }

  #provider(): Promise<client.Configuration> {
    const issuer = new URL(this.#config.SECDESK_OIDC_ISSUER!);
    this.#discovered ??= client
      .discovery(issuer, this.#config.SECDESK_OIDC_CLIENT_ID!, this.#config.SECDESK_OIDC_CLIENT_SECRET, undefined, {
        // Plain http is accepted only for a provider on this machine (development and tests).
        execute: issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: Error) => {
        this.#discovered = undefined; // try again next time
        throw new AuthenticationError(`single sign-on is unavailable: ${err.message}`);
      });
    return this.#discovered;
  }

  #redirectUri(): string {
    return new URL(CALLBACK_PATH, this.#config.SECDESK_PUBLIC_URL).toString();
  }

  async start(): Promise<{ url: string; pending: PendingLogin }> {
    const provider = await this.#provider();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: this.#redirectUri(),
      scope: this.#config.SECDESK_OIDC_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.toString(), pending };
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<SsoIdentity> {
    const provider = await this.#provider();
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new AuthenticationError(`single sign-on failed: ${(err as Error).message}`);
    }
    let claims: Record<string, unknown> = { ...tokens.claims() };
    const roleClaim = this.#config.SECDESK_OIDC_ROLE_CLAIM;
    if (claims[roleClaim] === undefined || claims.email === undefined) {
      claims = { ...(await client.fetchUserInfo(provider, tokens.access_token, String(claims.sub))), ...claims };
    }
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
    if (!email) throw new AuthenticationError('the identity provider did not say who you are (no email claim)');
    const roles = [
      ...new Set(
        claimValues(claims[roleClaim])
          .map((v) => this.#roleMap[v])
          .filter((r): r is string => r !== undefined && isRole(r)),
      ),
    ];
    return { subject: String(claims.sub), email, name: typeof claims.name === 'string' && claims.name ? claims.name : email, roles };
  }
}
