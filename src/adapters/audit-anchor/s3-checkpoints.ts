// A write-once copy of each audit checkpoint in an S3-compatible bucket with Object Lock: one signed
// (SigV4, aws4fetch) path-style PUT per checkpoint, in COMPLIANCE mode retained for `retainDays`, so
// not even the bucket's owner can delete or overwrite it before then. Configured by
// SECDESK_AUDIT_CHECKPOINT_S3 (JSON, like an S3 target of the status export, plus retainDays).
import { S3_BUCKET_FIELDS } from '../status-export/export-targets.ts';
import { parseJsonSetting } from '../json-setting.ts';
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import Type, { type Static } from 'typebox';
import type { AuditCheckpoint } from '../../domains/audit/audit-anchor.ts';

const TIMEOUT_MS = 30_000;

const S3CheckpointTarget = Type.Object(
  {
    ...S3_BUCKET_FIELDS,
    retainDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 36_500 })),
  },
  { additionalProperties: false },
);
export type S3CheckpointTarget = Static<typeof S3CheckpointTarget>;

export class CheckpointTargetError extends Error {}

/** The target in `text`, or an error naming the first bad field (never echoing a secret). */
export function parseCheckpointTarget(text: string | undefined): S3CheckpointTarget | null {
  return parseJsonSetting(
    text,
    S3CheckpointTarget,
    '{ "endpoint", "bucket", "prefix"?, "region"?, "accessKeyId", "secretAccessKey", "retainDays"? }',
    (m) => new CheckpointTargetError(m),
  );
}

/** `<prefix><keyId>/<seq, 12 digits>-<time>.json`: sorted by seq per key, never the same name twice. */
export function checkpointObjectKey(target: S3CheckpointTarget, checkpoint: AuditCheckpoint): string {
  return `${target.prefix ?? ''}${checkpoint.keyId}/${String(checkpoint.seq).padStart(12, '0')}-${checkpoint.at.replace(/[:.]/g, '')}.json`;
}

export async function putCheckpoint(target: S3CheckpointTarget, checkpoint: AuditCheckpoint, now: Date): Promise<void> {
  const client = new AwsClient({
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    service: 's3',
    region: target.region ?? 'us-east-1',
    retries: 2,
  });
  const body = Buffer.from(`${JSON.stringify(checkpoint)}\n`);
  const key = checkpointObjectKey(target, checkpoint).split('/').map(encodeURIComponent).join('/');
  const retainUntil = new Date(now.getTime() + (target.retainDays ?? 365) * 86_400_000);
  const response = await client.fetch(`${target.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(target.bucket)}/${key}`, {
    method: 'PUT',
    body,
    headers: {
      'content-type': 'application/json',
      // S3 requires a checksum on a PUT that sets a retention; the payload hash is signed too.
      'content-md5': createHash('md5').update(body).digest('base64'),
      'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      'x-amz-object-lock-mode': 'COMPLIANCE',
      'x-amz-object-lock-retain-until-date': retainUntil.toISOString(),
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
    aws: { allHeaders: true },
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `PUT ${target.bucket}/${checkpointObjectKey(target, checkpoint)}: HTTP ${response.status} (${/<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? 'no error code'})`,
    );
}
