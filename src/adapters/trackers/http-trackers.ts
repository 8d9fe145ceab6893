// Issue trackers over their REST APIs: GitLab v4 (PRIVATE-TOKEN) and Jira Cloud v3 (basic auth
// with email and API token). The token never appears in an error or a log line. The base URL is an
// admin's input: every call goes through the outbound guard (SECDESK_TRACKER_ALLOW_PRIVATE).
import { OutboundGuard, OutboundRefused, allowedRanges, type OutboundAnswer, type Resolver } from '../net/outbound-guard.ts';
import { isPermanentStatus, TrackerError, type CreatedIssue, type IssueDraft, type IssueTracker } from '../../domains/teams/issue-tracker.ts';
import type { TrackerSettings } from '../../domains/teams/teams.types.ts';

const TIMEOUT_MS = 15_000;

type Call = (url: string, init: { method?: string; headers: Record<string, string>; body?: string }, service: string) => Promise<unknown>;

function caller(guard: OutboundGuard): Call {
  return async (url, init, service) => {
    let res: OutboundAnswer;
    try {
      res = await guard.request(url, { ...init, timeoutMs: TIMEOUT_MS });
    } catch (err) {
      if (err instanceof OutboundRefused) throw new TrackerError(`${service}: ${err.message}`, true);
      throw new TrackerError(`${service} is unreachable: ${(err as Error).message}; will retry`, false);
    }
    return answerOf(res, service);
  };
}

async function answerOf(res: OutboundAnswer, service: string): Promise<unknown> {
  const text = (await res.body.text()).slice(0, 100_000);
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status < 200 || res.status >= 300) {
    const detail = errorDetail(body) ?? `HTTP ${res.status}`;
    const permanent = isPermanentStatus(res.status);
    throw new TrackerError(`${service} answered ${res.status}: ${detail.slice(0, 300)}${permanent ? '' : '; will retry'}`, permanent);
  }
  return body;
}

function errorDetail(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as { message?: unknown; error?: unknown; errorMessages?: unknown };
  const value = b.message ?? b.error ?? (Array.isArray(b.errorMessages) ? b.errorMessages.join('; ') : null);
  return value == null ? null : typeof value === 'string' ? value : JSON.stringify(value);
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

function gitlabIssue(body: unknown): CreatedIssue {
  const issue = body as { iid?: unknown; web_url?: unknown } | null;
  if (typeof issue?.iid !== 'number' || typeof issue.web_url !== 'string' || !/^https?:\/\//.test(issue.web_url))
    throw new TrackerError('GitLab answered without an issue iid and http(s) web_url; will retry', false);
  return { ref: `#${issue.iid}`, url: issue.web_url };
}

const gitlab = {
  headers: (s: Extract<TrackerSettings, { kind: 'gitlab' }>) => ({ 'PRIVATE-TOKEN': s.token, accept: 'application/json', 'content-type': 'application/json' }),
  issuesUrl: (s: Extract<TrackerSettings, { kind: 'gitlab' }>) => `${trimSlash(s.baseUrl)}/api/v4/projects/${encodeURIComponent(s.projectId)}/issues`,
  async find(call: Call, s: Extract<TrackerSettings, { kind: 'gitlab' }>, marker: string): Promise<CreatedIssue | null> {
    const body = await call(
      `${gitlab.issuesUrl(s)}?${new URLSearchParams({ search: marker, in: 'title,description' })}`,
      { headers: gitlab.headers(s) },
      'GitLab',
    );
    const found = Array.isArray(body)
      ? body.find((i: { title?: string; description?: string }) => `${i.title ?? ''}\n${i.description ?? ''}`.includes(marker))
      : undefined;
    return found ? gitlabIssue(found) : null;
  },
  async create(call: Call, s: Extract<TrackerSettings, { kind: 'gitlab' }>, d: IssueDraft): Promise<CreatedIssue> {
    const body = await call(
      gitlab.issuesUrl(s),
      {
        method: 'POST',
        headers: gitlab.headers(s),
        body: JSON.stringify({ title: d.title, description: d.description, confidential: true, labels: d.labels.join(',') }),
      },
      'GitLab',
    );
    return gitlabIssue(body);
  },
};

/** Atlassian Document Format: one paragraph per line. */
function adf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph', content: [] })),
  };
}

const jira = {
  headers: (s: Extract<TrackerSettings, { kind: 'jira' }>) => ({
    authorization: `Basic ${Buffer.from(`${s.email}:${s.apiToken}`).toString('base64')}`,
    accept: 'application/json',
    'content-type': 'application/json',
  }),
  async find(call: Call, s: Extract<TrackerSettings, { kind: 'jira' }>, marker: string): Promise<CreatedIssue | null> {
    const jql = `project = "${s.projectKey.replace(/"/g, '')}" AND summary ~ "\\"${marker}\\""`;
    const body = await call(
      `${trimSlash(s.baseUrl)}/rest/api/3/search/jql`,
      { method: 'POST', headers: jira.headers(s), body: JSON.stringify({ jql, fields: ['summary'], maxResults: 5 }) },
      'Jira',
    );
    const issues = (body as { issues?: { key?: string; fields?: { summary?: string } }[] } | null)?.issues ?? [];
    const found = issues.find((i) => i.fields?.summary?.includes(marker) && i.key);
    return found ? { ref: found.key!, url: `${trimSlash(s.baseUrl)}/browse/${found.key}` } : null;
  },
  async create(call: Call, s: Extract<TrackerSettings, { kind: 'jira' }>, d: IssueDraft): Promise<CreatedIssue> {
    // Jira searches summaries reliably (the description is a document), so the marker goes there too.
    const fields = {
      project: { key: s.projectKey },
      summary: `${d.title.slice(0, 180)} [${d.marker}]`,
      description: adf(d.description),
      issuetype: { name: 'Task' },
      labels: d.labels.map((l) => l.replace(/\s+/g, '-')),
    };
    const body = (await call(
      `${trimSlash(s.baseUrl)}/rest/api/3/issue`,
      { method: 'POST', headers: jira.headers(s), body: JSON.stringify({ fields }) },
      'Jira',
    )) as { key?: unknown } | null;
    if (typeof body?.key !== 'string') throw new TrackerError('Jira answered without an issue key; will retry', false);
    return { ref: body.key, url: `${trimSlash(s.baseUrl)}/browse/${body.key}` };
  },
};

export function httpIssueTracker(options: { allowPrivate: string; resolve?: Resolver }): IssueTracker {
  const guard = new OutboundGuard({
    what: 'tracker URL',
    allowPrivate: allowedRanges(options.allowPrivate),
    allowSetting: 'SECDESK_TRACKER_ALLOW_PRIVATE',
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const call = caller(guard);
  return {
    find: (s, marker) => (s.kind === 'gitlab' ? gitlab.find(call, s, marker) : jira.find(call, s, marker)),
    create: (s, draft) => (s.kind === 'gitlab' ? gitlab.create(call, s, draft) : jira.create(call, s, draft)),
    check: async (baseUrl) => {
      await guard.check(baseUrl);
    },
  };
}
