// Mail in from an existing IMAP mailbox, against a real Dovecot started for this file: every
// message becomes a ticket exactly once — across batches, a stop and a new app on the same
// database, a crash between storing a message and advancing the mark, and a renumbered mailbox.
// The mailbox is never changed. Bad credentials give a clear error and lose nothing.
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { ImapFlow } from 'imapflow';
import { startDovecot, DOVECOT_MISSING, type Dovecot } from '../support/dovecot.ts';
import { freePort } from '../support/net.ts';
import { waitFor } from '../support/until.ts';
import { createTestDatabase, startTestApp, TEST_ENGINE, type TestApp, type TestDatabase } from '../support/harness.ts';
import { imapAccount, imapMailbox } from '../../src/adapters/mail/imap-poller.ts';
import { IMAP_POLL_QUEUE, MailboxPollService } from '../../src/domains/mail/mailbox-poll.service.ts';
import type { Store } from '../../src/adapters/db/store.ts';
import type { Transactor } from '../../src/domains/ports.ts';

const skip = DOVECOT_MISSING;
let dovecot: Dovecot;
let imap: ImapFlow;
const cleanups: (() => Promise<void>)[] = [];

before(async () => {
  if (skip) return;
  dovecot = await startDovecot();
  imap = await dovecot.client();
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (!skip) await dovecot.stop();
});

function mail(tag: string, i: number, options: { messageId?: string | null; body?: string } = {}): Buffer {
  const messageId = options.messageId === undefined ? `<${tag}-${i}@reporter.example>` : options.messageId;
  return Buffer.from(
    `From: Reporter ${i} <reporter${i}@${tag.toLowerCase()}.example>\r\nTo: security@secdesk.example\r\nSubject: ${tag} report ${i}\r\n` +
      (messageId ? `Message-ID: ${messageId}\r\n` : '') +
      `Date: Tue, 24 Nov 2026 09:00:00 +0000\r\n\r\n${options.body ?? `Finding number ${i}.`}\r\n`,
  );
}

async function fillMailbox(mailbox: string, messages: Buffer[]): Promise<void> {
  if (!(await imap.list()).some((m) => m.path === mailbox)) await imap.mailboxCreate(mailbox);
  for (const raw of messages) await imap.append(mailbox, raw);
}

const keyOf = (mailbox: string) => `${dovecot.user}@127.0.0.1:${dovecot.port}/${mailbox}`;

async function counts(t: TestApp) {
  const db = t.app.database.db;
  const tickets = await db
    .selectFrom('tickets')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const messages = await db
    .selectFrom('ticket_messages')
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const subjects = await db.selectFrom('ticket_messages').select('subject').orderBy('subject').execute();
  return { tickets: Number(tickets.n), messages: Number(messages.n), subjects: subjects.map((s) => s.subject) };
}

const markOf = (t: TestApp, mailbox: string) => t.app.store.read.mailboxMarks.get(keyOf(mailbox));

