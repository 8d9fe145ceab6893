// A loopback server speaking S3's PutObject wire format (path-style `PUT /bucket/key`), standing in for
// an S3-compatible bucket, which is unreachable from tests. It checks each request's AWS Signature
// Version 4 itself (canonical request, string to sign, derived key) and the payload hash, answers
// 403 SignatureDoesNotMatch / 404 NoSuchBucket in S3's XML error shape, and keeps what was stored.
// A PUT that sets an Object Lock retention is checked as S3 does: a known mode, a retain-until date,
// and a Content-MD5 that matches the body (400 InvalidRequest otherwise).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { listenOnLoopback, readBody } from './fake-http-server.ts';

export interface StoredObject {
  body: Buffer;
  contentType: string | undefined;
  headers: IncomingMessage['headers'];
}

export interface FakeS3 {
  endpoint: string;
  objects: Map<string, StoredObject>;
  rejected: string[];
  close(): Promise<void>;
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Why the request's signature is wrong, or null when it is right. */
function signatureProblem(req: IncomingMessage, body: Buffer, credentials: { accessKeyId: string; secretAccessKey: string }): string | null {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
    req.headers.authorization ?? '',
  );
  if (!auth) return 'no SigV4 Authorization header';
  const [, keyId, date, region, signedHeaders, signature] = auth as unknown as string[];
  if (keyId !== credentials.accessKeyId) return 'unknown access key';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date!)) return 'x-amz-date does not match the credential scope';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== sha256(body)) return 'x-amz-content-sha256 is not the body hash';
  const names = signedHeaders!.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('content-type')) return 'host, x-amz-date and content-type must be signed';
  const url = new URL(req.url ?? '/', 'http://s3.invalid');
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [req.method, url.pathname, url.search.slice(1), canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date!), region!), 's3'), 'aws4_request');
  const expected = hmac(key, stringToSign);
  return timingSafeEqual(expected, Buffer.from(signature!, 'hex')) ? null : 'signature does not match';
}

function objectLockProblem(req: IncomingMessage, body: Buffer): string | null {
  const mode = req.headers['x-amz-object-lock-mode'];
  const until = req.headers['x-amz-object-lock-retain-until-date'];
  if (mode === undefined && until === undefined) return null;
  if (mode !== 'COMPLIANCE' && mode !== 'GOVERNANCE') return 'x-amz-object-lock-mode must be COMPLIANCE or GOVERNANCE';
  if (typeof until !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(until))
    return 'x-amz-object-lock-retain-until-date must be an ISO 8601 time';
  if (req.headers['content-md5'] !== createHash('md5').update(body).digest('base64'))
    return 'Content-MD5 is required with an Object Lock retention and must match the body';
  return null;
}

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

export async function startFakeS3(options: { bucket: string; accessKeyId: string; secretAccessKey: string }): Promise<FakeS3> {
  const objects = new Map<string, StoredObject>();
  const rejected: string[] = [];
  const server = await listenOnLoopback(async (req, res) => {
    const body = await readBody(req);
    const [, bucket, ...key] = decodeURIComponent(new URL(req.url ?? '/', 'http://s3.invalid').pathname).split('/');
    const problem = signatureProblem(req, body, options);
    const fail = (status: number, code: string, message: string) => {
      rejected.push(`${code}: ${message}`);
      res.writeHead(status, { 'content-type': 'application/xml' }).end(s3Error(code, message));
    };
    if (problem) return fail(403, 'SignatureDoesNotMatch', problem);
    if (req.method !== 'PUT') return fail(405, 'MethodNotAllowed', 'only PutObject is spoken here');
    if (bucket !== options.bucket) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const lockProblem = objectLockProblem(req, body);
    if (lockProblem) return fail(400, 'InvalidRequest', lockProblem);
    objects.set(key.join('/'), { body, contentType: req.headers['content-type'], headers: req.headers });
    res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
  });
  return { endpoint: `http://127.0.0.1:${server.port}`, objects, rejected, close: () => server.close() };
}
