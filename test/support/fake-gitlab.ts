// A local HTTP server speaking GitLab's REST API v4 for project issues, as far as secdesk uses it:
// PRIVATE-TOKEN authentication (401 {"message":"401 Unauthorized"}), POST /projects/:id/issues
// (201 with id, iid, web_url, …) and GET /projects/:id/issues?search=. It can be told to fail the
// next requests with a status, to lose the response of the next create (created, then the connection
// drops), or to be down altogether (its port closed, so connections are refused).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLoopback, readBody, sendJson, type LoopbackServer } from './fake-http-server.ts';
import { freePort } from './net.ts';

export interface FakeIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string;
  confidential: boolean;
  labels: string[];
  web_url: string;
  state: 'opened';
  created_at: string;
}

export interface FakeGitlab {
  url: string;
  token: string;
  projectId: number;
  issues: FakeIssue[];
  requests: { method: string; path: string; token: string | undefined }[];
  /** The next n requests answer with this status and GitLab's error body. */
  failNext(n: number, status: 500 | 502 | 503 | 429): void;
  /** The next create stores the issue, then drops the connection without an answer. */
  loseNextCreateResponse(): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const ERRORS: Record<number, string> = { 429: 'Retry later', 500: '500 Internal Server Error', 502: '502 Bad Gateway', 503: '503 Service Unavailable' };

export async function startFakeGitlab(options: { token?: string; projectId?: number } = {}): Promise<FakeGitlab> {
  const port = await freePort();
  const token = options.token ?? 'glpat-test-token-0123456789';
  const projectId = options.projectId ?? 42;
  const issues: FakeIssue[] = [];
  const requests: FakeGitlab['requests'] = [];
  let failures: { left: number; status: number } = { left: 0, status: 500 };
  let loseCreate = false;
  let server: LoopbackServer | null = null;

  const json = (res: ServerResponse, status: number, body: unknown) => sendJson(res, status, body);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const given = req.headers['private-token'] as string | undefined;
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, token: given });
    const raw = await readBody(req);
    if (failures.left > 0) {
      failures.left--;
      return json(res, failures.status, { message: ERRORS[failures.status] });
    }
    if (given !== token) return json(res, 401, { message: '401 Unauthorized' });
    const match = /^\/api\/v4\/projects\/([^/]+)\/issues$/.exec(url.pathname);
    if (!match || decodeURIComponent(match[1]!) !== String(projectId)) return json(res, 404, { message: '404 Project Not Found' });
    if (req.method === 'GET') {
      const search = url.searchParams.get('search') ?? '';
      return json(
        res,
        200,
        issues.filter((i) => `${i.title}\n${i.description}`.includes(search)),
      );
    }
    if (req.method !== 'POST') return json(res, 405, { message: '405 Method Not Allowed' });
    let body: { title?: unknown; description?: unknown; confidential?: unknown; labels?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 400, { message: 'Invalid JSON' });
    }
    if (req.headers['content-type'] !== 'application/json') return json(res, 415, { message: 'Unsupported Media Type' });
    if (typeof body.title !== 'string' || !body.title) return json(res, 400, { message: { title: ["can't be blank"] } });
    const iid = issues.length + 1;
    const issue: FakeIssue = {
      id: 1000 + iid,
      iid,
      project_id: projectId,
      title: body.title,
      description: typeof body.description === 'string' ? body.description : '',
      confidential: body.confidential === true,
      labels: typeof body.labels === 'string' ? body.labels.split(',').filter(Boolean) : [],
      web_url: `http://127.0.0.1:${port}/security/research/-/issues/${iid}`,
      state: 'opened',
      created_at: new Date().toISOString(),
    };
    issues.push(issue);
    if (loseCreate) {
      loseCreate = false;
      return req.socket.destroy();
    }
    return json(res, 201, issue);
  }

  async function up() {
    if (server) return;
    server = await listenOnLoopback((req, res) => void handle(req, res).catch(() => res.destroy()), port);
  }

  async function down() {
    const s = server;
    server = null;
    await s?.close();
  }

  await up();
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    projectId,
    issues,
    requests,
    failNext: (n, status) => void (failures = { left: n, status }),
    loseNextCreateResponse: () => void (loseCreate = true),
    down,
    up,
    close: down,
  };
}
