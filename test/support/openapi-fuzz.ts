// Bad requests generated from the OpenAPI document, with fast-check: for one operation, inputs shaped
// by its schemas and then spoiled — wrong types, boundary lengths, NUL, lone surrogates, invalid UTF-8,
// huge and negative numbers, malformed ids and cursors, unknown properties. Used by
// test/integration/openapi-fuzz.test.ts, which also checks every answer against the document.
import fc from 'fast-check';

export type Schema = Record<string, any>;

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema?: Schema; required?: boolean }[];
  body?: { type: string; schema?: Schema };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  payload?: Buffer;
}

/** Replaces `#/components/...` references with what they name (the document has no cycles). */
export function dereference(doc: Schema, value: unknown, depth = 0): any {
  if (depth > 40) throw new Error('reference too deep');
  if (Array.isArray(value)) return value.map((v) => dereference(doc, v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as Schema).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce((node: any, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return dereference(doc, target, depth + 1);
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(value)) if (k !== '$id') out[k] = dereference(doc, v, depth + 1);
  return out;
}

export function operationsOf(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content as Record<string, { schema?: Schema }> | undefined;
      const [type, media] = Object.entries(content ?? {})[0] ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: dereference(doc, op.parameters ?? []),
        ...(type ? { body: { type, schema: dereference(doc, media?.schema) } } : {}),
        responses: dereference(doc, op.responses ?? {}),
      });
    }
  }
  return ops;
}

const NUL = '\u0000';
const LONE = '\ud800';
/** Percent-encoded byte sequences that are not UTF-8: a stray continuation, an encoded surrogate, an overlong NUL. */
const BAD_UTF8_ENCODED = ['%FF', '%C3%28', '%ED%A0%80', '%C0%80', '%80'];
const BAD_UTF8_BYTES = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0x80]].map((b) => Buffer.from(b));

/** Values of the wrong type for almost any field. */
const wrongType = fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, '', [], {}, ['x'], { x: 1 });

const hostileText = fc.oneof(
  { arbitrary: fc.constantFrom(`a${NUL}b`, NUL, `x${LONE}y`, LONE, '\udfff', `name@example.com${NUL}`, `${LONE}@example.com`), weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '\ufffe',
      ' ',
      '../../etc/passwd',
      "' or 1=1 --",
      '<script>alert(1)</script>',
      '%00',
      '\u202e',
      '𝕏'.repeat(50),
      '0',
      '-1',
      'null',
      'NaN',
      '1e309',
    ),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', NUL, LONE, '\udc00', 'é', '😀'), maxLength: 12 }), weight: 1 },
);

const malformedId = fc.constantFrom(
  'not-a-uuid',
  '0',
  '-1',
  '99999999999999999999',
  '00000000-0000-0000-0000-00000000000g',
  '',
  'a'.repeat(300),
  `${NUL}`,
  '1;drop table users',
);

const outOfRangeDate = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-20T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '2026-01-01T00:00:00+25:00',
  '2026-01-01',
);

function lengthBoundaries(schema: Schema): fc.Arbitrary<string> {
  const lengths = new Set<number>([0, 1]);
  if (typeof schema.minLength === 'number') for (const n of [schema.minLength - 1, schema.minLength]) if (n >= 0) lengths.add(n);
  if (typeof schema.maxLength === 'number') for (const n of [schema.maxLength, schema.maxLength + 1]) lengths.add(Math.min(n, 70_000));
  else lengths.add(10_001);
  return fc.tuple(fc.constantFrom(...lengths), fc.constantFrom('a', 'é', '😀', ' ')).map(([n, c]) => c.repeat(n).slice(0, c.length === 2 ? n * 2 : n));
}

function plausibleString(schema: Schema, ids: string[]): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
  if (schema.format === 'date-time')
    return fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'uri') return fc.webUrl();
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern), { size: 'small' });
    } catch {
      // A pattern JavaScript reads differently: fall through to plain text.
    }
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
}

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
}

