import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainOf, mailbox, mailIdentity, messageId, messageIdHeader, publicLinks, servedUrl } from './mail-identity.ts';

const served = { host: '127.0.0.1', port: 8080 };

test('the From is the team name and the security address; the name is one quoted string', () => {
  assert.equal(mailIdentity({ securityAddress: 'security@example.com', teamName: 'Field Security', served }).from, '"Field Security" <security@example.com>');
  assert.equal(
    mailbox('Ops "Blue" \\ Team\r\nBcc: x@evil.example', 'security@example.com'),
    '"Ops \\"Blue\\" \\\\ Team Bcc: x@evil.example" <security@example.com>',
  );
  assert.equal(mailbox('  ', 'security@example.com'), 'security@example.com');
});

test("one Message-ID format: unique part @ the From address's domain, lower-cased; angle brackets only in the header", () => {
  const identity = mailIdentity({ securityAddress: 'Security@Example.COM', teamName: 'T', served });
  const id = identity.newMessageId();
  assert.match(id, /^[0-9a-f-]{36}@example\.com$/);
  assert.notEqual(identity.newMessageId(), id);
  assert.match(identity.newMessageId('status@status.example.org'), /@status\.example\.org$/);
  assert.equal(messageId('security@localhost', 'abc'), 'abc@localhost');
  assert.equal(messageIdHeader('abc@localhost'), '<abc@localhost>');
  assert.equal(domainOf('a@b@Mail.Example.com'), 'mail.example.com');
});

test('links are absolute on the public URL, with one normalisation (trailing slashes, a path prefix kept)', () => {
  for (const url of ['https://secdesk.example', 'https://secdesk.example/', 'https://secdesk.example//']) {
    const links = publicLinks(url, served);
    assert.equal(links.link('/incidents/1'), 'https://secdesk.example/incidents/1');
    assert.equal(links.link('inbox/2'), 'https://secdesk.example/inbox/2');
    assert.equal(links.isFallback, false);
    assert.equal(links.https, true);
    assert.equal(links.warning, null);
  }
  assert.equal(publicLinks('https://example.com/secdesk/', served).link('/status'), 'https://example.com/secdesk/status');
});

test('without a public URL, links use the served address, flagged as a fallback with a warning', () => {
  const links = publicLinks(undefined, served);
  assert.equal(links.base, 'http://127.0.0.1:8080');
  assert.equal(links.link('/compliance/download/x'), 'http://127.0.0.1:8080/compliance/download/x');
  assert.equal(links.isFallback, true);
  assert.equal(links.https, false, 'no Secure cookies on the served address');
  assert.match(links.warning!, /SECDESK_PUBLIC_URL is not set: links in mail use http:\/\/127\.0\.0\.1:8080 and work only on this machine/);
  assert.equal(publicLinks('  ', served).isFallback, true);
  assert.equal(servedUrl('0.0.0.0', 80), 'http://127.0.0.1:80');
  assert.equal(servedUrl('::', 8080), 'http://127.0.0.1:8080');
  assert.equal(servedUrl('::1', 8080), 'http://[::1]:8080');
  assert.equal(servedUrl('secdesk.lan', 8080), 'http://secdesk.lan:8080');
});

test('settingOf names the setting that holds a configured From address', () => {
  const identity = mailIdentity({
    securityAddress: 'security@localhost',
    teamName: 'T',
    served,
    otherSenders: { SECDESK_STATUS_MAIL_FROM: 'status@example.com', SECDESK_OTHER: undefined },
  });
  assert.equal(identity.settingOf('Security@localhost'), 'SECDESK_INBOX_ADDRESS');
  assert.equal(identity.settingOf('status@example.com'), 'SECDESK_STATUS_MAIL_FROM');
  assert.equal(identity.settingOf('someone@example.com'), null);
});
