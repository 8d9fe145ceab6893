// Recovery after a killed sender, by evidence (README, "Exactly once"): the rows a dead process left
// behind are set up as it would have left them, then the engine judges them. Committed and ended
// (in the database or in this host's ended log) counts as sent; committed without evidence that the
// dot left is ambiguous: listed with its Message-ID, never re-sent by itself, re-sent by an audited
// operator action with the same Message-ID.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { startTestApp, TEST_ENGINE, type TestApp } from '../support/harness.ts';
import { createUser, signIn, type Client } from '../support/session.ts';
import { startSmtpSink, waitFor, type SmtpSink } from '../support/smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let cmoc: Client;
let dataDir: string;

before(async () => {
  sink = await startSmtpSink();
  dataDir = mkdtempSync(path.join(tmpdir(), 'secdesk-recovery-'));
  t = await startTestApp({ env: { SMTP_URL: sink.url, SECDESK_DATA_DIR: dataDir, SECDESK_FANOUT_CONNECTIONS: '4', SECDESK_FANOUT_SMTP_TIMEOUT_SECONDS: '5' } });
  await createUser(t.app, 'cmoc@example.com', ['communications_manager']);
  cmoc = await signIn(t.http, 'cmoc@example.com');
});

after(async () => {
  await t.close();
  await sink.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const received = (address: string) => sink.received.filter((m) => (m.to as { value: { address: string }[] }).value[0]!.address === address);

async function untilDone(sendId: string) {
  return waitFor(async () => {
    const p = (await cmoc.request('GET', `/api/sends/${sendId}/progress`)).json();
    return p.status === 'done' ? p : undefined;
  }, `send ${sendId} to finish`);
}

test(`a dead sender's rows are judged by evidence; ambiguous ones wait for an operator (${TEST_ENGINE})`, async () => {
  const csv = `email,audience\n${Array.from({ length: 5 }, (_, i) => `r${i}@example.com,users`).join('\n')}\n`;
  const imported = await t.http.inject({
    method: 'POST',
    url: '/api/distribution-lists?name=recovery',
    headers: { cookie: cmoc.cookie, 'x-csrf-token': cmoc.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
  assert.equal(imported.statusCode, 201, imported.body);
  const created = await cmoc.request('POST', '/api/sends', {
    listId: imported.json().list.id,
    from: 'security@secdesk.example',
    subject: 'Keys',
    body: 'We rotated keys.\n',
  });
  assert.equal(created.statusCode, 201, created.body);
  const sendId: string = created.json().id;

  // What a process killed mid-batch leaves: claims whose lease ran out, in each state.
  const [deadClaim, loggedClaim] = [randomUUID(), randomUUID()];
  const past = new Date(Date.now() - 60_000);
  const leave = (seq: number, claim: string, committed: boolean, ended: boolean) =>
    sql`update send_recipients set state = 'sending', claim_id = ${claim}::uuid, claimed_until = ${past}, attempts = 1,
    committed_at = ${committed ? past : null}, ended_at = ${ended ? past : null} where send_id = ${sendId}::uuid and seq = ${seq}`.execute(t.app.database.db);
  await leave(0, deadClaim, true, false); // recorded, no evidence the dot left: ambiguous
  await leave(1, deadClaim, true, true); // the dot was in the kernel (ended_at): sent
  await leave(2, deadClaim, false, false); // never recorded: the relay discarded it; sent again
  await leave(3, loggedClaim, true, false); // no ended_at yet, but this host's ended log saw the dot leave: sent
  mkdirSync(path.join(dataDir, 'fanout-ended'), { recursive: true });
  writeFileSync(path.join(dataDir, 'fanout-ended', `${sendId}.log`), `${loggedClaim} 3\n${deadClaim} 4\n${randomUUID()} 0\n`);

  const test = await cmoc.request('POST', `/api/sends/${sendId}/test`, { reviewers: ['reviewer@secdesk.example'] });
  assert.equal(test.statusCode, 201, test.body);
  await untilDone(test.json().id);
  assert.equal((await cmoc.request('POST', `/api/sends/${sendId}/start`)).statusCode, 200);
  const progress = await untilDone(sendId);
  assert.deepEqual(
    { sent: progress.sent, ambiguous: progress.ambiguous, unconfirmed: progress.unconfirmed, pending: progress.pending },
    { sent: 4, ambiguous: 1, unconfirmed: 2, pending: 0 },
  );
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => received(`r${i}@example.com`).length),
    [0, 0, 1, 0, 1],
    'only the never-recorded and the untouched rows went out now',
  );
  // Removed just after the send is marked done (outside that transaction), so wait for it.
  await waitFor(() => (existsSync(path.join(dataDir, 'fanout-ended', `${sendId}.log`)) ? undefined : true), 'the ended log to go when the send is done');

  const recovered = await t.app.database.db
    .selectFrom('audit_log')
    .select('after')
    .where('entity_id', '=', sendId)
    .where('action', '=', 'send.recovered')
    .execute();
  assert.deepEqual(
    recovered.map((r) => r.after),
    [{ released: 1, unconfirmed: 2, ambiguous: 1 }],
  );

  const listed = await cmoc.request('GET', `/api/sends/${sendId}/ambiguous`);
  assert.equal(listed.statusCode, 200);
  assert.deepEqual(
    listed.json().items.map((r: { seq: number; email: string; messageId: string }) => [r.seq, r.email, r.messageId]),
    [[0, 'r0@example.com', `${sendId}.0@secdesk.example`]],
  );

  const resent = await cmoc.request('POST', `/api/sends/${sendId}/ambiguous/resend`);
  assert.equal(resent.statusCode, 200, resent.body);
  assert.deepEqual(
    resent.json().resent.map((r: { messageId: string }) => r.messageId),
    [`${sendId}.0@secdesk.example`],
  );
  const final = await untilDone(sendId);
  assert.deepEqual({ sent: final.sent, ambiguous: final.ambiguous }, { sent: 5, ambiguous: 0 });
  const [copy] = received('r0@example.com');
  assert.equal(copy?.messageId, `<${sendId}.0@secdesk.example>`, 'the re-sent message carries the same Message-ID');
  const audit = await t.app.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_label', 'after'])
    .where('entity_id', '=', sendId)
    .where('action', '=', 'send.ambiguous_resent')
    .execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.actor_label, 'cmoc@example.com');
  assert.deepEqual((audit[0]!.after as { recipients: unknown[] }).recipients, [{ email: 'r0@example.com', messageId: `${sendId}.0@secdesk.example` }]);

  assert.equal((await cmoc.request('POST', `/api/sends/${sendId}/ambiguous/resend`)).statusCode, 409, 'nothing is ambiguous any more');
});