/** A value `schema` accepts, as far as it says (so that a request with one spoiled part reaches the use case). */
export function plausible(schema: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.string({ maxLength: 10 });
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => plausible(s, ids, depth + 1)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  switch (typeOf(schema)) {
    case 'string':
      return plausibleString(schema, ids);
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 1000;
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
    }
    case 'array': {
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 3, 3);
      return fc.array(plausible(schema.items, ids, depth + 1), { minLength: Math.min(schema.minItems ?? 0, maxLength), maxLength });
    }
    default: {
      if (!schema.properties) return typeOf(schema) === 'object' ? fc.constant({}) : fc.string({ maxLength: 10 });
      const required = new Set<string>(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(schema.properties as Record<string, Schema>)) {
        model[name] = required.has(name) ? plausible(prop, ids, depth + 1) : fc.option(plausible(prop, ids, depth + 1), { freq: 2, nil: undefined });
      }
      return fc.record(model).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
    }
  }
}

/** A value `schema` should refuse, or one at its edge (hostile text inside the allowed length reaches the use case). */
export function spoiled(schema: Schema | undefined, ids: string[]): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(wrongType, hostileText);
  if (Array.isArray(schema.enum) || 'const' in schema) return fc.oneof(hostileText, wrongType);
  switch (typeOf(schema)) {
    case 'string':
      return fc.oneof(
        { arbitrary: hostileText, weight: 4 },
        { arbitrary: lengthBoundaries(schema), weight: 2 },
        {
          arbitrary:
            schema.format === 'uuid' ? malformedId : schema.format === 'date-time' ? outOfRangeDate : plausibleString(schema, ids).map((v) => `${v}${NUL}`),
          weight: 2,
        },
        { arbitrary: wrongType, weight: 1 },
      );
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
      return fc.oneof(fc.constantFrom(min - 1, max + 1, -1, 2 ** 31, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e308, -1e308, 0.5, -0), wrongType, hostileText);
    }
    case 'array': {
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : 3;
      return fc.oneof(
        fc.array(spoiled(schema.items, ids), { minLength: 1, maxLength: 2 }),
        ...(maxItems <= 100 ? [fc.array(plausible(schema.items, ids), { minLength: maxItems + 1, maxLength: maxItems + 1 })] : []),
        wrongType,
      );
    }
    default:
      return fc.oneof(wrongType, hostileText, fc.dictionary(hostileText, hostileText, { maxKeys: 2 }));
  }
}

interface Site {
  path: string[];
  schema: Schema;
}

/** Every place in a body schema a spoiled value can go (properties and array items, a few levels deep). */
function sitesOf(schema: Schema | undefined, path: string[] = [], depth = 0): Site[] {
  if (!schema || depth > 4) return [];
  const here: Site[] = [{ path, schema }];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return [...here, ...alternatives.flatMap((s: Schema) => sitesOf(s, path, depth + 1).slice(1))];
  if (typeOf(schema) === 'array' && schema.items) return [...here, ...sitesOf(schema.items, [...path, '0'], depth + 1)];
  if (schema.properties)
    return [...here, ...Object.entries(schema.properties as Record<string, Schema>).flatMap(([k, s]) => sitesOf(s, [...path, k], depth + 1))];
  return here;
}

function withValueAt(body: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const container: any = body !== null && typeof body === 'object' ? (Array.isArray(body) ? [...body] : { ...body }) : head === '0' ? [] : {};
  // defineProperty, so that a key such as "__proto__" is sent as a key.
  Object.defineProperty(container, head, { value: withValueAt(container[head], rest, value), enumerable: true, writable: true, configurable: true });
  return container;
}

/** Percent-encodes a value for a URL, keeping lone surrogates as the (invalid) bytes a client could send. */
function urlEncode(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.toWellFormed()).replace(/%EF%BF%BD/g, '%ED%A0%80');
  }
}

const rawUrlValue = fc.constantFrom(...BAD_UTF8_ENCODED, '%00', 'a%00b', '%', '%zz', '..', '%2F', 'a%2Fb');

function spoiledUrlValue(schema: Schema | undefined, ids: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: spoiled(schema, ids).map(urlEncode), weight: 3 },
    { arbitrary: malformedId.map(urlEncode), weight: 1 },
    { arbitrary: rawUrlValue, weight: 1 },
  );
}

type Spoil =
  | { where: 'path' | 'query'; name: string; raw: string }
  | { where: 'body'; path: string[]; value: unknown }
  | { where: 'bytes'; bad: Buffer }
  | { where: 'text'; type: string; payload: Buffer };

