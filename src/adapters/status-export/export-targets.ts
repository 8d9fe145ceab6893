// Where `secdesk status publish` (and the `status.export` job) push the status page: directories on
// this machine and S3-compatible buckets. Parsed from SECDESK_STATUS_EXPORT_TARGETS (a JSON list).
import { parseJsonSetting } from '../json-setting.ts';
import Type, { type Static } from 'typebox';

const DirTarget = Type.Object({ kind: Type.Literal('dir'), path: Type.String({ minLength: 1, maxLength: 4096 }) }, { additionalProperties: false });
/** An S3-compatible bucket: where, and the credentials to sign with (shared with the audit checkpoints' bucket). */
export const S3_BUCKET_FIELDS = {
  endpoint: Type.String({ pattern: '^https?://', maxLength: 2048 }),
  bucket: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' }),
  prefix: Type.Optional(Type.String({ maxLength: 512, pattern: '^[^\\\\]*$' })),
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  accessKeyId: Type.String({ minLength: 1, maxLength: 256 }),
  secretAccessKey: Type.String({ minLength: 1, maxLength: 1024 }),
};

const S3Target = Type.Object({ kind: Type.Literal('s3'), ...S3_BUCKET_FIELDS }, { additionalProperties: false });
const Targets = Type.Array(Type.Union([DirTarget, S3Target]), { maxItems: 20 });

export type DirExportTarget = Static<typeof DirTarget>;
export type S3ExportTarget = Static<typeof S3Target>;
export type ExportTarget = DirExportTarget | S3ExportTarget;

export class ExportTargetsError extends Error {}

/** The targets in `text`, or an error naming the first bad entry (never echoing a secret). */
export function parseExportTargets(text: string | undefined): ExportTarget[] {
  return (
    parseJsonSetting(
      text,
      Targets,
      '[{ "kind": "dir", "path" } | { "kind": "s3", "endpoint", "bucket", "prefix"?, "region"?, "accessKeyId", "secretAccessKey" }]',
      (m) => new ExportTargetsError(m),
      '(list)',
    ) ?? []
  );
}

/** How a target is named in reports and logs: never with its credentials. */
export function describeTarget(target: ExportTarget): string {
  if (target.kind === 'dir') return `dir ${target.path}`;
  return `s3 ${new URL(target.endpoint).host}/${target.bucket}/${target.prefix ?? ''}`;
}
