// The one SSRF guard as the API shows it, with no allow setting: every user-given URL that reaches a
// non-public address is a 400 naming the setting that would allow it; a host that does not resolve
// is a 422, never a 500. On both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

// IPv4-compatible, 6to4, IPv4-mapped and NAT64 forms of loopback, cloud metadata, unspecified,
// carrier-grade NAT, unique-local, and a name that resolves to loopback.
const INTERNAL = [
  'http://[::7f00:1]/c',
  'http://[2002:7f00:1::]/c',
  'http://[::ffff:127.0.0.1]/c',
  'http://[64:ff9b::7f00:1]/c',
  'http://169.254.169.254/latest/meta-data',
  'http://0.0.0.0:8080/c',
  'http://100.64.0.1/c',
  'http://[fd00:ec2::254]/c',
  'http://localhost:8080/c',
];
// RFC 6761: never resolves, whatever the DNS.
const NOWHERE = 'http://no-such-host.invalid/c';

let t: TestApp;
let admin: Client;
let n = 0;

before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'lead@example.com', ['admin']);
  admin = await signIn(t.http, 'lead@example.com');
});

after(async () => {
  await t.close();
});

test('a distribution-list source on an internal address is refused with a 400 and nothing is kept', async () => {
  for (const url of INTERNAL) {
    const res = await admin.request('POST', '/api/distribution-lists/from-source', { name: 'internal', url });
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.match(res.json().error.message, /non-public address .*SECDESK_LIST_SOURCE_ALLOW_PRIVATE/, url);
  }
  const res = await admin.request('POST', '/api/distribution-lists/from-source', { name: 'nowhere', url: NOWHERE });
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().error.code, 'unreachable');
  assert.match(res.json().error.message, /list source host no-such-host\.invalid does not resolve/);
  assert.deepEqual((await admin.request('GET', '/api/distribution-lists')).json().items, []);
});

test('a status webhook on an internal address is refused at registration; a host that does not resolve is a 422', async () => {
  const register = (url: string) =>
    t.http.inject({ method: 'POST', url: '/api/status/webhooks', remoteAddress: `198.51.100.${++n}`, payload: { url, email: `hook${n}@example.com` } });
  for (const url of INTERNAL) {
    const res = await register(url);
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    assert.match(res.json().error.message, /non-public address .*SECDESK_WEBHOOK_ALLOW_PRIVATE/, url);
  }
  const res = await register(NOWHERE);
  assert.equal(res.statusCode, 422, res.body);
  assert.match(res.json().error.message, /webhook URL host no-such-host\.invalid does not resolve/);
});

test('an issue tracker on an internal address is refused when the team is saved', async () => {
  for (const baseUrl of INTERNAL) {
    const res = await admin.request('POST', '/api/teams', {
      name: 'Internal tracker',
      tracker: { kind: 'jira', baseUrl, projectKey: 'SEC', email: 'bot@corp.example', apiToken: 't' },
    });
    assert.equal(res.statusCode, 400, `${baseUrl}: ${res.body}`);
    assert.match(res.json().error.message, /SECDESK_TRACKER_ALLOW_PRIVATE/);
  }
  assert.ok(!(await admin.request('GET', '/api/teams')).json().items.some((team: { name: string }) => team.name === 'Internal tracker'));
});
