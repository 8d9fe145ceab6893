// Hand-made bad input for mail intake, for the kinds the shared corpus lacks: NUL bytes, raw 8-bit
// headers, gigantic headers, deep nesting, part floods, a compression bomb, an over-cap attachment,
// missing and forged headers, wrong charsets, empty and binary input.
import { gzipSync } from 'node:zlib';

const CRLF = '\r\n';

function lines(...parts: (string | Buffer)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(`${p}${CRLF}`, 'latin1') : p)));
}

function nested(depth: number): Buffer {
  const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"${CRLF}${CRLF}--b${i}${CRLF}`).join('');
  return lines(
    'From: nest@example.com',
    `Subject: ${depth} nested multiparts`,
    'MIME-Version: 1.0',
    `${open}Content-Type: text/plain${CRLF}${CRLF}the innermost text`,
  );
}

function withAttachment(subject: string, filename: string, contentType: string, content: Buffer): Buffer {
  return lines(
    'From: files@example.com',
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="x"',
    '',
    '--x',
    'Content-Type: text/plain',
    '',
    'see attached',
    '--x',
    `Content-Type: ${contentType}`,
    `Content-Disposition: attachment; filename="${filename}"`,
    'Content-Transfer-Encoding: base64',
    '',
    content.toString('base64').replace(/.{76}/g, `$&${CRLF}`),
    '--x--',
  );
}

export interface HostileMessage {
  name: string;
  raw: Buffer;
}

export function hostileMessages(): HostileMessage[] {
  const parts = Array.from(
    { length: 400 },
    (_, i) => `--f${CRLF}Content-Type: application/octet-stream${CRLF}Content-Disposition: attachment; filename="p${i}.bin"${CRLF}${CRLF}${i}${CRLF}`,
  ).join('');
  return [
    {
      name: 'NUL bytes in headers and bodies',
      raw: lines(
        'From: "Nul\0Name" <nul@example.com>',
        'Subject: nul\0here',
        'Content-Type: multipart/alternative; boundary="a"',
        '',
        '--a',
        'Content-Type: text/plain',
        '',
        'plain\0text',
        '--a',
        'Content-Type: text/html',
        '',
        '<p>html\0text</p>',
        '--a--',
      ),
    },
    {
      name: 'raw 8-bit headers',
      raw: lines('From: "J\xf6rg \xff\xfe" <joerg@example.com>', 'Subject: caf\xe9 \xff\xfe\xfd', 'Content-Type: text/plain', '', 'body \xe9\xff'),
    },
    {
      name: 'gigantic headers',
      raw: lines(
        'From: big@example.com',
        `Subject: ${'s'.repeat(1_000_000)}`,
        `X-Huge: ${'h '.repeat(500_000)}`,
        `References: ${Array.from({ length: 20_000 }, (_, i) => `<r${i}@x>`).join(' ')}`,
        '',
        'small body',
      ),
    },
    { name: 'deeply nested multiparts', raw: nested(3000) },
    {
      name: 'a flood of 400 parts',
      raw: lines('From: flood@example.com', 'Subject: 400 parts', 'Content-Type: multipart/mixed; boundary="f"', '', `${parts}--f--`),
    },
    { name: 'a compression bomb (never opened)', raw: withAttachment('gzip bomb', 'bomb.gz', 'application/gzip', gzipSync(Buffer.alloc(20 * 1024 * 1024))) },
    { name: 'an attachment over the size cap', raw: withAttachment('too big', 'disk.img', 'application/octet-stream', Buffer.alloc(10 * 1024 * 1024 + 1, 7)) },
    { name: 'no Message-ID, no From, no Date', raw: lines('Subject: anonymous', '', 'who sent this?') },
    {
      name: 'an impossible date',
      raw: lines('From: past@example.com', 'Date: Thu, 31 Feb 1899 99:99:99 +9999', 'Subject: forged date', 'Message-ID: <forged-1@example.com>', '', 'x'),
    },
    { name: 'a date far in the future', raw: lines('From: future@example.com', 'Date: Fri, 01 Jan 2100 00:00:00 +0000', 'Subject: from the future', '', 'x') },
    {
      name: 'unknown and wrong charsets',
      raw: lines(
        'From: cs@example.com',
        'Subject: =?x-unknown?B?AAAA?= =?utf-8?Q?=FF=FE?=',
        'Content-Type: text/html; charset="utf-16"',
        '',
        '<p>\xff\xfe not utf-16</p>',
      ),
    },
    {
      name: 'an unterminated multipart with broken base64',
      raw: lines(
        'From: cut@example.com',
        'Subject: cut short',
        'Content-Type: multipart/mixed; boundary="never"',
        '',
        '--never',
        'Content-Type: text/html',
        'Content-Transfer-Encoding: base64',
        '',
        '!!!not base64%%%',
      ),
    },
    { name: 'an empty message', raw: Buffer.alloc(0) },
    { name: 'binary garbage', raw: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)) },
  ];
}
