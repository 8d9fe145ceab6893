// The public status page as files and as served responses, from the same renderers and snapshot the
// live routes use, so an export and the last-published fallback carry the very bytes /status serves.
import { buildSnapshot, CONTENT_TYPES, rendered, renderHistoryHtml, renderIncidentHtml, type Rendered } from '../statuspage/render/index.ts';
import type { Branding, HistoryMonth, PublicEvent, StatusPageModel } from '../statuspage/statuspage.types.ts';
import type { ExportFile, SnapshotEntry } from './status-export.types.ts';

/** History months exported, newest first (older months stay reachable live). */
const HISTORY_MONTHS = 24;

export interface PublicPageSource {
  publicModel(): Promise<StatusPageModel>;
  publicEvent(id: string): Promise<PublicEvent | null>;
  publicHistory(month: string): Promise<HistoryMonth>;
}

interface Response {
  url: string;
  file: string;
  r: Rendered;
}

/** History pages link to ?month=YYYY-MM; a static host ignores queries, so exported pages link to /YYYY-MM/. */
function staticHistoryLinks(body: Buffer): Buffer {
  return Buffer.from(body.toString('utf8').replace(/href="\/status\/history\?month=(\d{4}-\d{2})"/g, 'href="/status/history/$1/"'), 'utf8');
}

async function historyMonths(source: PublicPageSource, now: Date): Promise<HistoryMonth[]> {
  const months: HistoryMonth[] = [];
  let month: string | null = now.toISOString().slice(0, 7);
  while (month && months.length < HISTORY_MONTHS) {
    const history: HistoryMonth = await source.publicHistory(month);
    months.push(history);
    month = history.previous;
  }
  return months;
}

async function responses(source: PublicPageSource, branding: Branding, now: Date): Promise<Response[]> {
  const model = await source.publicModel();
  const snap = buildSnapshot(model, branding);
  const months = await historyMonths(source, now);
  const out: Response[] = [
    { url: '/status', file: 'status/index.html', r: snap.html },
    { url: '/status.json', file: 'status.json', r: snap.json },
    { url: '/status/feed.atom', file: 'status/feed.atom', r: snap.atom },
    { url: '/status/feed.rss', file: 'status/feed.rss', r: snap.rss },
    { url: '/status/badge.svg', file: 'status/badge.svg', r: snap.badge },
  ];
  const eventIds = new Set([...model.incidents, ...model.maintenances, ...model.recent, ...months.flatMap((m) => m.events)].map((ev) => ev.id));
  for (const id of eventIds) {
    const ev = await source.publicEvent(id);
    if (ev)
      out.push({
        url: `/status/incidents/${id}`,
        file: `status/incidents/${id}/index.html`,
        r: rendered(renderIncidentHtml(ev, model.components, branding), CONTENT_TYPES.html, model.changedAt),
      });
  }
  months.forEach((history, i) => {
    const r = rendered(renderHistoryHtml(history, branding), CONTENT_TYPES.html, model.changedAt);
    if (i === 0) out.push({ url: '/status/history', file: 'status/history/index.html', r });
    out.push({ url: `/status/history?month=${history.month}`, file: `status/history/${history.month}/index.html`, r });
  });
  return out;
}

export interface StatusRendering {
  /** For export targets: the URL layout as files (index.html for pages), plus the page at the root. */
  files: ExportFile[];
  /** For the last-published fallback: responses by URL, exactly as served live. */
  entries: SnapshotEntry[];
}

export async function renderForExport(source: PublicPageSource, branding: Branding, now: Date): Promise<StatusRendering> {
  const all = await responses(source, branding, now);
  const files = all.map(({ file, r }) => ({
    path: file,
    contentType: r.contentType,
    body: file.startsWith('status/history') ? staticHistoryLinks(r.body) : r.body,
  }));
  files.push({ path: 'index.html', contentType: CONTENT_TYPES.html, body: all[0]!.r.body });
  const entries = all.map(({ url, r }) => ({ url, contentType: r.contentType, body: r.body, etag: r.etag, lastModified: r.lastModified }));
  return { files, entries };
}
