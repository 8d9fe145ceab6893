// One error body for every failure: { error: { code, message, requestId, details? } }.
// Clients never see a stack trace; unexpected errors are logged with the request id.
import '@fastify/cookie';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ForbiddenError } from '../../authz/authorize.ts';
import { DomainError, RateLimitedError, TooManyAttemptsError } from '../../domains/errors.ts';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      requestId: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);

const DOMAIN_STATUS: Record<string, number> = {
  not_found: 404,
  invalid: 400,
  unreachable: 422,
  conflict: 409,
  unauthenticated: 401,
  mfa_required: 401,
  csrf: 403,
  session_required: 403,
  locked: 429,
  rate_limited: 429,
};

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).type('application/json').send({ error: { code, message, requestId: request.id, ...(details === undefined ? {} : { details }) } });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof TooManyAttemptsError || error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof DomainError) return send(reply, request, DOMAIN_STATUS[error.code] ?? 400, error.code, error.message, (error as DomainError).details);
    if (error instanceof ForbiddenError) return send(reply, request, 403, 'forbidden', error.message);
    if (error.validation) {
      const details = error.validation.map((v) => ({ field: `${error.validationContext ?? ''}${v.instancePath}`, message: v.message }));
      return send(reply, request, 400, 'invalid', `invalid request: ${error.message}`, details);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'too_large' : status === 415 ? 'unsupported_media_type' : status === 429 ? 'rate_limited' : 'bad_request';
      return send(reply, request, status, code, error.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, 500, 'internal', 'internal error; quote the request id when reporting it');
  });
}
