// Paging by mail: with SMTP_URL set, the Security Engineer On Call filled at declaration gets the
// page in the app and by mail through the outbox job, over real SMTP on loopback. Links in the mail
// are absolute, on SECDESK_PUBLIC_URL (its trailing slash and path kept once).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { createUser, signIn } from '../support/session.ts';
import { SYSTEM_ACTOR } from '../../src/authz/authorize.ts';
import { mailsWithRelativeLinks } from '../support/mail-links.ts';

let sink: SmtpSink;
let t: TestApp;
before(async () => {
  sink = await startSmtpSink();
  t = await startTestApp({
    env: { SECDESK_INBOX_ADDRESS: 'security@secdesk.example', SMTP_URL: sink.url, SECDESK_PUBLIC_URL: 'https://secdesk.example/desk/' },
  });
});
after(async () => {
  await t?.close();
  await sink?.close();
});

test('declaring pages the engineer on call in the app and by mail', async () => {
  const engineer = await createUser(t.app, 'oncall-engineer@example.com', ['security_engineer']);
  await createUser(t.app, 'manager@example.com', ['incident_manager']);
  await t.app.services.oncall.save({ actor: SYSTEM_ACTOR }, 'security_engineer', {
    name: 'SEOC',
    timeZone: 'UTC',
    handOver: { kind: 'daily', time: '00:00' },
    startDate: '2020-01-01',
    participants: [engineer.id],
    overrides: [],
  });
  const manager = await signIn(t.http, 'manager@example.com');
  const declared = await manager.request('POST', '/api/incidents', {
    title: 'Webhook secret leaked',
    description: '',
    type: 'data_breach',
    impact: 2,
    likelihood: 2,
  });
  assert.equal(declared.statusCode, 201, declared.body);
  const number = declared.json().number;
  const mail = await waitFor(
    () => sink.received.find((m) => m.subject === `[secdesk] Paged as Security Engineer On Call: incident #${number}`),
    'the page by mail',
  );
  assert.equal((mail.to as { text: string }).text, 'oncall-engineer@example.com');
  assert.match(mail.text ?? '', /Webhook secret leaked/);
  assert.ok((mail.text ?? '').includes(`Open it in secdesk: https://secdesk.example/desk/incidents/${declared.json().id}`), mail.text);
  assert.deepEqual(mailsWithRelativeLinks(sink.received), [], 'every link in mail is absolute');
  const inApp = (await (await signIn(t.http, 'oncall-engineer@example.com')).request('GET', '/api/me/notifications')).json();
  assert.equal(inApp.items.filter((n: { kind: string }) => n.kind === 'incident_page').length, 1);
});
