// Attachment caps and safe names: every attachment is recorded, over-cap ones with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitAttachments, declaredType, safeFilename } from './attachments.ts';
import type { MailAttachment } from './mail.types.ts';

function file(name: string | null, size: number): MailAttachment {
  return { filename: name, contentType: 'application/pdf', size, sha256: 'a'.repeat(64), content: new Uint8Array(size) };
}

test('caps by count, by size of one and by total size, keeping every entry with its reason', () => {
  const limits = { count: 3, eachBytes: 100, totalBytes: 200 };
  const admitted = admitAttachments([file('a', 50), file('huge', 101), file('b', 100), file('c', 100), file('d', 10), file('e', 1)], limits);
  assert.deepEqual(
    admitted.map((a) => [a.filename, a.content !== null, a.withheldReason]),
    [
      ['a', true, null],
      ['huge', false, 'larger than the 100-byte limit for one attachment'],
      ['b', true, null],
      ['c', false, 'over the 200-byte limit for all attachments of one message'],
      ['d', true, null],
      ['e', false, 'more than 3 attachments in one message'],
    ],
  );
  const defaults = admitAttachments([file('big.iso', 11 * 1024 * 1024)]);
  assert.equal(defaults[0]!.withheldReason, 'larger than the 10 MiB limit for one attachment');
  assert.equal(defaults[0]!.size, 11 * 1024 * 1024, 'the size is still recorded');
});

test('names lose paths, control and direction-override characters, and keep their extension when cut', () => {
  assert.equal(safeFilename('..\\..\\windows\\system32\\x.dll', 0), '_.._windows_system32_x.dll');
  assert.equal(safeFilename('/etc/passwd', 0), '_etc_passwd');
  assert.equal(safeFilename('invoice\u202Etxt.exe', 0), 'invoicetxt.exe');
  assert.equal(safeFilename('a\u0000b\r\nc\td', 0), 'abcd');
  assert.equal(safeFilename('   ', 2), 'attachment-3');
  assert.equal(safeFilename(null, 0), 'attachment-1');
  assert.equal(safeFilename('...', 0), 'attachment-1');
  const long = safeFilename(`${'x'.repeat(500)}.pdf`, 0);
  assert.equal(long.length, 200);
  assert.ok(long.endsWith('.pdf'));
  assert.equal(safeFilename('Résumé ☃.txt', 0), 'Résumé ☃.txt');
});

test('declared types are kept as declared, cleaned, never empty', () => {
  assert.equal(declaredType('Application/PDF'), 'application/pdf');
  assert.equal(declaredType('text/html\u0000\r\n'), 'text/html');
  assert.equal(declaredType(''), 'application/octet-stream');
});
