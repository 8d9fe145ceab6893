// Tokens of status subscriptions. A confirmation token is random and stored only as its SHA-256. An
// unsubscribe token is the subscriber id signed with the fan-out's key (domain-separated), so every
// update mail can carry one without storing it. Webhook payloads are signed like Stripe's:
// X-Secdesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const CONFIRM_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function unsubscribeMac(key: string, subscriberId: string): string {
  return createHmac('sha256', key).update(`status-unsubscribe:${subscriberId}`).digest('base64url').slice(0, 32);
}

export function unsubscribeToken(key: string, subscriberId: string): string {
  return `${subscriberId}.${unsubscribeMac(key, subscriberId)}`;
}

export function verifyUnsubscribeToken(key: string, token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(unsubscribeMac(key, match[1]!));
  return timingSafeEqual(expected, Buffer.from(match[2]!)) ? match[1]! : null;
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time, and refuse old timestamps (replays). */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split('v1=')[1]!, 'hex');
  return timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'));
}
