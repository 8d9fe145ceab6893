// Parsing real malformed and extreme MIME from the shared corpus: nothing throws, nothing is
// dropped, and what can be read is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classifyNoise } from '../../domains/mail/noise.ts';
import { parseMail } from './parse.ts';
import { corpusMissing, corpusPath } from '../../../test/support/corpus.ts';

const MIME = corpusPath('mime');
const missing = corpusMissing('mime');

test('every corpus message parses to a usable result', { skip: missing }, async () => {
  const files = readdirSync(MIME).filter((f) => f.endsWith('.eml'));
  assert.ok(files.length >= 40);
  for (const file of files) {
    const raw = readFileSync(path.join(MIME, file));
    const mail = await parseMail(raw);
    assert.equal(typeof mail.subject, 'string', file);
    assert.ok(mail.subject.length > 0 && mail.subject.length <= 998, file);
    assert.equal(typeof mail.text, 'string', file);
    if (mail.parseWarning === null) assert.ok(Array.isArray(mail.attachments), file);
    for (const a of mail.attachments) assert.match(a.sha256, /^[0-9a-f]{64}$/, file);
  }
});

test('a bounce and an abuse feedback report from the corpus are recognised', { skip: missing }, async () => {
  const bounce = await parseMail(readFileSync(path.join(MIME, 'postal-mime__fixtures__bounce.eml')));
  assert.equal(classifyNoise(bounce), 'bounce');
  const arf = await parseMail(readFileSync(path.join(MIME, 'postal-mime__fixtures__arf.eml')));
  assert.equal(classifyNoise(arf), 'feedback-report');
});

test('threading headers and addresses are read', async () => {
  const raw = Buffer.from(
    [
      'From: "Mira K" <Mira@Example.com>',
      'To: security@secdesk.example',
      'Subject: Re: [secdesk #1008] Stored XSS',
      'Message-ID: <reply-1@example.com>',
      'In-Reply-To: <out-1@secdesk.example>',
      'References: <in-1@example.com> <out-1@secdesk.example>',
      'Date: Tue, 24 Nov 2026 10:00:00 -0500',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Here is the PoC.',
    ].join('\r\n'),
  );
  const mail = await parseMail(raw);
  assert.equal(mail.messageId, 'reply-1@example.com');
  assert.equal(mail.inReplyTo, 'out-1@secdesk.example');
  assert.deepEqual(mail.references, ['in-1@example.com', 'out-1@secdesk.example']);
  assert.deepEqual(mail.from, { address: 'mira@example.com', name: 'Mira K' });
  assert.equal(mail.text.trim(), 'Here is the PoC.');
  assert.equal(mail.parseWarning, null);
});

test('a message larger than the parse limit is kept raw with a warning', async () => {
  const raw = Buffer.concat([Buffer.from('From: a@example.com\r\nSubject: huge\r\n\r\n'), Buffer.alloc(26 * 1024 * 1024, 'a')]);
  const mail = await parseMail(raw);
  assert.match(mail.parseWarning ?? '', /parse limit/);
  assert.equal(mail.subject, 'huge');
  assert.equal(mail.from?.address, 'a@example.com');
});
