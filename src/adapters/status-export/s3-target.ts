// Uploads an export to an S3-compatible bucket: one signed (SigV4, aws4fetch) path-style PUT per file.
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { checkExportPath, type ExportFile } from './export-files.ts';
import type { S3ExportTarget } from './export-targets.ts';

const TIMEOUT_MS = 30_000;

function objectUrl(target: S3ExportTarget, file: string): string {
  const key = `${target.prefix ?? ''}${checkExportPath(file)}`.split('/').map(encodeURIComponent).join('/');
  return `${target.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(target.bucket)}/${key}`;
}

/** The S3 error code from an error body (`<Code>AccessDenied</Code>`), for a one-line report. */
function errorCode(body: string): string {
  return /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? 'no error code';
}

export async function uploadToS3(target: S3ExportTarget, files: ExportFile[]): Promise<void> {
  const client = new AwsClient({
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    service: 's3',
    region: target.region ?? 'us-east-1',
    retries: 2,
  });
  for (const file of files) {
    const response = await client.fetch(objectUrl(target, file.path), {
      method: 'PUT',
      body: file.body as Uint8Array<ArrayBuffer>,
      // The payload hash is signed (aws4fetch's default for S3 is UNSIGNED-PAYLOAD), so a changed body is refused.
      headers: {
        'content-type': file.contentType,
        'cache-control': 'public, max-age=60',
        'x-amz-content-sha256': createHash('sha256').update(file.body).digest('hex'),
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
      aws: { allHeaders: true }, // sign content-type and cache-control too: only the headers set here
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`PUT ${file.path}: HTTP ${response.status} (${errorCode(text)})`);
  }
}