/** One request for `op`: plausible in every part but (usually) one, which is spoiled. `idsFor` gives real ids for a path parameter. */
export function requestFor(op: Operation, idsFor: (param: string) => string[]): fc.Arbitrary<FuzzRequest> {
  const all = idsFor('');
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const jsonBody = op.body?.type === 'application/json' ? op.body.schema : undefined;
  const spoils: fc.Arbitrary<Spoil>[] = [
    ...pathParams.map((p) => spoiledUrlValue(p.schema, all).map((raw): Spoil => ({ where: 'path', name: p.name, raw }))),
    ...queryParams.map((p) => spoiledUrlValue(p.schema, all).map((raw): Spoil => ({ where: 'query', name: p.name, raw }))),
    fc
      .tuple(
        fc.constantFrom('unknown', 'limit', 'cursor', 'k%00', '%FF', 'month'),
        fc.oneof(spoiledUrlValue(undefined, all), fc.constantFrom('9999-12', '0000-00', '-1', '1e309')),
      )
      .map(([name, raw]): Spoil => ({ where: 'query', name, raw })),
    fc
      .tuple(
        fc.constantFrom('text/csv', 'text/plain', 'text/calendar', 'application/x-www-form-urlencoded', 'application/x-ndjson', 'application/json'),
        hostileText,
        fc.option(fc.constantFrom(...BAD_UTF8_BYTES), { freq: 2 }),
      )
      .map(
        ([type, value, bad]): Spoil => ({ where: 'text', type, payload: Buffer.concat([Buffer.from(`email=${value}&a=${value}\n`), bad ?? Buffer.alloc(0)]) }),
      ),
  ];
  if (jsonBody) {
    const sites = sitesOf(jsonBody);
    const inBody = fc.constantFrom(...sites).chain((site) => spoiled(site.schema, all).map((value): Spoil => ({ where: 'body', path: site.path, value })));
    spoils.push(inBody, inBody, inBody);
    spoils.push(
      fc
        .constantFrom(...sites.filter((s) => s.schema.properties))
        .chain((site) =>
          fc
            .tuple(fc.constantFrom('unknownProperty', '__proto__', `k${NUL}`, `k${LONE}`, 'constructor'), wrongType)
            .map(([k, value]): Spoil => ({ where: 'body', path: [...site.path, k], value })),
        ),
    );
    spoils.push(fc.constantFrom(...BAD_UTF8_BYTES).map((bad): Spoil => ({ where: 'bytes', bad })));
  }
  const pathValues = fc.tuple(
    ...pathParams.map((p) => {
      const real = idsFor(p.name === 'id' ? op.path.slice(0, op.path.indexOf(`/{${p.name}}`)) : '');
      return real.length && p.schema?.format === 'uuid'
        ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 3 }, { arbitrary: plausible(p.schema, all), weight: 1 })
        : plausible(p.schema, all);
    }),
  );
  const queryValues = fc.tuple(...queryParams.map((p) => fc.option(plausible(p.schema, all), { freq: p.required ? 12 : 2, nil: undefined })));
  const body = jsonBody ? plausible(jsonBody, all) : fc.constant(undefined);
  return fc
    .tuple(pathValues, queryValues, body, fc.option(fc.oneof(...spoils), { freq: 8, nil: undefined }))
    .map(([pathValues, queryValues, bodyValue, spoil]): FuzzRequest => {
      let url = op.path;
      pathParams.forEach((p, i) => {
        const raw = spoil?.where === 'path' && spoil.name === p.name ? spoil.raw : urlEncode(pathValues[i]);
        url = url.replace(`{${p.name}}`, raw || 'x');
      });
      const pairs = queryParams.flatMap((p, i) =>
        queryValues[i] === undefined || (spoil?.where === 'query' && spoil.name === p.name) ? [] : [`${p.name}=${urlEncode(queryValues[i])}`],
      );
      if (spoil?.where === 'query') pairs.push(`${spoil.name}=${spoil.raw}`);
      if (pairs.length) url += `?${pairs.join('&')}`;
      if (spoil?.where === 'text') return { url, headers: { 'content-type': spoil.type }, payload: spoil.payload };
      const value = spoil?.where === 'body' ? withValueAt(bodyValue, spoil.path, spoil.value) : bodyValue;
      if (value === undefined) return { url, headers: {} };
      const text = JSON.stringify(value) ?? 'null';
      const at = text.indexOf('"');
      const payload =
        spoil?.where === 'bytes' && at >= 0
          ? Buffer.concat([Buffer.from(text.slice(0, at + 1)), spoil.bad, Buffer.from(text.slice(at + 1))])
          : Buffer.from(text);
      return { url, headers: { 'content-type': 'application/json' }, payload };
    });
}
