// The customer directory (list, CSV import), the compliance report files (upload, list) and the
// public download page behind a personal link: it asks for the recipient's address, then sends
// the report as a file. The page is plain server-rendered HTML without scripts.
import Type from 'typebox';
import type { FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../app-port.ts';
import { LinkRefusedError } from '../../../domains/compliance/compliance.service.ts';
import { REPORT_KINDS } from '../../../domains/compliance/compliance.types.ts';
import { ValidationError } from '../../../domains/errors.ts';
import { DateTime, OneOf } from '../schemas.ts';
import { contextOf, type HttpApp } from '../http-app.ts';

const Customer = Type.Object({
  id: Type.String(),
  name: Type.String(),
  accountId: Type.String(),
  emailDomains: Type.Array(Type.String()),
  soc2: Type.Boolean(),
  pentest: Type.Boolean(),
  ndaOnFile: Type.Boolean(),
  updatedAt: DateTime,
});
const Report = Type.Object({
  kind: OneOf(REPORT_KINDS),
  version: Type.Integer(),
  filename: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: DateTime,
});
const TokenParams = Type.Object({ token: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const DOWNLOAD_LIMIT = { max: 20, timeWindow: '1 minute' };

const escapeText = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, status: number, title: string, content: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeText(title)}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">${escapeText(title)}</h1>
${content}
</body></html>`);
}

const refused = (reply: FastifyReply, err: LinkRefusedError) =>
  page(
    reply,
    err.reason === 'expired' ? 410 : err.reason === 'wrong-recipient' ? 403 : 404,
    err.reason === 'expired' ? 'This link has expired' : 'The report cannot be downloaded',
    `<p role="alert">${escapeText(err.message)}</p>`,
  );

export async function complianceRoutes(server: HttpApp, app: App): Promise<void> {
  const compliance = app.services.compliance;

  server.get(
    '/api/customers',
    {
      config: { access: 'tickets.write' },
      schema: {
        tags: ['compliance'],
        summary: 'The customer directory: who may receive which compliance reports',
        response: { 200: Type.Object({ items: Type.Array(Customer) }) },
      },
    },
    async (request) => ({ items: await compliance.listCustomers(contextOf(request)) }),
  );

  server.post(
    '/api/customers/sync',
    {
      config: { access: 'customers.manage' },
      schema: {
        tags: ['compliance'],
        summary: 'Sync the customer directory from its source (SECDESK_CUSTOMER_DIRECTORY_URL) now; all or nothing, broken rows named by line',
        response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer() }) },
      },
    },
    async (request) => {
      const { created, updated } = await compliance.syncCustomers(contextOf(request));
      return { created, updated };
    },
  );

  server.get(
    '/api/compliance/reports',
    {
      config: { access: 'customers.manage' },
      schema: { tags: ['compliance'], summary: 'The current version of each compliance report', response: { 200: Type.Object({ items: Type.Array(Report) }) } },
    },
    async (request) => ({ items: await compliance.listReports(contextOf(request)) }),
  );

  await server.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser(
      ['application/pdf', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: app.config.SECDESK_COMPLIANCE_REPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.post(
      '/api/customers/import',
      {
        config: { access: 'customers.manage' },
        bodyLimit: 5 * 1024 * 1024,
        schema: {
          tags: ['compliance'],
          summary:
            'Import customers from CSV (text/csv; header name,account_id,email_domains,soc2,pentest,nda_on_file); all or nothing, broken rows named by line',
          response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer() }) },
        },
      },
      async (request) => {
        if (typeof request.body !== 'string') throw new ValidationError('send the customer directory as text/csv');
        const { created, updated } = await compliance.importCustomers(contextOf(request), request.body);
        return { created, updated };
      },
    );

    scope.post(
      '/api/compliance/reports/:kind',
      {
        config: { access: 'customers.manage' },
        bodyLimit: app.config.SECDESK_COMPLIANCE_REPORT_MAX_BYTES,
        schema: {
          tags: ['compliance'],
          summary: 'Upload a new version of a compliance report (application/pdf or application/octet-stream); delivered from now on',
          params: Type.Object({ kind: OneOf(REPORT_KINDS) }, { additionalProperties: false }),
          querystring: Type.Object({ filename: Type.Optional(Type.String({ minLength: 1, maxLength: 150 })) }, { additionalProperties: false }),
          response: { 201: Report },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body)) throw new ValidationError('send the report file as application/pdf or application/octet-stream');
        const filename = request.query.filename ?? `${request.params.kind}-report.pdf`;
        return reply.status(201).send(await compliance.uploadReport(contextOf(request), request.params.kind, filename, request.body));
      },
    );

    scope.get(
      '/compliance/download/:token',
      {
        config: { access: 'public', rateLimit: DOWNLOAD_LIMIT },
        schema: { hide: true, summary: "The page behind a report download link: asks for the recipient's address", params: TokenParams },
      },
      async (request, reply) => {
        try {
          const link = await compliance.checkLink(request.params.token);
          return page(
            reply,
            200,
            `Download the ${link.reportName}`,
            `<p>This link is personal. To download the report, enter the email address it was sent to.</p>
<form method="post">
<label for="email">Your email address</label><br>
<input id="email" name="email" type="email" required autocomplete="email" style="width: 100%; padding: .4rem; margin: .3rem 0 1rem">
<button type="submit">Download</button>
</form>`,
          );
        } catch (err) {
          if (err instanceof LinkRefusedError) return refused(reply, err);
          throw err;
        }
      },
    );

    scope.post(
      '/compliance/download/:token',
      {
        config: { access: 'public', rateLimit: DOWNLOAD_LIMIT },
        bodyLimit: 4096,
        schema: {
          hide: true,
          summary: 'Download the report behind a link, for the address it was sent to (logged)',
          params: TokenParams,
          body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        try {
          const file = await compliance.download(request.params.token, request.body.email, request.ip);
          return reply
            .type('application/octet-stream')
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'private, no-store')
            .header('x-secdesk-sha256', file.sha256)
            .send(Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
        } catch (err) {
          if (err instanceof LinkRefusedError) return refused(reply, err);
          throw err;
        }
      },
    );
  });
}
