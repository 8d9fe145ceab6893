// The public responses rendered once per publish: each with its bytes, a strong ETag (a hash of
// the bytes) and Last-Modified. The live server, the static export and the last-state fallback
// all serve these same bytes.
import { createHash } from 'node:crypto';
import type { Branding, StatusPageModel } from '../statuspage.types.ts';
import { renderBadge } from './badge.ts';
import { renderAtom, renderRss } from './feeds.ts';
import { renderStatusHtml } from './html.ts';
import { renderSummaryJson } from './summary-json.ts';

export interface Rendered {
  body: Buffer;
  contentType: string;
  /** Strong validator: "sha256 of the body". */
  etag: string;
  /** HTTP date (seconds precision) of the last public change. */
  lastModified: string;
}

export interface StatusSnapshot {
  version: number;
  builtAt: Date;
  html: Rendered;
  json: Rendered;
  atom: Rendered;
  rss: Rendered;
  badge: Rendered;
}

export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  badge: 'image/svg+xml; charset=utf-8',
} as const;

export function rendered(text: string, contentType: string, changedAt: Date): Rendered {
  const body = Buffer.from(text, 'utf8');
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url')}"`, lastModified: changedAt.toUTCString() };
}

export function buildSnapshot(model: StatusPageModel, branding: Branding, builtAt = new Date()): StatusSnapshot {
  const at = model.changedAt;
  return {
    version: model.version,
    builtAt,
    html: rendered(renderStatusHtml(model, branding), CONTENT_TYPES.html, at),
    json: rendered(renderSummaryJson(model, branding), CONTENT_TYPES.json, at),
    atom: rendered(renderAtom(model, branding), CONTENT_TYPES.atom, at),
    rss: rendered(renderRss(model, branding), CONTENT_TYPES.rss, at),
    badge: rendered(renderBadge(model), CONTENT_TYPES.badge, at),
  };
}

/** True when the request's validators match: If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2). */
export function notModified(r: Rendered, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === r.etag);
  }
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(r.lastModified) <= since;
}
