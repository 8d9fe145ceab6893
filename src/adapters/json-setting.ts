// A setting whose value is JSON of a known shape (export targets, checkpoint bucket, …): parsed and
// checked against its schema, with an error naming the first bad field and never echoing the value
// (these settings hold secrets).
import Value from 'typebox/value';
import type { TSchema, Static } from 'typebox';

export function parseJsonSetting<S extends TSchema>(
  text: string | undefined,
  schema: S,
  expected: string,
  fail: (message: string) => Error,
  whole = '(object)',
): Static<S> | null {
  if (text === undefined || text.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail('is not JSON');
  }
  const first = Value.Errors(schema, parsed)[0];
  if (first) throw fail(`${first.instancePath || whole} ${first.message}: expected ${expected}`);
  return parsed as Static<S>;
}
