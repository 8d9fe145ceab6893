// The one way the web app talks to the server: JSON over fetch (a Blob body goes as it is, with its
// own type), the CSRF token on every change, errors as ApiError with the server's message.
let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfter: number | null;
  /** What the server adds to a refusal, e.g. each template error with its line and column. */
  readonly details: unknown;
  constructor(status: number, code: string, message: string, retryAfter: number | null, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.details = details;
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? body.type : 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = data?.error ?? { code: 'http_error', message: `${res.status} ${res.statusText}` };
    if (res.status === 401 && path !== '/api/session' && !path.startsWith('/api/session/')) for (const l of unauthenticatedListeners) l();
    throw new ApiError(res.status, error.code, error.message, Number(res.headers.get('retry-after')) || null, error.details);
  }
  return data as T;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
