// What a private page shows, as the same StatusPageModel the public renderers take: its components
// (the public ones it lists, in the state its own open incidents set), its own incidents, and the
// public incidents and maintenance that touch its components.
import { storedPublicText } from '../statuspage/public-text.ts';
import { eventImpact } from '../statuspage/render/labels.ts';
import type { PublicComponent, PublicEvent, StatusPageModel } from '../statuspage/statuspage.types.ts';
import type { PrivateIncident, PrivatePage } from './private-pages.types.ts';

const RECENT_MS = 14 * 86_400_000;

export function privateEvent(incident: PrivateIncident): PublicEvent {
  const componentStates = incident.componentState ? incident.componentSlugs.map((slug) => ({ slug, state: incident.componentState! })) : [];
  const updates = incident.updates.map((u) => ({
    id: u.id,
    status: u.status,
    body: storedPublicText(u.body),
    componentStates: u.status === 'resolved' ? [] : componentStates,
    publishedAt: u.publishedAt,
  }));
  return {
    id: incident.id,
    kind: 'incident',
    title: storedPublicText(incident.title),
    status: incident.status,
    impact: eventImpact('incident', updates),
    componentSlugs: incident.componentSlugs,
    scheduledFor: null,
    scheduledUntil: null,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    resolvedAt: incident.resolvedAt,
    updates,
  };
}

function pageComponents(page: PrivatePage, components: PublicComponent[], open: PrivateIncident[]): PublicComponent[] {
  const listed = page.componentSlugs.length ? components.filter((c) => page.componentSlugs.includes(c.slug)) : components;
  // Oldest first, so the newest open incident's state wins.
  const byAge = [...open].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return listed.map((c) => {
    const setter = byAge.filter((i) => i.componentState && i.componentSlugs.includes(c.slug)).at(-1);
    return setter ? { ...c, state: setter.componentState!, updatedAt: setter.updatedAt } : c;
  });
}

export function privateModel(page: PrivatePage, publicModel: StatusPageModel, incidents: PrivateIncident[], now: Date): StatusPageModel {
  const open = incidents.filter((i) => !i.resolvedAt);
  const components = pageComponents(page, publicModel.components, open);
  const slugs = new Set(components.map((c) => c.slug));
  const touches = (ev: PublicEvent) => ev.componentSlugs.some((s) => slugs.has(s));
  const newest = (a: PublicEvent, b: PublicEvent) => b.updatedAt.getTime() - a.updatedAt.getTime();
  const recentPrivate = incidents.filter((i) => i.resolvedAt && now.getTime() - i.resolvedAt.getTime() <= RECENT_MS);
  const changes = [publicModel.changedAt, ...incidents.map((i) => i.updatedAt)].map((d) => d.getTime());
  return {
    version: publicModel.version,
    changedAt: new Date(Math.max(...changes)),
    components,
    incidents: [...open.map(privateEvent), ...publicModel.incidents.filter(touches)].sort(newest),
    maintenances: publicModel.maintenances.filter(touches),
    recent: [...recentPrivate.map(privateEvent), ...publicModel.recent.filter(touches)].sort(newest),
  };
}

/** The public renderers link to /status…; on a private page the links stay on the page, and the
 * public subscription form (which would subscribe to the public page) is left out. */
export function rebaseHtml(html: string, base: string): string {
  return html
    .replace(/<section aria-labelledby="subscribe-h">[\s\S]*?<\/section>/, '')
    .replace(/(href|action)="\/status(\.json)?(?=[/"?])/g, (_m, attr: string, json?: string) => `${attr}="${base}${json ? '/status.json' : ''}`);
}

/** The same for absolute links in the JSON and the feeds. */
export function rebaseAbsolute(text: string, baseUrl: string, base: string): string {
  const pattern = new RegExp(`${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/status(\\.json)?(?=[/"?<])`, 'g');
  return text.replace(pattern, (_m, json?: string) => `${baseUrl}${base}${json ? '/status.json' : ''}`);
}
