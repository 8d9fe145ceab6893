import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mailIdentity } from '../mail/mail-identity.ts';
import { ValidationError } from '../errors.ts';
import { SendsService } from './sends.service.ts';

const ctx = { actor: { kind: 'user' as const, userId: 'u1', label: 'cm@example.com', roles: ['communications_manager'] } };
const clock = { now: () => new Date('2026-01-01T00:00:00Z') };
const identity = (securityAddress: string) =>
  mailIdentity({
    securityAddress,
    teamName: 'Security team',
    served: { host: '127.0.0.1', port: 8080 },
    otherSenders: { SECDESK_STATUS_MAIL_FROM: 'status@bad_host.example' },
  });
// Refusals come before any storage is touched.
const store = new Proxy(
  {},
  {
    get: () => {
      throw new Error('the store is not reached');
    },
  },
) as never;
const input = (from: string) => ({ listId: 'l1', audience: null, from, subject: 'Subject', body: 'Body', listMail: false });

test('a configured From that cannot be sent from is refused naming its setting and where to change it', async () => {
  const sends = new SendsService({ store, clock, identity: identity('security@bad_host.example') });
  await assert.rejects(sends.create(ctx, input('security@bad_host.example')), (err: Error) => {
    assert.ok(err instanceof ValidationError);
    assert.match(
      err.message,
      /invalid from address "security@bad_host\.example" \(SECDESK_INBOX_ADDRESS\): invalid domain; set SECDESK_INBOX_ADDRESS \(README → Configuration\) to an address on your mail domain/,
    );
    return true;
  });
  await assert.rejects(sends.create(ctx, input('status@bad_host.example')), /\(SECDESK_STATUS_MAIL_FROM\).*set SECDESK_STATUS_MAIL_FROM/);
  await assert.rejects(sends.create(ctx, input('someone@bad_host.example')), (err: Error) => err.message === 'invalid from address: invalid domain');
});

test('the default security address security@localhost passes the From check (the store is reached)', async () => {
  const sends = new SendsService({ store, clock, identity: identity('security@localhost') });
  await assert.rejects(sends.create(ctx, input('security@localhost')), /the store is not reached/);
});
