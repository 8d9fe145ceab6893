// Done when: declaring an incident opens its chat channel (created, responders — declarer, role
// holders, named responders — invited, link
// posted in the security department channel, shown on the incident); key events and status
// updates are mirrored into it and reach engaged groups through their rule's channel; a chat API
// that is down is retried and the state is visible; a retry after the channel was created reuses
// it; permanent errors are recorded and dead-lettered; the Slack slash command declares for a
// linked person with a valid signature only; with no chat configured nothing is queued; a role
// handed over or a responder added later is invited; an on-call-role DRI's task goes to the holder.
// Against a local Slack Web API on loopback (test/support/fake-slack.ts). Runs on both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { FakeSlack } from '../support/fake-slack.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { STATUS_UPDATE } from '../support/status-update.ts';
import { until } from '../support/until.ts';
import { signSlackRequest } from '../../src/adapters/http/routes/chat.ts';
import { CHAT_POST_QUEUE, OPEN_CHANNEL_QUEUE } from '../../src/domains/chat/incident-channel.ts';
import { DEFAULT_STAKEHOLDER_RULES } from '../../src/domains/stakeholders/default-rules.ts';

const SIGNING_SECRET = 'slack-signing-secret-for-tests-0123456789';
let slack: FakeSlack;
let sink: SmtpSink;
let t: TestApp;
let admin: Client;
let manager: Client;
const ids: Record<string, string> = {};
const weekly = (participants: string[]) => ({
  name: 'Rotation',
  timeZone: 'UTC',
  handOver: { kind: 'weekly', weekday: 1, time: '09:00' },
  startDate: '2020-01-06',
  participants,
  overrides: [],
});

type ChatView = {
  configured: boolean;
  platform?: string;
  message: string;
  channel?: { state: string; name: string; channelId: string | null; url: string | null; error: string | null; retryAt: string | null } | null;
};

async function chatOf(id: string, as = manager): Promise<ChatView> {
  const res = await as.request('GET', `/api/incidents/${id}/chat`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ChatView;
}

const openChannel = (id: string) =>
  until(`incident ${id}'s channel to open`, async () => {
    const view = await chatOf(id);
    return view.channel?.state === 'open' ? view : null;
  });

async function declare(title: string, extra: Record<string, unknown> = {}) {
  const res = await manager.request('POST', '/api/incidents', { title, description: '', type: 'vulnerability', impact: 2, likelihood: 2, ...extra });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: string; number: number; title: string; engagements: { id: string; group: string }[] };
}

before(async () => {
  slack = await new FakeSlack().start();
  sink = await startSmtpSink();
  t = await startTestApp({
    env: {
      SMTP_URL: sink.url,
      SECDESK_INBOX_ADDRESS: 'security@secdesk.example.com',
      SECDESK_SLACK_TOKEN: slack.token,
      SECDESK_SLACK_API_URL: slack.url,
      SECDESK_SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SECDESK_CHAT_RETRY_SECONDS: '1',
      SECDESK_PUBLIC_URL: 'https://secdesk.example.com',
    },
  });
  await createUser(t.app, 'admin@example.com', ['admin']);
  await createUser(t.app, 'simoc@example.com', ['incident_manager']);
  await createUser(t.app, 'reader@example.com', ['read_only']);
  // On call: Erin as incident manager, Fred as security engineer; Gil and Hal respond when asked (Hal has no chat handle).
  for (const [key, email, roles, handle] of [
    ['erin', 'erin@example.com', ['incident_manager'], 'U0ERIN004'],
    ['fred', 'fred@example.com', ['security_engineer'], 'U0FRED005'],
    ['gil', 'gil@example.com', ['security_engineer'], 'U0GIL0006'],
    ['hal', 'hal@example.com', ['security_engineer'], null],
  ] as const) {
    ids[key] = (await createUser(t.app, email, [...roles])).id;
    if (handle) slack.users.add(handle);
  }
  admin = await signIn(t.http, 'admin@example.com');
  for (const [key, handle] of [
    ['erin', 'U0ERIN004'],
    ['fred', 'U0FRED005'],
    ['gil', 'U0GIL0006'],
  ]) {
    assert.equal((await admin.request('PUT', `/api/users/${ids[key!]}/chat-handle`, { handle })).statusCode, 204);
  }
  assert.equal((await admin.request('PUT', '/api/oncall/rotations/incident_manager', weekly([ids.erin!]))).statusCode, 200);
  assert.equal((await admin.request('PUT', '/api/oncall/rotations/security_engineer', weekly([ids.fred!]))).statusCode, 200);
  manager = await signIn(t.http, 'simoc@example.com');
  assert.equal((await manager.request('PUT', '/api/me/chat-handle', { handle: 'U0ALICE01' })).statusCode, 204);
  // The Sr. Director is reached by direct message; the e-group in #e-group.
  const contacts: Record<string, { name: string; handle?: string }[]> = { 'sr-director-of-security': [{ name: 'Dana Director', handle: 'U0DANA003' }] };
  // Legal is reached by email here.
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) => ({
    ...r,
    contacts: contacts[r.id] ?? [],
    ...(r.id === 'legal' ? { channel: { kind: 'email', target: 'legal@example.com' } } : {}),
  }));
  assert.equal((await admin.request('PUT', '/api/stakeholder-rules', { rules })).statusCode, 200);
});
after(async () => {
  await t?.close();
  await slack?.stop();
  await sink?.close();
});

