// Settings an admin changes in the app (Admin → Setup), end to end: saved, refused when bad (400
// naming the setting) or when the environment sets it (409 naming the variable), audited with the
// relay's password redacted, cleared back to the default, and in force without a restart: a relay
// saved in the app carries the next reply to a real loopback SMTP sink, and a security address saved
// in the app receives mail and signs the next reply. Admins only (sessions and scoped tokens). Both engines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtpReceiver, type SmtpReceiver } from '../../src/adapters/mail/smtp-receiver.ts';
import { OUTBOX_QUEUES } from '../../src/app/legacy-outbox.ts';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { openRawSmtp } from '../support/raw-smtp.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let receiver: SmtpReceiver;
let admin: Client;
let analyst: Client;

before(async () => {
  sink = await startSmtpSink();
  // The team name comes from the environment: it wins, and the app refuses to change it.
  t = await startTestApp({ env: { SECDESK_TEAM_NAME: 'Field Security' } });
  for (const name of OUTBOX_QUEUES) await t.app.jobs.define({ name, retryLimit: 2, retryDelaySeconds: 1 });
  receiver = await startSmtpReceiver(t.config, t.app.services.mailIntake, t.app.logger, () => t.app.services.mailIdentity.address);
  await createUser(t.app, 'lead@example.com', ['admin']);
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  admin = await signIn(t.http, 'lead@example.com');
  analyst = await signIn(t.http, 'analyst@example.com');
});
after(async () => {
  await receiver.close();
  await t.close();
  await sink.close();
});

type Setting = { key: string; label: string; value: string | null; source: string; updatedBy: string | null };
const settings = async () => {
  const res = await admin.request('GET', '/api/settings');
  assert.equal(res.statusCode, 200, res.body);
  return Object.fromEntries((res.json().items as Setting[]).map((s) => [s.key, s]));
};
const put = (key: string, value: string, client = admin) => client.request('PUT', `/api/settings/${key}`, { value });
const checklist = async () =>
  Object.fromEntries(
    (
      (await admin.request('GET', '/api/setup/checklist')).json().items as {
        id: string;
        state: string;
        detail: string;
        fix: Record<string, string> | null;
        settings: string[];
      }[]
    ).map((i) => [i.id, i]),
  );
const audit = () =>
  t.app.database.db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'before', 'after', 'actor_label'])
    .where('entity_type', '=', 'setting')
    .orderBy('seq')
    .execute();

