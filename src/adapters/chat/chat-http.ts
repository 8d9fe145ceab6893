// One HTTP call to a chat platform's API with Node's fetch: a bearer token, a time limit, and the
// failures sorted into temporary (unreachable, 5xx, 429 with its Retry-After) and permanent ones.
import { ChatError } from '../../domains/chat/chat.ports.ts';

const TIMEOUT_MS = 15_000;
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface ChatHttpAnswer {
  status: number;
  body: unknown;
}

export async function chatHttp(
  platform: string,
  url: string,
  token: string,
  init: { method: string; body?: string; contentType?: string },
): Promise<ChatHttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': init.contentType ?? 'application/json; charset=utf-8' } : {}),
      },
      ...(init.body !== undefined ? { body: init.body } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    throw new ChatError(`${platform} is unreachable (${cause})`, true);
  }
  if (response.status === 429) {
    const after = Number(response.headers.get('retry-after'));
    throw new ChatError(`${platform} is rate limiting secdesk`, true, Number.isFinite(after) && after > 0 ? Math.min(after, 3600) : undefined);
  }
  const text = (await response.text()).slice(0, MAX_ANSWER_BYTES);
  if (response.status >= 500) throw new ChatError(`${platform} answered HTTP ${response.status}`, true);
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ChatError(`${platform} answered HTTP ${response.status} without JSON`, response.status >= 500);
  }
  return { status: response.status, body };
}
