// Schemas shared by routes.
import Type, { type TSchema } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
/** A timestamp: handlers may return Date objects; the serializer writes ISO 8601. */
export const DateTime = Type.Unsafe<Date | string>(Type.String({ format: 'date-time' }));
export const NullableDateTime = Type.Union([DateTime, Type.Null()]);

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  /** The page's position as the list encodes it (base64url, a number or an id). */
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' })),
};
/** A list paged by the id of its last item. */
export const IdPageQuery = { ...PageQuery, cursor: Type.Optional(Uuid) };

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** One of a fixed list of strings. */
export function OneOf<const T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>(Type.String({ enum: [...values] }));
}
