// The one authentication and authorization mechanism for HTTP. Every route declares `config.access`:
// 'public'; 'session' (one's own account security: tokens, second factor, password, sessions — a
// signed-in session only, never an API token); 'signed-in' (any account, e.g. its notifications; an
// API token only where the route names the `tokenScope` that covers it); or a Permission (a token
// also needs it among its scopes). A route without one makes the server refuse to start; a request
// without the access it needs is refused before the handler runs.
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { authorize, type Actor } from '../../authz/authorize.ts';
import { isPermission, type Permission } from '../../authz/policies.ts';
import { AuthenticationError, DomainError, SessionRequiredError } from '../../domains/errors.ts';

export type Access = 'public' | 'session' | 'signed-in' | 'signed-in-mfa-pending' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** A second permission the route needs besides `access` (e.g. declaring an incident from a ticket reads the ticket). */
    alsoRequires?: Permission;
    /** On a 'signed-in' route: the scope an API token needs to use it. Without one, tokens are refused. */
    tokenScope?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The raw session token, when the request came with the session cookie. */
    sessionToken: string | null;
  }
}

export const SESSION_COOKIE = 'secdesk_session';
export const CSRF_HEADER = 'x-csrf-token';
export const DOCS_PREFIX = '/api/docs';

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  /** Password accepted, second factor not yet given: only the TOTP step is open to it. */
  mfaPending: boolean;
}

/** What the HTTP layer needs from accounts to know who is asking. */
export interface Authenticator {
  resolveSession(token: string): Promise<ResolvedSession | null>;
  resolveApiToken(token: string): Promise<Actor | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfError extends DomainError {
  constructor() {
    super('csrf', 'missing or wrong CSRF token (send the x-csrf-token header)');
  }
}

export class MfaRequiredError extends DomainError {
  constructor() {
    super('mfa_required', 'second factor required');
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(header);
  if (!match) throw new AuthenticationError('malformed Authorization header (expected Bearer <token>)');
  return match[1]!;
}

async function identify(request: FastifyRequest, auth: Authenticator): Promise<{ actor: Actor; mfaPending: boolean } | null> {
  const bearer = bearerToken(request);
  if (bearer !== null) {
    const actor = await auth.resolveApiToken(bearer);
    if (!actor) throw new AuthenticationError('invalid, expired or revoked API token');
    return { actor, mfaPending: false };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await auth.resolveSession(cookie);
  if (!session) return null;
  request.sessionToken = cookie;
  // Cookies ride along on cross-site requests; a state change must also prove it read our page.
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) throw new CsrfError();
  }
  return { actor: session.actor, mfaPending: session.mfaPending };
}

async function check(request: FastifyRequest, access: Access, auth: Authenticator, also?: Permission, tokenScope?: Permission): Promise<void> {
  // A public page's form (e.g. the status page's subscribe form) may be posted by someone who also has a
  // session: without the CSRF proof they are anonymous there, never refused and never acting as themselves.
  const who = await identify(request, auth).catch((err: unknown) => {
    if (access === 'public' && err instanceof CsrfError) return null;
    throw err;
  });
  if (access === 'public') {
    request.actor = who && !who.mfaPending ? who.actor : null;
    return;
  }
  if (!who) throw new AuthenticationError();
  // A token's scopes bound every request it makes: it reaches a route only through a permission it holds.
  const byToken = who.actor.kind === 'token';
  if (byToken && (access === 'session' || access === 'signed-in-mfa-pending' || (access === 'signed-in' && !tokenScope))) {
    throw new SessionRequiredError();
  }
  if (access === 'signed-in-mfa-pending') {
    request.actor = who.actor;
    return;
  }
  if (who.mfaPending) throw new MfaRequiredError();
  request.actor = who.actor;
  if (access === 'signed-in') {
    if (byToken && tokenScope) authorize(who.actor, tokenScope);
  } else if (access !== 'session') authorize(who.actor, access);
  if (also) authorize(who.actor, also);
}

function validAccess(access: unknown): access is Access {
  return (
    access === 'public' ||
    access === 'session' ||
    access === 'signed-in' ||
    access === 'signed-in-mfa-pending' ||
    (typeof access === 'string' && isPermission(access))
  );
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  alsoRequires?: Permission;
  tokenScope?: Permission;
}

/**
 * Installs the check on every request, before body parsing and validation, so a caller without
 * access learns nothing about a route's input. Returns the table of every route and its access,
 * filled as routes are added (the route × role test walks it).
 */
export function installAccessControl(app: FastifyInstance, auth: Authenticator): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRoute', (route) => {
    // The rendered API docs are added by a library and are public by nature.
    if (route.url.startsWith(DOCS_PREFIX)) route.config = { ...route.config, access: 'public' };
    const access = route.config?.access;
    if (access === undefined && route.url.startsWith('/api/')) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
    if (access !== undefined && !validAccess(access)) throw new Error(`route ${route.url} declares unknown access ${String(access)}`);
    const also = route.config?.alsoRequires;
    if (also !== undefined && !isPermission(also)) throw new Error(`route ${route.url} also requires unknown permission ${String(also)}`);
    const tokenScope = route.config?.tokenScope;
    if (tokenScope !== undefined && (access !== 'signed-in' || !isPermission(tokenScope))) {
      throw new Error(`route ${route.url}: tokenScope ${String(tokenScope)} needs access 'signed-in' and a known permission`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        table.push({ method, url: route.url, access: access ?? 'public', ...(also ? { alsoRequires: also } : {}), ...(tokenScope ? { tokenScope } : {}) });
    }
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access ?? 'public';
    await check(request, access, auth, request.routeOptions.config?.alsoRequires, request.routeOptions.config?.tokenScope);
  });
  return table;
}

/** The signed-in actor of a route that declared access other than 'public'. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AuthenticationError();
  return request.actor;
}
