// Text reaches a domain only well formed: a textual body must be valid UTF-8 (refused, never repaired
// with U+FFFD), and no string of the body, query or path parameters — nor an object key — may hold a
// NUL (PostgreSQL text cannot store one) or a lone UTF-16 surrogate (JSON's "\ud800" escape). Both are
// a 400 naming the field, for every route, before its schema is checked.
import { Stream, Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domains/errors.ts';

/** Content types whose body is text (the binary ones — PDF, message/rfc822, multipart — are left alone). */
const TEXT_BODY = /^\s*(?:text\/|application\/(?:json|x-www-form-urlencoded|x-ndjson|jsonl|json-lines)\s*(?:;|$)|application\/[\w.-]+\+json\s*(?:;|$))/i;

export class MalformedTextError extends ValidationError {
  readonly statusCode = 400;
}

/** Passes the body through unchanged, failing the request at the first byte that is not UTF-8. */
function utf8Checked(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const fail = () => new MalformedTextError('the request body is not valid UTF-8', [{ field: 'body', message: 'not valid UTF-8' }]);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        return callback(fail());
      }
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      try {
        decoder.decode();
      } catch {
        return callback(fail());
      }
      callback();
    },
  });
}

function malformed(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (!text.isWellFormed()) return 'contains a lone UTF-16 surrogate';
  return null;
}

/** The first malformed string in a parsed value, as [field, problem]. */
function firstMalformed(value: unknown, field: string, depth = 0): [string, string] | null {
  if (typeof value === 'string') {
    const problem = malformed(value);
    return problem ? [field, problem] : null;
  }
  // Bytes and streams (a body read as it comes) are not text to walk.
  if (value === null || typeof value !== 'object' || depth > 64 || ArrayBuffer.isView(value) || value instanceof Stream) return null;
  const entries: Iterable<[string, unknown]> =
    value instanceof URLSearchParams
      ? value.entries()
      : Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as [string, unknown])
        : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = malformed(key);
    if (keyProblem) return [`${field}/${key.replace(/[\u0000\ud800-\udfff]/g, '?')}`, `name ${keyProblem}`];
    const found = firstMalformed(item, `${field}/${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preParsing', async (request: FastifyRequest, _reply, payload) => {
    const type = request.headers['content-type'];
    if (typeof type !== 'string' || !TEXT_BODY.test(type)) return payload;
    const checked = utf8Checked();
    payload.on('error', (err) => checked.destroy(err));
    // The body parser reports the error; a body nobody reads (a GET's) must not become an uncaught one.
    checked.on('error', () => {});
    return payload.pipe(checked);
  });
  app.addHook('preValidation', async (request: FastifyRequest) => {
    for (const [part, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const found = firstMalformed(value, part);
      if (found) throw new MalformedTextError(`${found[0]} ${found[1]}`, [{ field: found[0], message: found[1] }]);
    }
  });
}