test("a person sets their chat handle; a handle is one person's; an admin sets anyone's", async () => {
  const mine = await manager.request('GET', '/api/me/chat-handle');
  assert.deepEqual(mine.json(), { handle: 'U0ALICE01', platform: 'slack' });
  const reader = await signIn(t.http, 'reader@example.com');
  assert.equal((await reader.request('PUT', '/api/me/chat-handle', { handle: 'u0alice01' })).statusCode, 409);
  assert.equal((await reader.request('PUT', '/api/me/chat-handle', { handle: 'not a handle!' })).statusCode, 400);
  const readerId = (await reader.request('GET', '/api/me')).json().id as string;
  assert.equal((await reader.request('PUT', `/api/users/${readerId}/chat-handle`, { handle: 'U0BOB0002' })).statusCode, 403);
  assert.equal((await admin.request('PUT', `/api/users/${readerId}/chat-handle`, { handle: 'U0BOB0002' })).statusCode, 204);
  assert.equal((await reader.request('GET', '/api/me/chat-handle')).json().handle, 'U0BOB0002');
  assert.equal((await reader.request('GET', '/api/users/chat-handles')).statusCode, 403);
  const all = (await admin.request('GET', '/api/users/chat-handles')).json().items as { userId: string; handle: string }[];
  assert.deepEqual(all.map((h) => h.handle).sort(), ['U0ALICE01', 'U0BOB0002', 'U0ERIN004', 'U0FRED005', 'U0GIL0006']);
});

test('declaring opens the incident channel: created, responders invited, link in #security-department, shown on the incident', async () => {
  const incident = await declare('S3 bucket exposed!');
  const view = await openChannel(incident.id);
  assert.equal(view.message, 'incident channel: open');
  const name = `inc-${incident.number}-s3-bucket-exposed`;
  const channel = slack.channelNamed(name);
  assert.ok(channel, `channel ${name} created`);
  assert.equal(view.channel!.channelId, channel.id);
  assert.equal(view.channel!.url, `${slack.url.replace(/\/api$/, '')}/app_redirect?channel=${channel.id}`);
  assert.equal(channel.is_private, false);
  assert.ok(channel.members.has('U0ALICE01'), 'the declarer is invited');
  assert.ok(channel.members.has('U0FRED005'), 'the Security Engineer On Call, filled at declaration, is invited');
  assert.ok(!channel.members.has('U0ERIN004'), 'below high the incident manager is not engaged');
  assert.match(channel.topic, new RegExp(`Incident #${incident.number}: S3 bucket exposed!`));
  const announced = slack.messagesIn('security-department').find((m) => m.includes(`#${incident.number}`));
  assert.ok(announced, 'announced in #security-department');
  assert.ok(announced.includes(view.channel!.url!) && announced.includes(`https://secdesk.example.com/incidents/${incident.id}`), announced);
  // Every call carried the bot token; the timeline records the opening.
  const timeline = (await manager.request('GET', `/api/incidents/${incident.id}`)).json().timeline as { kind: string; summary: string }[];
  assert.ok(timeline.some((e) => e.kind === 'chat_channel_opened' && e.summary.includes(name)));
});