let sequence = 0;
async function mailIn(to: string, subject: string): Promise<{ ticket: { id: string } } | { refused: string }> {
  const smtp = await openRawSmtp(receiver.port());
  try {
    assert.match(await smtp.command('MAIL FROM:<rita@reporter.example>'), /^250/);
    const rcpt = await smtp.command(`RCPT TO:<${to}>`);
    if (!rcpt.startsWith('250')) return { refused: rcpt };
    const raw = Buffer.from(
      [`From: Rita <rita@reporter.example>`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: <in-${++sequence}@reporter.example>`, '', 'A question.', ''].join(
        '\r\n',
      ),
    );
    const { reply } = await smtp.data(raw);
    const number = Number(/ticket (\d+)/.exec(reply)?.[1]);
    const ticket = (await analyst.request('GET', '/api/tickets?limit=200')).json().items.find((i: { number: number }) => i.number === number);
    assert.ok(ticket, reply);
    return { ticket: ticket as { id: string } };
  } finally {
    smtp.close();
  }
}
const reply = async (ticketId: string, subject: string) => {
  const res = await analyst.request('POST', `/api/tickets/${ticketId}/disposition`, { kind: 'reply', body: 'Thanks, we are on it.' });
  assert.equal(res.statusCode, 202, res.body);
  return waitFor(() => sink.received.find((m) => (m.subject ?? '').includes(subject)), `the reply about ${subject} at the relay`);
};

test(`each editable setting shows its value in force and where it comes from; the environment's wins (${TEST_ENGINE})`, async () => {
  const s = await settings();
  assert.deepEqual(Object.keys(s), [
    'SECDESK_PUBLIC_URL',
    'SECDESK_INBOX_ADDRESS',
    'SECDESK_TEAM_NAME',
    'SMTP_URL',
    'SECDESK_TIME_ZONE',
    'SECDESK_HOLIDAYS',
    'SECDESK_SUPPORT_ADDRESS',
    'SECDESK_BUG_BOUNTY_URL',
    'SECDESK_DISCLOSURE_POLICY_URL',
    'SECDESK_DMCA_POLICY_URL',
    'SECDESK_DMCA_ADDRESS',
  ]);
  assert.deepEqual(s.SMTP_URL, { key: 'SMTP_URL', label: 'Outgoing mail relay', value: null, source: 'default', updatedBy: null, updatedAt: null });
  assert.equal(s.SECDESK_TIME_ZONE!.value, 'America/New_York');
  assert.equal(s.SECDESK_TEAM_NAME!.source, 'environment');
  assert.equal(s.SECDESK_TEAM_NAME!.value, 'Field Security');

  const refused = await put('SECDESK_TEAM_NAME', 'Other Team');
  assert.equal(refused.statusCode, 409, refused.body);
  assert.match(refused.json().error.message, /Team name is set by the environment: SECDESK_TEAM_NAME/);
  assert.equal((await admin.request('DELETE', '/api/settings/SECDESK_TEAM_NAME')).statusCode, 409);
  assert.match((await checklist()).security_address!.fix!.where ?? '', /README → Configuration/, 'a setting the environment holds is fixed there');
});

test(`bad values are refused naming the setting, and nothing is saved (${TEST_ENGINE})`, async () => {
  for (const [key, value, message] of [
    ['SMTP_URL', 'http://mail.example.com', /Outgoing mail relay \(SMTP_URL\): must match pattern/],
    ['SECDESK_TIME_ZONE', 'Mars/Olympus', /Time zone \(SECDESK_TIME_ZONE\): "Mars\/Olympus" is not a time zone/],
    ['SECDESK_HOLIDAYS', 'XX', /Public holidays \(SECDESK_HOLIDAYS\): "XX": unknown country/],
    ['SECDESK_INBOX_ADDRESS', 'not an address', /Security address \(SECDESK_INBOX_ADDRESS\)/],
    ['SECDESK_PUBLIC_URL', 'ftp://secdesk.example.com', /Public URL \(SECDESK_PUBLIC_URL\)/],
    ['SECDESK_SUPPORT_ADDRESS', '   ', /Support address \(SECDESK_SUPPORT_ADDRESS\) needs a value/],
    ['SECDESK_DISCLOSURE_POLICY_URL', 'example.com/disclosure', /Disclosure policy \(SECDESK_DISCLOSURE_POLICY_URL\): must match pattern/],
    ['SECDESK_DMCA_ADDRESS', 'legal team', /DMCA address \(SECDESK_DMCA_ADDRESS\): must match pattern/],
  ] as const) {
    const res = await put(key, value);
    assert.equal(res.statusCode, 400, `${key}: ${res.body}`);
    assert.match(res.json().error.message, message);
  }
  const unknown = await put('SECDESK_ADMIN_PASSWORD', 'hunter2hunter2');
  assert.equal(unknown.statusCode, 404, unknown.body);
  assert.match(unknown.json().error.message, /setting SECDESK_ADMIN_PASSWORD \(the settings changed in Admin → Setup: .*SMTP_URL.*\) not found/);
  assert.deepEqual(await t.app.database.db.selectFrom('settings').selectAll().execute(), []);
  assert.deepEqual(await audit(), []);
});

test(`the relay saved in the app is redacted, audited without its password, and carries the next reply without a restart (${TEST_ENGINE})`, async () => {
  const before = await checklist();
  assert.equal(before.relay!.state, 'missing');
  assert.deepEqual(before.relay!.fix, { setting: 'SMTP_URL', where: 'Admin → Setup' });
  assert.deepEqual(before.relay!.settings, ['SMTP_URL']);

  assert.equal((await put('SMTP_URL', 'smtp://relay-user:s3cret-pass@127.0.0.1:9')).statusCode, 204);
  const secret = (await settings()).SMTP_URL!;
  assert.equal(secret.value, 'smtp://relay-user:****@127.0.0.1:9');
  assert.equal(secret.source, 'database');
  assert.equal(secret.updatedBy, 'lead@example.com');
  const saved = await t.app.database.db.selectFrom('settings').select(['value', 'updated_by']).where('key', '=', 'SMTP_URL').executeTakeFirstOrThrow();
  assert.equal(saved.value, 'smtp://relay-user:s3cret-pass@127.0.0.1:9', 'the relay needs the password itself');

  assert.equal((await put('SMTP_URL', sink.url)).statusCode, 204);
  const entries = await audit();
  assert.doesNotMatch(JSON.stringify(entries), /s3cret-pass/, 'the password is never audited');
  assert.deepEqual(
    entries.map((e) => [e.action, e.entity_id, e.actor_label]),
    [
      ['setting.saved', 'SMTP_URL', 'lead@example.com'],
      ['setting.saved', 'SMTP_URL', 'lead@example.com'],
    ],
  );
  assert.deepEqual(entries[0]!.after, { value: 'smtp://relay-user:****@127.0.0.1:9' });
  assert.deepEqual(entries[1]!.before, { value: 'smtp://relay-user:****@127.0.0.1:9' });
  assert.equal((await checklist()).relay!.state, 'done', 'the checklist follows the saved relay');

  // The security address saved in the app: the SMTP receiver takes mail for it, and replies come from it.
  assert.equal((await put('SECDESK_INBOX_ADDRESS', 'security@secdesk.example')).statusCode, 204);
  const first = await mailIn('security@secdesk.example', 'First question');
  assert.ok('ticket' in first, JSON.stringify(first));
  const mail = await reply(first.ticket.id, 'First question');
  assert.equal(mail.from?.value[0]?.address, 'security@secdesk.example');
  assert.equal(mail.from?.value[0]?.name, 'Field Security');
  assert.match(mail.messageId ?? '', /@secdesk\.example>$/);

  assert.equal((await put('SECDESK_INBOX_ADDRESS', 'desk@secdesk.example')).statusCode, 204);
  const old = await mailIn('security@secdesk.example', 'To the old address');
  assert.ok('refused' in old && /^550/.test(old.refused), 'the old address no longer receives');
  const second = await mailIn('desk@secdesk.example', 'Second question');
  assert.ok('ticket' in second, JSON.stringify(second));
  const next = await reply(second.ticket.id, 'Second question');
  assert.equal(next.from?.value[0]?.address, 'desk@secdesk.example', 'the next mail is from the new address');
});

test(`the test mail goes through the relay saved in the app; clearing it brings back the default (${TEST_ENGINE})`, async () => {
  const sent = await admin.request('POST', '/api/setup/test-mail');
  assert.equal(sent.statusCode, 200, sent.body);
  assert.equal(sent.json().delivered, true, sent.body);
  await waitFor(() => sink.received.find((m) => m.subject === 'secdesk test mail'), 'the test mail at the relay');

  assert.equal((await put('SECDESK_TIME_ZONE', 'Europe/Berlin')).statusCode, 204);
  assert.equal((await put('SECDESK_HOLIDAYS', 'de-by')).statusCode, 204);
  assert.equal(t.app.services.calendar.settings.timeZone, 'Europe/Berlin', 'the team calendar follows at once');
  assert.equal(t.app.services.calendar.holidayOn('2026-01-06'), 'Heilige Drei Könige');
  assert.equal((await checklist()).calendar!.state, 'done');

  assert.equal((await admin.request('DELETE', '/api/settings/SMTP_URL')).statusCode, 204);
  assert.equal((await admin.request('DELETE', '/api/settings/SMTP_URL')).statusCode, 204, 'clearing twice changes nothing');
  const s = await settings();
  assert.equal(s.SMTP_URL!.source, 'default');
  assert.equal(s.SMTP_URL!.value, null);
  assert.equal((await checklist()).relay!.state, 'missing');
  const noRelay = await admin.request('POST', '/api/setup/test-mail');
  assert.equal(noRelay.statusCode, 400);
  assert.match(noRelay.json().error.message, /set the outgoing mail relay \(SMTP_URL\) in Admin → Setup/);
  const cleared = (await audit()).at(-1)!;
  assert.equal(cleared.action, 'setting.cleared');
  assert.deepEqual(cleared.before, { value: sink.url });
});

test(`only admins read and change settings, by session or by a token scoped users.manage (${TEST_ENGINE})`, async () => {
  assert.equal((await analyst.request('GET', '/api/settings')).statusCode, 403);
  assert.equal((await put('SECDESK_SUPPORT_ADDRESS', 'help@support.example', analyst)).statusCode, 403);
  assert.equal((await analyst.request('DELETE', '/api/settings/SECDESK_SUPPORT_ADDRESS')).statusCode, 403);
  const tokenFor = async (scopes: string[]) => {
    const res = await admin.request('POST', '/api/me/tokens', { name: scopes.join(' '), scopes });
    assert.equal(res.statusCode, 201, res.body);
    return { authorization: `Bearer ${res.json().token as string}` };
  };
  const manage = await tokenFor(['users.manage']);
  const other = await tokenFor(['tickets.read']);
  const withToken = (headers: Record<string, string>, method: 'GET' | 'PUT', url: string, payload?: object) =>
    t.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  assert.equal((await withToken(other, 'GET', '/api/settings')).statusCode, 403);
  assert.equal((await withToken(other, 'PUT', '/api/settings/SECDESK_SUPPORT_ADDRESS', { value: 'help@support.example' })).statusCode, 403);
  assert.equal((await withToken(manage, 'GET', '/api/settings')).statusCode, 200);
  const saved = await withToken(manage, 'PUT', '/api/settings/SECDESK_SUPPORT_ADDRESS', { value: 'help@support.example' });
  assert.equal(saved.statusCode, 204, saved.body);
  assert.equal((await settings()).SECDESK_SUPPORT_ADDRESS!.value, 'help@support.example');
});

test(`the support address saved in the app is where the next redirect to Support goes, and what the requester is told (${TEST_ENGINE})`, async () => {
  assert.equal((await put('SMTP_URL', sink.url)).statusCode, 204);
  assert.equal((await put('SECDESK_SUPPORT_ADDRESS', 'desk@support.example')).statusCode, 204);
  const mail = await mailIn('desk@secdesk.example', 'Locked out');
  assert.ok('ticket' in mail, JSON.stringify(mail));
  const res = await analyst.request('POST', `/api/tickets/${mail.ticket.id}/disposition`, { kind: 'redirect:support' });
  assert.equal(res.statusCode, 202, res.body);
  const forward = await waitFor(
    () => sink.received.find((m) => JSON.stringify(m.to).includes('desk@support.example') && (m.subject ?? '').includes('Locked out')),
    'the forward to the saved support address',
  );
  assert.equal(forward.from?.value[0]?.address, 'desk@secdesk.example');
  const told = await waitFor(
    () => sink.received.find((m) => JSON.stringify(m.to).includes('rita@reporter.example') && (m.subject ?? '').includes('Locked out')),
    'the requester told',
  );
  assert.match(told.text ?? '', /desk@support\.example/, 'the template names the saved support address');
});

test(`the reply policy links warn while they are placeholders; the disclosure policy saved in the app is in the next vulnerability reply (${TEST_ENGINE})`, async () => {
  const before = (await checklist()).policy_links!;
  assert.equal(before.state, 'warning');
  assert.deepEqual(before.settings, ['SECDESK_BUG_BOUNTY_URL', 'SECDESK_DISCLOSURE_POLICY_URL', 'SECDESK_DMCA_POLICY_URL', 'SECDESK_DMCA_ADDRESS']);
  assert.deepEqual(before.fix, {
    setting: 'SECDESK_BUG_BOUNTY_URL, SECDESK_DISCLOSURE_POLICY_URL, SECDESK_DMCA_POLICY_URL, SECDESK_DMCA_ADDRESS',
    where: 'Admin → Setup',
  });
  assert.match(before.detail, /Disclosure policy \(https:\/\/example\.com\/security\/disclosure\/\)/);
  assert.match(before.detail, /placeholder links in the vulnerability, out-of-scope and copyright replies/);

  const mail = await mailIn(t.app.services.mailIdentity.address, 'Stored XSS');
  assert.ok('ticket' in mail, JSON.stringify(mail));
  const preview = async () => {
    const res = await analyst.request('POST', `/api/tickets/${mail.ticket.id}/disposition/preview`, { kind: 'redirect:vulnerability' });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().mails[0].body as string;
  };
  assert.match(await preview(), /https:\/\/example\.com\/security\/disclosure\//);
  assert.equal((await put('SECDESK_DISCLOSURE_POLICY_URL', 'https://secdesk.example/security/disclosure')).statusCode, 204);
  const body = await preview();
  assert.match(body, /https:\/\/secdesk\.example\/security\/disclosure/, 'the next reply links the saved policy');
  assert.doesNotMatch(body, /example\.com\/security/);
  const partly = (await checklist()).policy_links!;
  assert.equal(partly.state, 'warning');
  assert.doesNotMatch(partly.detail, /Disclosure policy/);
  assert.equal(partly.fix!.setting, 'SECDESK_BUG_BOUNTY_URL, SECDESK_DMCA_POLICY_URL, SECDESK_DMCA_ADDRESS');

  assert.equal((await put('SECDESK_BUG_BOUNTY_URL', 'https://bounty.secdesk.example/programme')).statusCode, 204);
  assert.equal((await put('SECDESK_DMCA_POLICY_URL', 'https://secdesk.example/legal/dmca')).statusCode, 204);
  assert.equal((await put('SECDESK_DMCA_ADDRESS', 'dmca@secdesk.example')).statusCode, 204);
  const done = (await checklist()).policy_links!;
  assert.equal(done.state, 'done', done.detail);
  assert.equal(done.fix, null);
  assert.match(await preview(), /https:\/\/bounty\.secdesk\.example\/programme/);
});
