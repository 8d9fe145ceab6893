// One error body for every failure: { error: { code, message, requestId, details? } }.
// Clients never see a stack trace; unexpected errors are logged with the request id. A database error
// that bad input can cause (a value PostgreSQL cannot take, a duplicate) is the client's 4xx, never a 500.
import '@fastify/cookie';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
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

/** The status every API operation may answer besides its own; documented on each from one place. */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 413, 414, 415, 429] as const;

/** SQLSTATEs that only bad input causes (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const DATABASE_INPUT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  '22001': { status: 400, code: 'invalid', message: 'a value is too long' },
  '22003': { status: 400, code: 'invalid', message: 'a number is out of range' },
  '22007': { status: 400, code: 'invalid', message: 'a date or time is malformed' },
  '22008': { status: 400, code: 'invalid', message: 'a date or time is out of range' },
  '22009': { status: 400, code: 'invalid', message: 'a date or time is out of range' },
  '22021': { status: 400, code: 'invalid', message: 'text is not valid UTF-8' },
  '22023': { status: 400, code: 'invalid', message: 'a value is invalid' },
  '2201B': { status: 400, code: 'invalid', message: 'a pattern is not a valid regular expression' },
  '22P02': { status: 400, code: 'invalid', message: 'a value is malformed (e.g. an id that is not a UUID)' },
  '22P05': { status: 400, code: 'invalid', message: 'text holds a character that cannot be stored' },
  '23502': { status: 400, code: 'invalid', message: 'a required value is missing' },
  '23514': { status: 400, code: 'invalid', message: 'a value is not allowed' },
  '23503': { status: 409, code: 'conflict', message: 'refers to something that does not exist, or is still referred to' },
  '23505': { status: 409, code: 'conflict', message: 'it already exists' },
  '54000': { status: 400, code: 'invalid', message: 'a value is too large' },
};

/** Any other data exception (class 22) is about a value the request brought too. */
const DATA_EXCEPTION = { status: 400, code: 'invalid', message: 'a value cannot be stored' };

/** The SQLSTATE of a PostgreSQL error (node-postgres and PGlite both set `code`), looking through causes. */
function sqlState(error: unknown): string | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in e) return code;
  }
  return null;
}

/** Adds the shared error body to every API operation's responses, unless the route documents that status itself. */
export function documentErrorResponses(route: RouteOptions): void {
  if (!route.url.startsWith('/api/') || (route.schema as { hide?: boolean } | undefined)?.hide) return;
  const response = { ...(route.schema?.response as Record<string, unknown> | undefined) };
  for (const status of ERROR_STATUSES) response[status] ??= { $ref: 'ErrorBody' };
  route.schema = { ...route.schema, response };
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, code: string, message: string, details?: unknown) {
  return reply
    .status(status)
    .type('application/json')
    .send({ error: { code, message, requestId: request.id, ...(details === undefined ? {} : { details }) } });
}

/** Errors Fastify raises before a route is found (e.g. a path that is not valid percent-encoding), in the same body. */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  // These answers skip the onSend hooks, which set this header on every other one.
  reply.header('x-request-id', request.id);
  return send(reply, request, status, 'bad_request', error.message);
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
    const state = sqlState(error);
    const mapped = state ? (DATABASE_INPUT_ERRORS[state] ?? (state.startsWith('22') ? DATA_EXCEPTION : undefined)) : undefined;
    if (mapped) {
      // Input the route's schema let through: a 4xx for the client, worth a look for whoever owns the route.
      request.log.warn({ requestId: request.id, sqlState: state, route: request.routeOptions.url }, "database refused the request's input");
      return send(reply, request, mapped.status, mapped.code, mapped.message);
    }
    request.log.error({ err: error, requestId: request.id, route: request.routeOptions.url }, 'unhandled error (a bug: answered 500)');
    return send(reply, request, 500, 'internal', 'internal error; quote the request id when reporting it');
  });
}
