// The trackers' wire format against a local HTTP server: Jira Cloud REST v3 (basic auth, ADF
// description, 201 {id, key, self}, JQL search) and which GitLab failures are worth a retry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpIssueTracker } from './http-trackers.ts';
import { TrackerError } from '../../domains/teams/issue-tracker.ts';

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const seen: { method: string; url: string; auth: string | undefined; body: string }[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
    handler(req, body, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

const tracker = httpIssueTracker({ allowPrivate: '127.0.0.1/32' });
const draft = {
  title: 'secdesk #7: Pinning',
  description: 'Line one\n\nsecdesk reference: secdesk-engagement-abc',
  marker: 'secdesk-engagement-abc',
  labels: ['secdesk', 'security inbox'],
};

test('Jira: creates a Task with an ADF description over basic auth; finds it again by the marker', async () => {
  const jira = await serve((req, _body, res) => {
    res.writeHead(req.url === '/rest/api/3/issue' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        req.url === '/rest/api/3/issue'
          ? { id: '10000', key: 'SEC-24', self: 'http://jira/rest/api/3/issue/10000' }
          : { issues: [{ key: 'SEC-24', fields: { summary: `${draft.title} ${draft.marker}` } }] },
      ),
    );
  });
  try {
    const settings = { kind: 'jira' as const, baseUrl: `${jira.url}/`, projectKey: 'SEC', email: 'bot@corp.example', apiToken: 'atl-secret' };
    assert.deepEqual(await tracker.create(settings, draft), { ref: 'SEC-24', url: `${jira.url}/browse/SEC-24` });
    const sent = jira.seen[0]!;
    assert.equal(sent.auth, `Basic ${Buffer.from('bot@corp.example:atl-secret').toString('base64')}`);
    const { fields } = JSON.parse(sent.body);
    assert.deepEqual(fields.project, { key: 'SEC' });
    assert.deepEqual(fields.issuetype, { name: 'Task' });
    assert.equal(fields.summary, `${draft.title} [${draft.marker}]`, 'the marker is in the summary, which JQL searches');
    assert.equal(fields.description.type, 'doc');
    assert.equal(fields.description.version, 1);
    assert.deepEqual(fields.description.content[0], { type: 'paragraph', content: [{ type: 'text', text: 'Line one' }] });
    assert.deepEqual(fields.labels, ['secdesk', 'security-inbox']);
    assert.deepEqual(await tracker.find(settings, draft.marker), { ref: 'SEC-24', url: `${jira.url}/browse/SEC-24` });
    assert.match(JSON.parse(jira.seen[1]!.body).jql, /project = "SEC"/);
  } finally {
    await jira.close();
  }
});

test('GitLab: 404 and 403 are permanent, 429 and 502 temporary; the token never appears in the message', async () => {
  for (const [status, permanent] of [
    [404, true],
    [403, true],
    [429, false],
    [502, false],
  ] as const) {
    const gitlab = await serve((_req, _body, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `${status} Something` }));
    });
    try {
      await assert.rejects(
        tracker.create({ kind: 'gitlab', baseUrl: gitlab.url, projectId: 'group/project', token: 'glpat-secret' }, draft),
        (err: TrackerError) => {
          assert.ok(err instanceof TrackerError);
          assert.equal(err.permanent, permanent, String(status));
          assert.match(err.message, new RegExp(`^GitLab answered ${status}: ${status} Something`));
          assert.ok(!err.message.includes('glpat-secret'));
          return true;
        },
      );
      assert.equal(gitlab.seen[0]!.url, '/api/v4/projects/group%2Fproject/issues', 'a project path is URL-encoded');
    } finally {
      await gitlab.close();
    }
  }
});

test('the base URL goes through the outbound guard: a refused address is permanent, an unreachable tracker temporary', async () => {
  const strict = httpIssueTracker({ allowPrivate: '' });
  for (const baseUrl of ['http://127.0.0.1:9', 'http://[::7f00:1]', 'http://[2002:7f00:1::]', 'http://169.254.169.254', 'http://localhost']) {
    await assert.rejects(strict.check(baseUrl), /non-public address .*SECDESK_TRACKER_ALLOW_PRIVATE/, baseUrl);
    await assert.rejects(
      strict.create({ kind: 'gitlab', baseUrl, projectId: '1', token: 'glpat-secret' }, draft),
      (err: TrackerError) => err instanceof TrackerError && err.permanent && /^GitLab: .*non-public/.test(err.message),
    );
  }
  const gone = await serve((_req, _body, res) => res.end());
  await gone.close();
  await assert.rejects(
    tracker.create({ kind: 'gitlab', baseUrl: gone.url, projectId: '1', token: 'glpat-secret' }, draft),
    (err: TrackerError) => err instanceof TrackerError && !err.permanent && /^GitLab is unreachable: .*connection refused/.test(err.message),
  );
});
