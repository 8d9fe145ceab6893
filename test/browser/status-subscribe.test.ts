// In real Chromium, without JavaScript, as a visitor of the public status page: subscribe with the
// page's form, confirm from the mail's link (the link only shows a button; the button confirms),
// receive the next published update at the local SMTP sink with RFC 8058 headers, unsubscribe from
// the mail's link in one click, and receive nothing more.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParsedMail } from 'mailparser';
import { createUser, signIn, type Client } from '../support/session.ts';
import { freePort } from '../support/net.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';
import { startRig, type BrowserRig } from './support.ts';

const VISITOR = 'visitor@example.net';
let rig: BrowserRig;
let sink: SmtpSink;
let cmoc: Client;
let incidentId: string;

before(async () => {
  sink = await startSmtpSink();
  const port = await freePort();
  rig = await startRig(
    { SMTP_URL: sink.url, SECDESK_PUBLIC_URL: `http://127.0.0.1:${port}`, SECDESK_STATUS_MAIL_FROM: 'status@example.com', SECDESK_STATUS_NAME: 'Example Corp' },
    port,
  );
  await createUser(rig.t.app, 'cmoc@example.com', ['communications_manager']);
  cmoc = await signIn(rig.t.http, 'cmoc@example.com');
  const declared = await cmoc.request('POST', '/api/incidents', { title: 'Slow sign-in', description: '', type: 'other', impact: 4, likelihood: 4 });
  assert.equal(declared.statusCode, 201, declared.body);
  incidentId = declared.json().id;
});
after(async () => {
  await rig?.close();
  await sink?.close();
});

function mailsTo(address: string, subjectPart: string): ParsedMail[] {
  return sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((v) => v.address === address) && (m.subject ?? '').includes(subjectPart));
}

function linkIn(mail: ParsedMail, path: string): string {
  const link = new RegExp(`${rig.url.replace(/[.]/g, '\\.')}${path}/[^\\s>]+`).exec(mail.text ?? '');
  assert.ok(link, `a ${path} link in: ${mail.text}`);
  return link[0];
}

async function publish(body: string): Promise<void> {
  const res = await cmoc.request('POST', `/api/statuspage/incidents/${incidentId}/updates`, {
    status: 'investigating',
    title: 'Slow sign-in for some users',
    body,
  });
  assert.equal(res.statusCode, 201, res.body);
}

test('a visitor subscribes on /status, confirms, receives the next update and unsubscribes in one click', async () => {
  const visitor = await rig.browser.newContext({ baseURL: rig.url, javaScriptEnabled: false });
  const page = await visitor.newPage();
  await publish('We are looking into slow sign-ins.');
  await page.goto('/status');
  await page.getByLabel('Email address').fill(VISITOR);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();

  const confirmation = await waitFor(() => mailsTo(VISITOR, 'Confirm your subscription')[0], 'the confirmation mail');
  await page.goto(linkIn(confirmation, '/status/subscriptions/confirm'));
  await page.getByRole('heading', { name: 'Confirm your subscription' }).waitFor();
  await page.getByRole('button', { name: 'Confirm subscription' }).click();
  await page.getByText(`${VISITOR} will receive status updates.`).waitFor();

  await publish('The cause is a faulty cache node; we are replacing it.');
  const update = await waitFor(() => mailsTo(VISITOR, 'Slow sign-in')[0], 'the update mail');
  assert.match(update.text ?? '', /faulty cache node/);
  const raw = sink.raw[sink.received.indexOf(update)]!.toString('utf8').replace(/\r?\n[ \t]+/g, ' ');
  assert.match(raw, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  const unsubscribe = linkIn(update, '/status/unsubscribe');
  assert.equal(/^List-Unsubscribe:\s*<([^>]+)>/m.exec(raw)?.[1], unsubscribe, 'the List-Unsubscribe header names the same page');

  await page.goto(unsubscribe);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const state = (await cmoc.request('GET', '/api/status/subscribers?kind=email')).json().items.find((s: { email: string }) => s.email === VISITOR);
  assert.equal(state.state, 'unsubscribed');

  await publish('Resolved: sign-in is fast again.');
  // The update went out (a fan-out send to the remaining subscribers, here none) and nothing reached the visitor.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(mailsTo(VISITOR, 'Slow sign-in').length, 1);
  await visitor.close();
});
