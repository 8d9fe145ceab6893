// Done when: with Mattermost configured, declaring an incident creates its channel through API v4,
// adds the responders, announces it in the security department channel, mirrors key events into
// it, sends direct messages, and retries while the server answers 503. Runs on both engines
// against a local Mattermost API on loopback (test/support/fake-mattermost.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { FakeMattermost } from '../support/fake-mattermost.ts';
import { until } from '../support/until.ts';
import { DEFAULT_STAKEHOLDER_RULES } from '../../src/domains/stakeholders/default-rules.ts';

let mm: FakeMattermost;
let t: TestApp;
let manager: Client;

before(async () => {
  mm = await new FakeMattermost().start();
  t = await startTestApp({
    env: {
      SECDESK_MATTERMOST_URL: mm.url,
      SECDESK_MATTERMOST_TOKEN: mm.token,
      SECDESK_MATTERMOST_TEAM_ID: mm.teamId,
      SECDESK_CHAT_RETRY_SECONDS: '1',
      SECDESK_MATTERMOST_COMMAND_TOKEN: 'mm-command-token-0123456789',
    },
  });
  await createUser(t.app, 'admin@example.com', ['admin']);
  const simoc = await createUser(t.app, 'simoc@example.com', ['incident_manager']);
  const admin = await signIn(t.http, 'admin@example.com');
  // Alice is the Incident Manager On Call.
  const rotation = {
    name: 'Rotation',
    timeZone: 'UTC',
    handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
    startDate: '2020-01-06',
    participants: [simoc.id],
    overrides: [],
  };
  assert.equal((await admin.request('PUT', '/api/oncall/rotations/incident_manager', rotation)).statusCode, 200);
  manager = await signIn(t.http, 'simoc@example.com');
  assert.equal((await manager.request('PUT', '/api/me/chat-handle', { handle: '@alice' })).statusCode, 204);
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) =>
    r.id === 'sr-director-of-security' ? { ...r, contacts: [{ name: 'Dana Director', handle: '@dana' }] } : r,
  );
  assert.equal((await admin.request('PUT', '/api/stakeholder-rules', { rules })).statusCode, 200);
});
after(async () => {
  await t?.close();
  await mm?.stop();
});

test('Mattermost: channel created, responder added, announced, events mirrored, DMs sent; 503 retried', async () => {
  mm.failNext(2);
  const res = await manager.request('POST', '/api/incidents', { title: 'Leaked deploy key', description: '', type: 'vulnerability', impact: 2, likelihood: 2 });
  assert.equal(res.statusCode, 201, res.body);
  const incident = res.json() as { id: string; number: number };
  const view = await until('the channel to open', async () => {
    const v = (await manager.request('GET', `/api/incidents/${incident.id}/chat`)).json();
    return v.channel?.state === 'open' ? v : null;
  });
  const name = `inc-${incident.number}-leaked-deploy-key`;
  const channel = mm.channelNamed(name);
  assert.ok(channel, 'created');
  assert.equal(channel.type, 'O');
  assert.equal(view.platform, 'mattermost');
  assert.equal(view.channel.url, `${mm.url}/security/channels/${name}`);
  assert.ok(channel.members.has(mm.userId('alice')), 'the declarer is a member');
  const security = mm.channelNamed('security-department')!;
  assert.ok(mm.messagesIn(security.id).some((m) => m.includes(`#${incident.number}`) && m.includes(view.channel.url)));
  assert.ok(mm.calls.filter((c) => c.method === 'POST' && c.path === '/api/v4/channels').length >= 1);

  assert.equal((await manager.request('PATCH', `/api/incidents/${incident.id}`, { impact: 4, likelihood: 4 })).statusCode, 200);
  await until('the severity change in the channel', async () => mm.messagesIn(channel.id).find((m) => m.startsWith('Severity changed')));
  // The Sr. Director's DRI (the Incident Manager On Call: alice, filled from the rotation) gets the task by direct message.
  const direct = await until('a direct message to alice', async () =>
    [...mm.channels.values()].find((c) => c.type === 'D' && c.members.has(mm.userId('alice'))),
  );
  await until('the DRI task', async () => mm.messagesIn(direct.id).find((m) => m.startsWith('Task for you')));
});

test('the Mattermost slash command declares as the person with that user name, with the command token only', async () => {
  const command = (form: Record<string, string>) =>
    t.http.inject({
      method: 'POST',
      url: '/api/chat/mattermost/commands',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        channel_id: 'c1',
        team_id: mm.teamId,
        command: '/incident',
        response_url: 'https://mm.example.com/hooks/commands/x',
        user_id: 'u1',
        ...form,
      }).toString(),
    });
  const ok = await command({ token: 'mm-command-token-0123456789', user_name: 'alice', text: 'declare Suspicious OAuth app' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.match(ok.json().text, /^Declared incident #\d+: Suspicious OAuth app/);
  assert.equal(ok.json().response_type, 'ephemeral');
  assert.equal((await command({ token: 'wrong', user_name: 'alice', text: 'declare X' })).statusCode, 401);
  assert.match((await command({ token: 'mm-command-token-0123456789', user_name: 'mallory', text: 'declare X' })).json().text, /not linked/);
});
