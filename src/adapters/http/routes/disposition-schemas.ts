// A disposition's request and plan as the API takes and answers them. The kinds are the tickets
// domain's DISPOSITIONS: one variant per kind, built from that list, so a kind added there must get
// its fields here (the type check says so) and reaches the route, its OpenAPI schema and its errors.
import Type, { type TLiteral, type TObject, type TProperties } from 'typebox';
import { SUBJECT_MAX, TEMPLATE_BODY_MAX } from '../../../domains/limits.ts';
import { ValidationError } from '../../../domains/errors.ts';
import { DISPOSITIONS, type Disposition } from '../../../domains/tickets/tickets.types.ts';
import { OneOf, Uuid } from '../schemas.ts';
import { Rendered } from './templates.ts';

const Edits = Type.Optional(
  Type.Object(
    {
      subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX })),
      body: Type.Optional(Type.String({ maxLength: TEMPLATE_BODY_MAX })),
    },
    { additionalProperties: false, description: 'the requester mail as the analyst edited the preview (taken as written)' },
  ),
);

/** What each kind takes besides `kind` and `edits`. */
const FIELDS = {
  reply: {
    templateKey: Type.Optional(Type.String({ pattern: '^reply\\.[a-z0-9][a-z0-9-]{0,60}$', description: 'a reply template (default reply.generic)' })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: TEMPLATE_BODY_MAX, description: 'free text instead of a template' })),
    status: Type.Optional(OneOf(['open', 'pending', 'solved'])),
  },
  'redirect:support': {},
  'redirect:vulnerability': {},
  'redirect:copyright': {},
  engage: {
    teamId: Uuid,
    question: Type.String({ minLength: 1, maxLength: 20_000, description: 'for the team (internal): what they should research' }),
  },
  compliance_request: {
    reports: Type.Array(OneOf(['soc2', 'pentest']), { minItems: 1, maxItems: 2, description: 'the reports asked for' }),
    onBehalfOf: Type.Optional(Type.String({ format: 'uuid', description: "for an employee's request: the customer it is for (SOC 2 only)" })),
  },
} satisfies Record<Disposition, TProperties>;

type Variant<K extends Disposition> = (typeof FIELDS)[K] extends infer F extends TProperties ? TObject<{ kind: TLiteral<K>; edits: typeof Edits } & F> : never;
const variant = <K extends Disposition>(kind: K) =>
  Type.Object({ kind: Type.Literal(kind), ...FIELDS[kind], edits: Edits }, { additionalProperties: false }) as unknown as Variant<K>;
/** The variants as a tuple in DISPOSITIONS' order (as map() builds them), so the union's static type is each kind's request. */
type VariantsOf<T extends readonly Disposition[]> = { -readonly [I in keyof T]: T[I] extends Disposition ? Variant<T[I]> : never };

/** One variant per disposition kind, told apart by `kind`. */
export const DispositionRequest = Type.Union(DISPOSITIONS.map(variant) as unknown as VariantsOf<typeof DISPOSITIONS>, {
  description: `kind: ${DISPOSITIONS.join(' | ')}`,
});

/** A union's schema error ("must match a schema in anyOf") does not say what is wrong with `kind`; this does, before validation. */
export async function knownKind(request: { body: unknown }): Promise<void> {
  const kind = (request.body as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(DISPOSITIONS as readonly string[]).includes(kind)) {
    throw new ValidationError(`kind must be one of ${DISPOSITIONS.join(', ')}${typeof kind === 'string' ? ` (${kind.slice(0, 40)} is not available)` : ''}`);
  }
}

export const DispositionPlan = Type.Object({
  disposition: Type.String(),
  status: Type.String(),
  mails: Type.Array(Type.Intersect([Rendered, Type.Object({ role: OneOf(['requester', 'support']), to: Type.String(), attachesOriginal: Type.Boolean() })])),
});