test('severity changes and status updates are mirrored into the channel; a direct_message group gets the update by DM, its DRI a task', async () => {
  const incident = await declare('Token leak');
  const view = await openChannel(incident.id);
  const channelId = view.channel!.channelId!;
  // High impact engages the Sr. Director of Security (direct message, DRI: the incident manager on call).
  assert.equal((await manager.request('PATCH', `/api/incidents/${incident.id}`, { impact: 4, likelihood: 4 })).statusCode, 200);
  assert.equal((await manager.request('POST', `/api/incidents/${incident.id}/updates`, STATUS_UPDATE)).statusCode, 201);
  const inChannel = await until('mirrored messages', async () => {
    const texts = slack.messagesIn(channelId);
    return texts.some((m) => m.startsWith('Severity changed')) && texts.some((m) => m.startsWith('Status update #1')) ? texts : null;
  });
  assert.ok(
    inChannel.some((m) => m.startsWith('Engaged Sr. Director of Security')),
    inChannel.join('\n'),
  );
  const severity = inChannel.findIndex((m) => m.startsWith('Severity changed'));
  const update = inChannel.findIndex((m) => m.startsWith('Status update #1'));
  assert.ok(severity < update, 'in the order they happened');
  assert.match(inChannel[update]!, /Current status: Investigating access logs/);
  const toDana = await until('the DM to the Sr. Director', async () =>
    slack.messagesIn('D0DANA003').find((m) => m.startsWith('To Sr. Director of Security: Status update #1')),
  );
  assert.match(toDana, /Next steps: Identify affected customers/);
  // The group's DRI is the Incident Manager On Call: the task goes to whoever holds that role (Erin, from the rotation), not the declarer.
  const task = await until('the DRI task by DM', async () =>
    slack.messagesIn('D0ERIN004').find((m) => m.startsWith('Task for you') && m.includes('Engaged Sr. Director of Security')),
  );
  assert.match(task, /^Task for you \(Security Incident Manager On Call\b/);
  assert.ok(!slack.messagesIn('D0ALICE01').some((m) => m.startsWith('Task for you')), 'the declarer is no stand-in any more');
  // Erin, filled when the plan engaged her role, is invited into the open channel.
  await until('Erin in the channel', async () => slack.channels.get(channelId)!.members.has('U0ERIN004'));
  // Each message once, however often its job runs.
  assert.equal(slack.messagesIn(channelId).filter((m) => m.startsWith('Status update #1')).length, 1);
});

test('a status update reaches a channel group in its named channel and an email group by mail, once each', async () => {
  const incident = await declare('Customer export bucket readable', {
    type: 'data_breach',
    impact: 4,
    likelihood: 4,
    facts: { dataBreach: true, personalDataExposed: true },
  });
  assert.deepEqual(incident.engagements.map((e) => e.group).sort(), ['Broader e-group', 'Legal', 'Sr. Director of Security']);
  await openChannel(incident.id);
  assert.equal((await manager.request('POST', `/api/incidents/${incident.id}/updates`, STATUS_UPDATE)).statusCode, 201);
  const inEGroup = await until('the update in #e-group', async () =>
    slack.messagesIn('e-group').find((m) => m.startsWith('To Broader e-group: Status update #1')),
  );
  assert.match(inEGroup, /Mitigation: Bucket made private/);
  const mail = await until('the mail to Legal', async () => sink.received.find((m) => m.subject?.includes(`Incident #${incident.number}`)));
  assert.equal(mail.subject, `[secdesk] Incident #${incident.number}: Customer export bucket readable — status update #1`);
  assert.deepEqual(
    (mail.to && !Array.isArray(mail.to) ? mail.to.value : []).map((a) => a.address),
    ['legal@example.com'],
  );
  assert.match(mail.text ?? '', /^To Legal:\n\nStatus update #1/);
  assert.match(mail.text ?? '', /Current status: Investigating access logs/);
  // The timeline says where the update actually went, group by group.
  const timeline = (await manager.request('GET', `/api/incidents/${incident.id}`)).json().timeline as { kind: string; summary: string }[];
  const published = timeline.find((e) => e.kind === 'status_update')!.summary;
  assert.match(published, /^Status update #1 published\. Delivered to the incident's channel; /);
  assert.match(published, /Broader e-group \(#e-group\)/);
  assert.match(published, /Legal \(email to legal@example\.com\)/);
  assert.match(published, /Sr\. Director of Security \(direct message to Dana/);
  assert.doesNotMatch(published, /Not delivered/);
  assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
  // The Sr. Director (Legal's and the e-group's DRI) is told by DM to engage them.
  await until('the DRI task for the e-group', async () =>
    slack.messagesIn('D0DANA003').find((m) => m.startsWith('Task for you') && m.includes('Broader e-group')),
  );
  assert.equal(sink.received.filter((m) => m.subject?.includes(`Incident #${incident.number}`)).length, 1);
});

test('a role handed over or a responder added later is invited; a responder without a handle is noted', async () => {
  const incident = await declare('Credential stuffing');
  const view = await openChannel(incident.id);
  const members = () => slack.channels.get(view.channel!.channelId!)!.members;
  assert.ok(!members().has('U0GIL0006') && !members().has('U0BOB0002'));
  const handOver = await manager.request('POST', `/api/incidents/${incident.id}/roles/security_engineer/handover`, {
    to: ids.gil,
    note: 'Gil knows the login service',
  });
  assert.equal(handOver.statusCode, 204, handOver.body);
  await until('Gil, the new Security Engineer On Call, in the channel', async () => members().has('U0GIL0006'));
  assert.ok(members().has('U0FRED005'), 'the one handing over stays (still a responder)');
  const readerId = (await admin.request('GET', '/api/users?limit=100')).json().items.find((u: { email: string }) => u.email === 'reader@example.com')
    .id as string;
  assert.equal((await manager.request('POST', `/api/incidents/${incident.id}/responders`, { userId: readerId })).statusCode, 204);
  await until('Bob, added as a responder, in the channel', async () => members().has('U0BOB0002'));
  assert.equal((await manager.request('POST', `/api/incidents/${incident.id}/responders`, { userId: ids.hal })).statusCode, 204);
  const note = await until('the note about Hal', async () => {
    const timeline = (await manager.request('GET', `/api/incidents/${incident.id}`)).json().timeline as { kind: string; summary: string }[];
    return timeline.find((e) => e.kind === 'chat_invite_failed');
  });
  assert.equal(note.summary, 'Could not invite hal to the incident channel: no chat handle');
  // Each invitation once: Gil and Bob were invited by one call each.
  const invites = slack.callsOf('conversations.invite').filter((c) => c.args.channel === view.channel!.channelId);
  assert.equal(invites.filter((c) => String(c.args.users) === 'U0GIL0006').length, 1);
  assert.equal(invites.filter((c) => String(c.args.users) === 'U0BOB0002').length, 1);
});

test('a chat API that is down: the opening is retried, the state says so, and it opens when Slack is back', async () => {
  slack.setDown(true);
  const incident = await declare('Down during declaration');
  const failing = await until('the failure to show', async () => {
    const view = await chatOf(incident.id);
    return view.channel?.error ? view : null;
  });
  assert.equal(failing.channel!.state, 'creating');
  assert.match(failing.message, /^incident channel: creating… \(last attempt failed: Slack is unreachable .*retrying at about \d\d:\d\d UTC\)$/);
  assert.ok(failing.channel!.retryAt);
  slack.setDown(false);
  const view = await openChannel(incident.id);
  assert.equal(view.channel!.error, null);
  assert.ok(slack.channelNamed(`inc-${incident.number}-down-during-declaration`));
});

test('HTTP 500 and 429 answers are retried', async () => {
  slack.failNext(1, 'http_500', 'conversations.create');
  slack.failNext(1, 'http_429', 'conversations.create');
  const incident = await declare('Flaky Slack');
  await openChannel(incident.id);
  assert.ok(slack.channelNamed(`inc-${incident.number}-flaky-slack`));
});

test('a retry after the channel was created reuses it (Slack answers name_taken): no second channel', async () => {
  slack.loseAnswer('conversations.create');
  const incident = await declare('Lost answer');
  const view = await openChannel(incident.id);
  const name = `inc-${incident.number}-lost-answer`;
  assert.equal([...slack.channels.values()].filter((c) => c.name === name).length, 1);
  assert.equal(slack.callsOf('conversations.create').filter((c) => c.args.name === name).length, 2);
  assert.ok(slack.callsOf('conversations.list').length >= 1);
  assert.equal(view.channel!.channelId, slack.channelNamed(name)!.id);
  // A restricted incident's title stays out of chat, and its channel is private.
  const restricted = await declare('Insider at payroll', { visibility: 'restricted' });
  await openChannel(restricted.id);
  const privateChannel = slack.channelNamed(`inc-${restricted.number}-restricted`);
  assert.ok(privateChannel?.is_private);
  assert.ok(!slack.messages.some((m) => m.text.includes('payroll')));
});

test('a permanent error (invalid_auth) fails the channel with its reason and lands in the dead letters', async () => {
  slack.failNext(1, 'invalid_auth', 'conversations.create');
  const incident = await declare('Bad token');
  const view = await until('the failure', async () => {
    const v = await chatOf(incident.id);
    return v.channel?.state === 'failed' ? v : null;
  });
  assert.equal(view.message, 'incident channel: failed: Slack conversations.create: invalid_auth (an admin can retry it under Admin → Jobs)');
  const dead = await until('the dead letter', async () => {
    const res = await admin.request('GET', '/api/admin/jobs/dead-letters');
    return (res.json().items as { originalQueue: string; data: { incidentId: string }; error: string }[]).find(
      (d) => d.originalQueue === OPEN_CHANNEL_QUEUE && d.data.incidentId === incident.id,
    );
  });
  assert.match(dead.error, /invalid_auth/);
});

async function slashCommand(form: Record<string, string>, options: { secret?: string; age?: number; signature?: string } = {}) {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T0001',
    command: '/incident',
    response_url: 'https://hooks.slack.com/commands/T0001/1/x',
    trigger_id: '1.2.3',
    ...form,
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000) - (options.age ?? 0));
  const signature = options.signature ?? signSlackRequest(options.secret ?? SIGNING_SECRET, timestamp, body);
  return t.http.inject({
    method: 'POST',
    url: '/api/chat/slack/commands',
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
  });
}

test('the Slack slash command declares as the linked person with a valid signature only', async () => {
  const res = await slashCommand({ user_id: 'U0ALICE01', text: 'declare Phishing wave against support' });
  assert.equal(res.statusCode, 200, res.body);
  const answer = res.json() as { response_type: string; text: string };
  assert.equal(answer.response_type, 'ephemeral');
  const match = /Declared incident #(\d+): Phishing wave against support .*https:\/\/secdesk\.example\.com\/incidents\/([0-9a-f-]{36})/.exec(answer.text);
  assert.ok(match, answer.text);
  const incident = (await manager.request('GET', `/api/incidents/${match[2]}`)).json();
  assert.equal(incident.title, 'Phishing wave against support');
  await openChannel(match[2]!);
  const audit = (await admin.request('GET', '/api/audit?limit=50')).json().items as { action: string; actorLabel?: string; actor?: string }[];
  assert.ok(audit.some((a) => a.action === 'incident.declared' && JSON.stringify(a).includes('simoc@example.com (via Slack)')));

  assert.equal((await slashCommand({ user_id: 'U0ALICE01', text: 'declare X' }, { secret: 'wrong-secret' })).statusCode, 401);
  assert.equal((await slashCommand({ user_id: 'U0ALICE01', text: 'declare X' }, { age: 600 })).statusCode, 401);
  assert.equal((await slashCommand({ user_id: 'U0ALICE01', text: 'declare X' }, { signature: 'v0=00' })).statusCode, 401);
  const unknown = await slashCommand({ user_id: 'U0NOBODY9', text: 'declare X' });
  assert.equal(unknown.statusCode, 200);
  assert.match(unknown.json().text, /not linked to a secdesk account/);
  // A linked person without incident response rights is refused politely.
  const reader = await slashCommand({ user_id: 'U0BOB0002', text: 'declare X' });
  assert.match(reader.json().text, /may not declare incidents/);
  assert.match((await slashCommand({ user_id: 'U0ALICE01', text: 'help' })).json().text, /^Usage: \/incident declare <title>/);
});

test('a direct message Slack refuses (unknown user) is noted on the timeline and dead-lettered; the others still go', async () => {
  const contacts = [
    { name: 'Dana Director', handle: 'U0DANA003' },
    { name: 'Ghost', handle: 'U0GHOST99' },
  ];
  const rules = DEFAULT_STAKEHOLDER_RULES.map((r) => (r.id === 'sr-director-of-security' ? { ...r, contacts } : r));
  assert.equal((await admin.request('PUT', '/api/stakeholder-rules', { rules })).statusCode, 200);
  const incident = await declare('Ghost contact', { impact: 4, likelihood: 4 });
  await openChannel(incident.id);
  const toDanaBefore = slack.messagesIn('D0DANA003').filter((m) => m.startsWith('To Sr. Director of Security')).length;
  assert.equal((await manager.request('POST', `/api/incidents/${incident.id}/updates`, STATUS_UPDATE)).statusCode, 201);
  const note = await until('the failure on the timeline', async () => {
    const timeline = (await manager.request('GET', `/api/incidents/${incident.id}`)).json().timeline as { kind: string; summary: string }[];
    return timeline.find((e) => e.kind === 'chat_message_failed');
  });
  assert.equal(note.summary, 'Chat message to U0GHOST99 (direct message) failed: Slack conversations.open: user_not_found');
  await until(
    'the update to Dana all the same',
    async () => slack.messagesIn('D0DANA003').filter((m) => m.startsWith('To Sr. Director of Security')).length > toDanaBefore,
  );
  await until('the dead letter', async () => {
    const items = (await admin.request('GET', '/api/admin/jobs/dead-letters')).json().items as {
      originalQueue: string;
      data: { target?: { handle?: string } };
    }[];
    return items.find((d) => d.originalQueue === CHAT_POST_QUEUE && d.data.target?.handle === 'U0GHOST99');
  });
});

test('with no chat configured nothing is queued and the page says the timeline is the activity feed', async () => {
  const plain = await startTestApp();
  try {
    await createUser(plain.app, 'simoc@example.com', ['incident_manager']);
    const who = await signIn(plain.http, 'simoc@example.com');
    const res = await who.request('POST', '/api/incidents', { title: 'Quiet', description: '', type: 'other', impact: 4, likelihood: 4 });
    assert.equal(res.statusCode, 201);
    const id = res.json().id as string;
    assert.equal((await who.request('PATCH', `/api/incidents/${id}`, { impact: 5 })).statusCode, 200);
    assert.deepEqual((await who.request('GET', `/api/incidents/${id}/chat`)).json(), {
      configured: false,
      message: 'no chat configured; the timeline is the activity feed',
    });
    assert.equal((await plain.app.jobs.boss.findJobs(OPEN_CHANNEL_QUEUE)).length, 0);
    assert.equal((await plain.app.jobs.boss.findJobs(CHAT_POST_QUEUE)).length, 0);
    assert.equal(
      (
        await plain.http.inject({
          method: 'POST',
          url: '/api/chat/slack/commands',
          payload: 'text=declare+x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
      404,
    );
  } finally {
    await plain.close();
  }
});
