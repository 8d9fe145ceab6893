// End to end with a real SMTP client: `secdesk serve` (HTTP and the SMTP receiver on loopback ports),
// Debian's swaks sends a report → a ticket; an analyst replies over the HTTP API → the outgoing relay
// (a local SMTP sink) receives it with the right headers; swaks sends the requester's answer
// → it threads back into the same ticket and reopens it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serve } from '../../src/app/serve.ts';
import { createPgDatabase, testConfig, TEST_ENGINE } from '../support/harness.ts';
import { freePort } from '../support/net.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

const SWAKS = '/usr/bin/swaks';
const INBOX = 'security@secdesk.example';
const ADMIN = { email: 'lead@secdesk.example', password: 'a long admin password for the e2e test' };
const run = promisify(execFile);

let sink: SmtpSink;
let server: { url: string; stop(): Promise<void> };
let smtpPort = 0;
let cleanup: () => Promise<void> = async () => {};

before(async () => {
  if (!existsSync(SWAKS)) return;
  sink = await startSmtpSink();
  smtpPort = await freePort();
  let database: Record<string, string>;
  if (TEST_ENGINE === 'postgres') {
    const pg = await createPgDatabase();
    database = { DATABASE_URL: pg.url };
    cleanup = pg.drop;
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'secdesk-e2e-'));
    database = { SECDESK_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const config = testConfig({
    ...database,
    SMTP_PORT: String(smtpPort),
    SMTP_URL: sink.url,
    SECDESK_INBOX_ADDRESS: INBOX,
    SECDESK_ADMIN_EMAIL: ADMIN.email,
    SECDESK_ADMIN_PASSWORD: ADMIN.password,
  });
  server = await serve(config, () => {});
});
after(async () => {
  await server?.stop();
  await sink?.close();
  await cleanup();
});

/** swaks to the receiver; resolves with the ticket number from the 250 answer. */
async function swaks(from: string, headers: string[], body: string): Promise<number> {
  const args = ['--server', `127.0.0.1:${smtpPort}`, '--to', INBOX, '--from', from, '--body', body, ...headers.flatMap((h) => ['--header', h])];
  const { stdout } = await run(SWAKS, args, { timeout: 30_000 });
  const number = /<-\s+250 .*queued as ticket (\d+)/.exec(stdout)?.[1];
  assert.ok(number, `swaks got no 250 with a ticket number:\n${stdout}`);
  return Number(number);
}

async function signIn() {
  const res = await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  assert.equal(res.status, 200);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('secdesk_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method: string, url: string, body?: unknown) => {
    const answer = await fetch(`${server.url}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : null,
    });
    return { status: answer.status, json: (await answer.json()) as any };
  };
}

test('swaks → ticket; reply from the API → the relay gets it with threading headers; swaks answer → same ticket, reopened', {
  skip: existsSync(SWAKS) ? false : `${SWAKS} is missing (apt-get install swaks)`,
}, async () => {
  const reportId = `<e2e-${Date.now()}@reporter.example>`;
  const number = await swaks(
    'reporter@example.com',
    ['Subject: SSRF in the webhook tester', `Message-Id: ${reportId}`],
    'The webhook URL field fetches http://169.254.169.254/.',
  );

  const api = await signIn();
  const list = await api('GET', '/api/tickets?limit=200');
  const ticket = list.json.items.find((i: { number: number }) => i.number === number);
  assert.ok(ticket, `ticket #${number} is listed`);
  assert.equal(ticket.subject, 'SSRF in the webhook tester');
  assert.equal(ticket.requester.email, 'reporter@example.com');

  const replied = await api('POST', `/api/tickets/${ticket.id}/replies`, { body: 'Thanks, confirmed and fixed.', status: 'solved' });
  assert.equal(replied.status, 202, JSON.stringify(replied.json));
  const mail = await waitFor(() => sink.received.find((m) => JSON.stringify(m.to).includes('reporter@example.com')), 'the reply at the relay');
  assert.equal(mail.from?.value[0]?.address, INBOX);
  assert.equal(mail.replyTo?.value[0]?.address, INBOX);
  assert.equal(mail.inReplyTo, reportId);
  assert.deepEqual([mail.references].flat(), [reportId]);
  assert.equal(mail.subject, `Re: [secdesk #${number}] SSRF in the webhook tester`);
  assert.equal((mail.headers.get('content-type') as { value: string } | undefined)?.value, 'text/plain');
  assert.equal(mail.html, false);
  assert.equal(mail.text?.trim(), 'Thanks, confirmed and fixed.');
  await waitFor(async () => ((await api('GET', `/api/tickets/${ticket.id}`)).json.status === 'solved' ? true : undefined), 'the ticket to be solved');

  const answer = await swaks(
    'reporter@example.com',
    [`Subject: Re: ${mail.subject}`, `In-Reply-To: ${mail.messageId}`, `References: ${reportId} ${mail.messageId}`],
    'It still works through a redirect.',
  );
  assert.equal(answer, number, 'the answer joined the same ticket');
  const detail = (await api('GET', `/api/tickets/${ticket.id}`)).json;
  assert.equal(detail.status, 'open', "the requester's answer reopened it");
  assert.deepEqual(
    detail.messages.map((m: { direction: string }) => m.direction),
    ['inbound', 'outbound', 'inbound'],
  );
});
