import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublishRefused } from '../../domains/communications/communications.ports.ts';
import { blogWebhook } from './blog-webhook.ts';

const post = {
  communicationId: '7d0c1f9e-1111-4c3b-9b1a-3f2d6c0e5a10',
  incidentId: 'i',
  title: 'Our response',
  markdown: '## Background\n',
  contentHash: 'h',
  approvedBy: 'cm',
  sentAt: '2026-11-24T10:00:00.000Z',
};

async function receiver(answer: (body: string, headers: Record<string, string | string[] | undefined>) => { status: number; body: string }) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = answer(Buffer.concat(chunks).toString('utf8'), req.headers);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/publish`, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('posts signed JSON with an idempotency key and returns the published URL', async () => {
  let verified = false;
  const r = await receiver((body, headers) => {
    const [, ts, sig] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(headers['x-secdesk-signature']))!;
    verified =
      sig === createHmac('sha256', 's3cret').update(`${ts}.${body}`).digest('hex') &&
      headers['idempotency-key'] === post.communicationId &&
      JSON.parse(body).markdown === post.markdown;
    return { status: 200, body: JSON.stringify({ url: 'https://blog.example.com/p' }) };
  });
  try {
    assert.deepEqual(await blogWebhook({ url: r.url, secret: 's3cret', allowPrivate: true }).publish(post), { url: 'https://blog.example.com/p' });
    assert.equal(verified, true);
  } finally {
    await r.close();
  }
});

test('a refusal is permanent, a server error is retried, a loopback address is refused unless allowed', async () => {
  let status = 400;
  const r = await receiver(() => ({ status, body: '{}' }));
  try {
    await assert.rejects(
      blogWebhook({ url: r.url, secret: 's', allowPrivate: true }).publish(post),
      (err: Error) => err instanceof PublishRefused && /HTTP 400/.test(err.message),
    );
    status = 503;
    await assert.rejects(
      blogWebhook({ url: r.url, secret: 's', allowPrivate: true }).publish(post),
      (err: Error) => !(err instanceof PublishRefused) && /HTTP 503/.test(err.message),
    );
    await assert.rejects(
      blogWebhook({ url: r.url, secret: 's', allowPrivate: false }).publish(post),
      (err: Error) => err instanceof PublishRefused && /non-public address .*SECDESK_BLOG_WEBHOOK_ALLOW_PRIVATE/.test(err.message),
    );
    for (const url of ['http://[::7f00:1]/p', 'http://[2002:7f00:1::]/p', 'http://169.254.169.254/p']) {
      await assert.rejects(blogWebhook({ url, secret: 's', allowPrivate: false }).publish(post), PublishRefused, url);
    }
    status = 200;
    assert.deepEqual(await blogWebhook({ url: r.url, secret: 's', allowPrivate: true }).publish(post), { url: null });
  } finally {
    await r.close();
  }
  // The blog gone: retried (not a refusal), with the reason.
  await assert.rejects(
    blogWebhook({ url: r.url, secret: 's', allowPrivate: true }).publish(post),
    (err: Error) => !(err instanceof PublishRefused) && /could not be reached \(connection refused\)/.test(err.message),
  );
});
