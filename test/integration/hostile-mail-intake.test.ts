// Bad input through mail intake: each hand-made hostile message becomes a ticket that the API
// shows, its raw bytes are kept, what was stored before is untouched, and caps hold.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { hostileMessages } from '../support/hostile-mail.ts';
import { createUser, signIn, type Client } from '../support/session.ts';

let t: TestApp;
let analyst: Client;
before(async () => {
  t = await startTestApp();
  await createUser(t.app, 'analyst@example.com', ['security_analyst']);
  analyst = await signIn(t.http, 'analyst@example.com');
});
after(async () => t.close());

test('every hostile message becomes a readable ticket; nothing stored before is lost', async () => {
  const before = await t.app.services.mailIntake.receive(
    Buffer.from('From: first@example.com\r\nSubject: stored first\r\nMessage-ID: <first@example.com>\r\n\r\nkeep me\r\n'),
    'import',
  );
  // The SLA clock's time left is derived from the current time, and the triage suggestion arrives by a
  // job after intake; everything else stored must be unchanged.
  const stored = async () => {
    const { sla: _clock, suggestion: _triage, ...ticket } = (await analyst.request('GET', `/api/tickets/${before.ticketId}`)).json();
    return ticket;
  };
  const earlier = await stored();

  const tickets = new Map<string, { ticketId: string; raw: Buffer }>();
  for (const { name, raw } of hostileMessages()) {
    const result = await t.app.services.mailIntake.receive(raw, 'import');
    assert.equal(result.outcome, 'created', name);
    tickets.set(name, { ticketId: result.ticketId, raw });
  }
  const db = t.app.database.db;
  for (const [name, { ticketId, raw }] of tickets) {
    const res = await analyst.request('GET', `/api/tickets/${ticketId}`);
    assert.equal(res.statusCode, 200, `${name}: ${res.body.slice(0, 200)}`);
    const [message] = res.json().messages;
    if (message.hasHtml) assert.equal((await analyst.request('GET', `/api/tickets/${ticketId}/messages/${message.id}/html`)).statusCode, 200, name);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    const kept = await db.selectFrom('raw_messages').select('content').where('sha256', '=', sha256).executeTakeFirst();
    assert.ok(kept && Buffer.from(kept.content).equals(raw), `${name}: raw bytes kept exactly`);
  }
  assert.deepEqual(await stored(), earlier, 'the earlier ticket is unchanged');

  const show = async (name: string) => (await analyst.request('GET', `/api/tickets/${tickets.get(name)!.ticketId}`)).json();
  const nul = await show('NUL bytes in headers and bodies');
  assert.equal(nul.subject, 'nul\uFFFDhere');
  assert.match(nul.messages[0].bodyText, /plain\uFFFDtext/);

  const flood = (await show('a flood of 400 parts')).messages[0];
  assert.equal(flood.attachments.length, 100, 'the first 100 listed');
  assert.equal(flood.attachments.filter((a: { withheldReason: string | null }) => !a.withheldReason).length, 25, '25 kept');
  assert.match(flood.parseWarning, /300 attachments beyond the first 100/);

  const bomb = (await show('a compression bomb (never opened)')).messages[0].attachments[0];
  assert.equal(bomb.withheldReason, null);
  assert.ok(bomb.size < 100_000, `stored as sent, ${bomb.size} bytes, not inflated`);

  const big = (await show('an attachment over the size cap')).messages[0].attachments[0];
  assert.equal(big.size, 10 * 1024 * 1024 + 1);
  assert.match(big.withheldReason, /larger than the 10 MiB limit/);

  const anonymous = await show('no Message-ID, no From, no Date');
  assert.equal(anonymous.requester.email, 'unknown-sender@invalid');
  const future = await show('a date far in the future');
  assert.ok(new Date(future.createdAt).getTime() <= Date.now(), 'the claimed date is not trusted');
});
