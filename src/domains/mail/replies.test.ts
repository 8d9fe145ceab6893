import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerSafe, withTicketToken } from './replies.service.ts';

test('the ticket token is kept in every subject, after any Re:/Fwd: prefix', () => {
  assert.equal(withTicketToken(7, 'Locked out'), '[secdesk #7] Locked out');
  assert.equal(withTicketToken(7, 'Re: Locked out'), 'Re: [secdesk #7] Locked out');
  assert.equal(withTicketToken(7, 'Fwd: re: Locked out'), 'Fwd: re: [secdesk #7] Locked out');
  assert.equal(withTicketToken(7, 'Re: [secdesk #7] Locked out'), 'Re: [secdesk #7] Locked out');
  assert.equal(withTicketToken(7, 'a\r\nBcc: x@evil.example'), '[secdesk #7] a Bcc: x@evil.example');
  assert.equal(headerSafe(' x\n'), 'x');
});
