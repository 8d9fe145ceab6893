// Holds the hand-written row types (schema.ts, which narrows columns: status unions, JSON shapes) to the
// types generated from the migrated schema (schema.generated.ts, `node scripts/db-types.ts`), both ways:
// a table or column only one side has, a column whose type or nullability differs, or one that schema.ts
// lets an insert leave out while the database requires it, fails `tsc -p .` with a message naming it.
import type { Insertable, SelectType } from 'kysely';
import type { DB as Written } from './schema.ts';
import type { DB as Migrated, JsonValue } from './schema.generated.ts';

type Both = keyof Written & keyof Migrated;
type Nullable<T> = null extends T ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A written column type fits the migrated one: same nullability; narrower, wider (e.g. Uint8Array for Buffer) or any shape for JSON. */
type Fits<W, M> = unknown extends W
  ? true
  : Same<Nullable<W>, Nullable<M>> extends false
    ? false
    : Same<NonNullable<M>, JsonValue> extends true
      ? true
      : [NonNullable<W>] extends [NonNullable<M>]
        ? true
        : [NonNullable<M>] extends [NonNullable<W>]
          ? true
          : false;

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

type ColumnProblems<T extends Both> = {
  [C in keyof Written[T] | keyof Migrated[T]]: C extends keyof Migrated[T]
    ? C extends keyof Written[T]
      ? Fits<SelectType<Written[T][C]>, SelectType<Migrated[T][C]>> extends true
        ? C extends OptionalKeys<Insertable<Written[T]>>
          ? C extends OptionalKeys<Insertable<Migrated[T]>>
            ? never
            : `${T & string}.${C & string}: optional on insert in schema.ts, required by the database`
          : never
        : `${T & string}.${C & string}: type or nullability differs from the migrated column`
      : `${T & string}.${C & string}: in the migrations, missing in schema.ts`
    : `${T & string}.${C & string}: in schema.ts, not in the migrations`;
}[keyof Written[T] | keyof Migrated[T]];

type Problems =
  | `${Exclude<keyof Migrated, keyof Written> & string}: table in the migrations, missing in schema.ts`
  | `${Exclude<keyof Written, keyof Migrated> & string}: table in schema.ts, not in the migrations`
  | { [T in Both]: ColumnProblems<T> }[Both];

/** Fails to compile while schema.ts and the migrations disagree; the error names a table or column where they do. */
type NoProblems<P extends never> = P;
export type SchemaAgreesWithMigrations = NoProblems<Problems>;