/** A database that outlives one app, so a second app can continue on it. */
async function sharedDatabase(): Promise<TestDatabase> {
  const dir = TEST_ENGINE === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'secdesk-imap-')) : undefined;
  const database = await createTestDatabase(TEST_ENGINE, dir);
  cleanups.push(async () => {
    await database.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return database;
}

function imapEnv(mailbox: string, extra: Record<string, string> = {}): Record<string, string> {
  return { IMAP_URL: dovecot.url, IMAP_MAILBOX: mailbox, IMAP_POLL_SECONDS: '5', SECDESK_INBOX_ADDRESS: 'security@secdesk.example', ...extra };
}

test('the poll job takes every message once, leaves the mailbox as it was, and keeps polling', { skip }, async () => {
  const messages = [
    mail('Poll', 1),
    mail('Poll', 2, { messageId: null }),
    mail('Poll', 3),
    mail('Poll', 4, { messageId: null }),
    mail('Poll', 5),
    mail('Poll', 6, { messageId: '<Poll-1@reporter.example>', body: 'The same message delivered twice.' }),
    mail('Poll', 7, { body: 'x'.repeat(6000) }),
  ];
  await fillMailbox('Poll', messages);
  const t = await startTestApp({ env: imapEnv('Poll', { SMTP_MAX_BYTES: '4096' }) });
  cleanups.push(() => t.close());
  await waitFor(async () => ((await markOf(t, 'Poll'))?.lastUid === 7 ? true : undefined), 'the first poll', 60_000);
  const first = await counts(t);
  assert.equal(first.tickets, 6, 'seven messages, one a duplicate Message-ID');
  assert.equal(first.messages, 6);
  const large = await t.app.database.db.selectFrom('ticket_messages').selectAll().where('subject', '=', 'Poll report 7').executeTakeFirstOrThrow();
  assert.match(
    large.parse_warning ?? '',
    /larger than the 4096-byte limit \(SMTP_MAX_BYTES\); only its headers were taken; the whole message remains in .*\/Poll at UID 7/,
  );
  assert.equal(large.message_id, 'Poll-7@reporter.example');
  assert.match(large.body_text ?? '', /whole message remains/);

  await imap.mailboxOpen('Poll');
  const flags = [];
  for await (const m of imap.fetch('1:*', { uid: true, flags: true })) flags.push(...(m.flags ?? []));
  // biome-ignore lint/complexity/useOptionalChain: the value is false or an object, and ?. does not rule out false.
  assert.equal(imap.mailbox && imap.mailbox.exists, 7, 'nothing deleted');
  assert.deepEqual(
    flags.filter((f) => f !== '\\Recent'),
    [],
    'nothing flagged, not even \\Seen',
  );
  await imap.mailboxClose();

  await fillMailbox('Poll', [mail('Poll', 8), mail('Poll', 9, { messageId: null })]);
  await waitFor(async () => ((await counts(t)).tickets === 8 ? true : undefined), 'the next scheduled poll', 60_000);
  assert.equal((await markOf(t, 'Poll'))?.lastUid, 9);
});

test('a stop between batches and a crash before the mark advances: a new app takes everything exactly once', { skip }, async () => {
  // Messages 4 and 5 have no Message-ID: only the source key can tell that 4 was taken before.
  const messages = Array.from({ length: 8 }, (_, i) => mail('Restart', i + 1, { messageId: i === 3 || i === 4 ? null : undefined }));
  await fillMailbox('Restart', messages);
  const database = await sharedDatabase();
  const env = imapEnv('Restart', { IMAP_POLL_BATCH: '3' });

  const first = await startTestApp({ database, env, app: { workers: false } });
  const mailbox = imapMailbox(imapAccount(dovecot.url, 'Restart'), { maxBytes: first.config.SMTP_MAX_BYTES, logger: first.app.logger });
  const batch = await first.app.services.mailboxPoll.poll(mailbox, 3);
  assert.deepEqual([batch.taken.length, batch.more], [3, true]);
  assert.equal((await markOf(first, 'Restart'))?.lastUid, 3);

  // The process "dies" right after message 4 is committed, before the mark moves past it.
  const store = first.app.store as Transactor<Store>;
  const dying: Transactor<Store> = {
    transaction: (work) => store.transaction(work),
    read: {
      ...store.read,
      mailboxMarks: {
        ...store.read.mailboxMarks,
        set: async () => {
          throw new Error('process killed');
        },
      },
    },
  };
  const crashing = new MailboxPollService({ store: dying, intake: first.app.services.mailIntake });
  await assert.rejects(crashing.poll(mailbox, 3), /process killed/);
  assert.equal((await counts(first)).tickets, 4, 'message 4 is stored');
  assert.equal((await markOf(first, 'Restart'))?.lastUid, 3, 'the mark did not move');
  await first.close();

  const second = await startTestApp({ database, env });
  cleanups.push(() => second.close());
  await waitFor(async () => ((await markOf(second, 'Restart'))?.lastUid === 8 ? true : undefined), 'the new app to finish the mailbox', 60_000);
  const after = await counts(second);
  assert.equal(after.tickets, 8);
  assert.equal(after.messages, 8);
  assert.deepEqual(
    after.subjects,
    Array.from({ length: 8 }, (_, i) => `Restart report ${i + 1}`),
  );
  const sources = await second.app.database.db
    .selectFrom('mail_sources')
    .select('source_key')
    .where('source_key', 'like', `imap:${keyOf('Restart')}:%`)
    .execute();
  assert.equal(sources.length, 8, 'one source key per UID');
});

test('killed (SIGKILL) in the middle of taking mail: a new app takes every message exactly once', { skip, timeout: 300_000 }, async (ctx) => {
  const total = 30;
  await fillMailbox(
    'Killed',
    Array.from({ length: total }, (_, i) => mail('Killed', i + 1, { messageId: i % 3 === 0 ? null : undefined })),
  );
  const database = await sharedDatabase();
  const dataDir = database.embeddedDataDir ?? mkdtempSync(path.join(tmpdir(), 'secdesk-imap-serve-'));
  if (!database.embeddedDataDir) cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const env = {
    ...process.env,
    ...database.env,
    ...imapEnv('Killed', { IMAP_POLL_BATCH: String(total) }),
    SECDESK_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    SMTP_PORT: '0',
    SECDESK_SEED_DEMO: 'false',
    SECDESK_LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, ['bin/secdesk.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    await waitFor(
      async () => (output.includes('IMAP mail taken in') ? true : child.exitCode !== null ? Promise.reject(new Error(output)) : undefined),
      'the first message taken by the server process',
      60_000,
    );
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  assert.ok(!output.includes(dovecot.password), 'the IMAP password is never logged');

  const t = await startTestApp({ database, env: imapEnv('Killed', { IMAP_POLL_BATCH: '10' }) });
  ctx.diagnostic(`taken before the kill: ${(await counts(t)).tickets} of ${total}`);
  cleanups.push(() => t.close());
  // The killed process's poll is freed by its missing heartbeat, then the new app continues.
  await waitFor(async () => ((await markOf(t, 'Killed'))?.lastUid === total ? true : undefined), 'the new app to finish the mailbox', 240_000);
  const after = await counts(t);
  assert.equal(after.tickets, total);
  assert.equal(after.messages, total);
  assert.deepEqual(after.subjects, Array.from({ length: total }, (_, i) => `Killed report ${i + 1}`).sort());
});

test('two instances on one database, several polls waiting: every message once, one poll at a time', {
  skip: skip || (TEST_ENGINE === 'pglite' && 'one embedded database cannot be shared by two instances'),
}, async () => {
  const total = 20;
  await fillMailbox(
    'Shared',
    Array.from({ length: total }, (_, i) => mail('Shared', i + 1, { messageId: i % 2 ? null : undefined })),
  );
  const database = await sharedDatabase();
  const env = imapEnv('Shared', { IMAP_POLL_BATCH: '4' });
  const one = await startTestApp({ database, env });
  cleanups.push(() => one.close());
  const two = await startTestApp({ database, env });
  cleanups.push(() => two.close());
  // As if more instances had raced to start: several polls wait at once; still only one may run.
  for (let i = 0; i < 6; i++) await one.app.jobs.boss.send(IMAP_POLL_QUEUE, { mailbox: keyOf('Shared') }, { singletonKey: keyOf('Shared') });
  await waitFor(async () => ((await markOf(one, 'Shared'))?.lastUid === total ? true : undefined), 'both instances to finish the mailbox', 60_000);
  assert.equal((await counts(one)).tickets, total);
  const runs = (await one.app.jobs.boss.findJobs(IMAP_POLL_QUEUE, { key: keyOf('Shared') }))
    .filter((j) => j.startedOn && j.completedOn)
    .map((j) => [j.startedOn.getTime(), j.completedOn!.getTime()] as const)
    .sort((a, b) => a[0] - b[0]);
  assert.ok(runs.length >= total / 4, `${runs.length} polls`);
  for (let i = 1; i < runs.length; i++) assert.ok(runs[i]![0] >= runs[i - 1]![1], 'a poll started before the previous one ended');
});

test('the poll queue hands out one poll per mailbox at a time', { skip }, async () => {
  const t = await startTestApp({ app: { workers: false } });
  cleanups.push(() => t.close());
  const boss = t.app.jobs.boss;
  const key = 'someone@imap.example:993/INBOX';
  await boss.send(IMAP_POLL_QUEUE, { mailbox: key }, { singletonKey: key });
  await boss.send(IMAP_POLL_QUEUE, { mailbox: key }, { singletonKey: key });
  await boss.send(IMAP_POLL_QUEUE, { mailbox: 'other' }, { singletonKey: 'other' });
  const mailboxOf = (job: { data: unknown }) => (job.data as { mailbox: string }).mailbox;
  const first = await boss.fetch(IMAP_POLL_QUEUE, { batchSize: 3 });
  assert.deepEqual(first.map(mailboxOf).sort(), ['other', key].sort(), 'one per mailbox');
  assert.deepEqual(await boss.fetch(IMAP_POLL_QUEUE), [], 'the waiting poll of a mailbox being polled is held back');
  await boss.complete(IMAP_POLL_QUEUE, first.find((j) => mailboxOf(j) === key)!.id);
  assert.deepEqual((await boss.fetch(IMAP_POLL_QUEUE)).map(mailboxOf), [key], 'released once the running poll ends');
});

test('a renumbered mailbox (new UIDVALIDITY) is taken again without filing known mail twice', { skip }, async () => {
  const t = await startTestApp({ env: imapEnv('Renumber'), app: { workers: false } });
  cleanups.push(() => t.close());
  const mailbox = imapMailbox(imapAccount(dovecot.url, 'Renumber'), { maxBytes: t.config.SMTP_MAX_BYTES, logger: t.app.logger });
  await fillMailbox('Renumber', [mail('Renumber', 1), mail('Renumber', 2), mail('Renumber', 3)]);
  const first = await t.app.services.mailboxPoll.poll(mailbox, 50);
  assert.deepEqual(
    first.taken.map((r) => r.outcome),
    ['created', 'created', 'created'],
  );
  const before = await markOf(t, 'Renumber');

  await imap.mailboxDelete('Renumber');
  await imap.mailboxCreate('Renumber');
  await fillMailbox('Renumber', [mail('Renumber', 1), mail('Renumber', 2), mail('Renumber', 3), mail('Renumber', 4)]);
  const again = await t.app.services.mailboxPoll.poll(mailbox, 50);
  assert.equal(again.reset, true);
  assert.deepEqual(
    again.taken.map((r) => r.outcome),
    ['duplicate', 'duplicate', 'duplicate', 'created'],
  );
  const mark = await markOf(t, 'Renumber');
  assert.notEqual(mark?.uidValidity, before?.uidValidity);
  assert.equal(mark?.lastUid, 4);
  assert.equal((await counts(t)).tickets, 4);
  const audit = await t.app.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'mail.mailbox_renumbered').execute();
  assert.equal(audit.length, 1);
  assert.equal((await t.app.services.mailboxPoll.poll(mailbox, 50)).taken.length, 0, 'nothing new: nothing taken');
  await t.app.store.read.mailboxMarks.set(keyOf('Renumber'), { uidValidity: mark!.uidValidity, lastUid: 2 });
  assert.equal((await markOf(t, 'Renumber'))?.lastUid, 4, 'a late writer cannot move the mark back');
});

test('bad credentials: a clear error without the password, the job retries, and nothing is lost', { skip }, async () => {
  await fillMailbox('Locked', [mail('Locked', 1), mail('Locked', 2, { messageId: null })]);
  const badUrl = `imap://${dovecot.user}:not-the-password-9f3@127.0.0.1:${dovecot.port}`;
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
  const database = await sharedDatabase();

  const locked = await startTestApp({ database, env: imapEnv('Locked', { IMAP_URL: badUrl }), app: { logger } });
  const mailbox = imapMailbox(imapAccount(badUrl, 'Locked'), { maxBytes: locked.config.SMTP_MAX_BYTES, logger });
  await assert.rejects(locked.app.services.mailboxPoll.poll(mailbox, 50), (err: Error) => {
    assert.match(err.message, new RegExp(`IMAP server 127.0.0.1:${dovecot.port} refused the sign-in of security .*check IMAP_URL`));
    assert.doesNotMatch(err.message, /not-the-password/);
    return true;
  });
  const retrying = await waitFor(
    async () => {
      const jobs = await locked.app.jobs.boss.findJobs(IMAP_POLL_QUEUE, { key: keyOf('Locked') });
      return jobs.find((j) => j.state === 'retry');
    },
    'the failed poll to wait for its retry',
    60_000,
  );
  assert.match(JSON.stringify(retrying.output), /refused the sign-in/);
  assert.ok(
    lines.some((l) => l.includes('IMAP poll failed') && l.includes('refused the sign-in')),
    'the failure is logged',
  );
  assert.ok(!lines.some((l) => l.includes('not-the-password')), 'the password is never logged');
  assert.equal((await counts(locked)).tickets, 0);
  assert.equal(await markOf(locked, 'Locked'), null);
  await locked.close();

  // Credentials fixed: the same database continues and takes both messages.
  const fixed = await startTestApp({ database, env: imapEnv('Locked') });
  cleanups.push(() => fixed.close());
  await waitFor(async () => ((await counts(fixed)).tickets === 2 ? true : undefined), 'both messages after the fix', 60_000);
});

test('a mailbox that does not exist, or a server that does not answer: clear errors', { skip }, async () => {
  const t = await startTestApp({ app: { workers: false } });
  cleanups.push(() => t.close());
  const missing = imapMailbox(imapAccount(dovecot.url, 'No-Such-Folder'), { maxBytes: t.config.SMTP_MAX_BYTES, logger: t.app.logger });
  await assert.rejects(t.app.services.mailboxPoll.poll(missing, 50), /^Error: mailbox No-Such-Folder cannot be opened on 127\.0\.0\.1:\d+: /);
  const down = imapMailbox(imapAccount(`imap://u:secret-pw@127.0.0.1:${await freePort()}`, 'INBOX'), {
    maxBytes: t.config.SMTP_MAX_BYTES,
    logger: t.app.logger,
  });
  await assert.rejects(
    t.app.services.mailboxPoll.poll(down, 50),
    (err: Error) => /^cannot connect to IMAP server 127\.0\.0\.1:\d+: ECONNREFUSED/.test(err.message) && !err.message.includes('secret-pw'),
  );
});

test('the intake files a source key once, even for mail without a Message-ID', { skip }, async () => {
  const t = await startTestApp({ env: { SECDESK_INBOX_ADDRESS: 'security@secdesk.example' }, app: { workers: false } });
  cleanups.push(() => t.close());
  const raw = mail('Source', 1, { messageId: null });
  const first = await t.app.services.mailIntake.receive(raw, 'imap', { source: { key: 'imap:test:1:1' } });
  const again = await t.app.services.mailIntake.receive(raw, 'imap', { source: { key: 'imap:test:1:1' } });
  const other = await t.app.services.mailIntake.receive(raw, 'imap', { source: { key: 'imap:test:1:2' } });
  assert.equal(first.outcome, 'created');
  assert.deepEqual(again, { outcome: 'duplicate', ticketId: first.ticketId, ticketNumber: first.ticketNumber });
  assert.equal(other.outcome, 'created', 'another UID is another delivery');
  assert.equal((await counts(t)).messages, 2);
});
