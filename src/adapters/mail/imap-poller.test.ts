import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMail } from './parse.ts';
import { imapAccount, oversizedMessage } from './imap-poller.ts';

test('the IMAP URL gives host, port, TLS and a percent-decoded sign-in; the key holds no password', () => {
  const tls = imapAccount('imaps://sec%40example.com:p%40ss%3Aword@Imap.Example.com', 'INBOX');
  assert.deepEqual(
    { ...tls },
    {
      host: 'Imap.Example.com',
      port: 993,
      secure: true,
      user: 'sec@example.com',
      password: 'p@ss:word',
      mailbox: 'INBOX',
      key: 'sec@example.com@imap.example.com:993/INBOX',
    },
  );
  const plain = imapAccount('imap://u:p@127.0.0.1:1143', 'Security');
  assert.deepEqual([plain.port, plain.secure, plain.key], [1143, false, 'u@127.0.0.1:1143/Security']);
});

test('an oversized message is kept as its headers and a note naming where the whole message is', async () => {
  const head = Buffer.from(
    'From: Big Sender <big@example.com>\r\nSubject: huge attachment\r\nMessage-ID: <big@example.com>\r\n' +
      'Content-Type: multipart/mixed;\r\n boundary="b1"\r\nContent-Transfer-Encoding: 7bit\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nstart of the body',
  );
  const taken = oversizedMessage(head, 90_000_000, 26_214_400, 'sec@imap.example.com:993/INBOX at UID 7 (UIDVALIDITY 3)');
  assert.match(taken.warning!, /90000000 bytes is larger than the 26214400-byte limit.*INBOX at UID 7/);
  const mail = await parseMail(taken.raw);
  assert.equal(mail.parseWarning, null);
  assert.equal(mail.messageId, 'big@example.com');
  assert.equal(mail.subject, 'huge attachment');
  assert.equal(mail.from?.address, 'big@example.com');
  assert.match(mail.text, /only its headers were taken/);
  assert.doesNotMatch(taken.raw.toString(), /boundary|start of the body/);
});
