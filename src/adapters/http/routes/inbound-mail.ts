// Raw mail handed in over HTTP, both as message/rfc822 bodies through the same intake as SMTP:
// - a provider's inbound webhook, signed with a shared secret: x-secdesk-timestamp (unix seconds)
//   and x-secdesk-signature: sha256=HMAC(secret, "<timestamp>.<body>");
// - an upload by a signed-in analyst (an .eml file from the web app), audited as that person.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Type from 'typebox';
import type { App } from '../app-port.ts';
import { AuthenticationError, NotFoundError, ValidationError } from '../../../domains/errors.ts';
import { OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const MAX_SKEW_SECONDS = 300;

export function signInboundMail(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

function verify(secret: string, timestamp: unknown, signature: unknown, body: Buffer, now: Date): void {
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(timestamp))
    throw new AuthenticationError('missing x-secdesk-timestamp or x-secdesk-signature');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
    throw new AuthenticationError('timestamp too far from now; the request may be replayed');
  const expected = Buffer.from(signInboundMail(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new AuthenticationError('bad signature');
}

export async function inboundMailRoutes(server: HttpApp, app: App): Promise<void> {
  await server.register(async (scope: HttpApp) => {
    scope.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: app.config.SMTP_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.post(
      '/api/inbound/mail',
      {
        config: { access: 'public' },
        bodyLimit: app.config.SMTP_MAX_BYTES,
        schema: {
          tags: ['inbox'],
          summary: 'Receive one raw MIME message from a mail provider (HMAC-signed)',
          security: [],
          response: { 202: Type.Object({ outcome: Type.String(), ticketNumber: Type.Integer() }) },
        },
      },
      async (request, reply) => {
        const secret = app.config.SECDESK_INBOUND_WEBHOOK_SECRET;
        if (!secret) throw new NotFoundError('inbound mail webhook (set SECDESK_INBOUND_WEBHOOK_SECRET)');
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new AuthenticationError('send the raw message as message/rfc822');
        verify(secret, request.headers['x-secdesk-timestamp'], request.headers['x-secdesk-signature'], body, app.clock.now());
        const result = await app.services.mailIntake.receive(body, 'webhook');
        return reply.status(202).send({ outcome: result.outcome, ticketNumber: result.ticketNumber });
      },
    );
    scope.post(
      '/api/inbox/import',
      {
        config: { access: 'tickets.write' },
        bodyLimit: app.config.SMTP_MAX_BYTES,
        schema: {
          tags: ['inbox'],
          summary: 'Upload one raw message (an .eml file, sent as message/rfc822) into the inbox',
          response: { 200: Type.Object({ outcome: OneOf(['created', 'appended', 'duplicate']), ticketId: Type.String(), ticketNumber: Type.Integer() }) },
        },
      },
      async (request) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new ValidationError('send the raw message (.eml) as message/rfc822');
        if (body.length === 0) throw new ValidationError('the message is empty');
        return app.services.mailIntake.receive(body, 'import', { by: contextOf(request) });
      },
    );
  });
}
