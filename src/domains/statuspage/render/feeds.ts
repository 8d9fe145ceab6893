// Atom 1.0 and RSS 2.0 feeds of published updates (newest first), built with the `feed` library,
// which escapes every text it writes.
import { Feed } from 'feed';
import type { Branding, PublicEvent, StatusPageModel } from '../statuspage.types.ts';
import { STATUS_LABELS } from './labels.ts';
import { renderMarkdown } from './markdown.ts';

/** How many updates the feeds carry. */
export const FEED_ITEMS = 50;

function feedOf(model: StatusPageModel, branding: Branding): Feed {
  const base = branding.baseUrl;
  const feed = new Feed({
    id: `${base}/status`,
    title: `${branding.name} status`,
    link: `${base}/status`,
    description: `Incidents and maintenance on the ${branding.name} status page`,
    updated: model.changedAt,
    language: 'en',
    generator: 'secdesk',
    copyright: branding.name,
    feedLinks: { atom: `${base}/status/feed.atom`, rss: `${base}/status/feed.rss` },
    author: { name: branding.name, link: `${base}/status` },
  });
  const events: PublicEvent[] = [...model.incidents, ...model.maintenances, ...model.recent];
  const items = events
    .flatMap((ev) => ev.updates.map((u) => ({ ev, u })))
    .sort((a, b) => b.u.publishedAt.getTime() - a.u.publishedAt.getTime())
    .slice(0, FEED_ITEMS);
  for (const { ev, u } of items) {
    const link = `${base}/status/incidents/${ev.id}`;
    feed.addItem({
      id: `${link}#update-${u.id}`,
      guid: `${link}#update-${u.id}`,
      link,
      date: u.publishedAt,
      published: u.publishedAt,
      title: `${ev.title}: ${STATUS_LABELS[u.status]}`,
      description: u.body.slice(0, 1000),
      content: renderMarkdown(u.body),
    });
  }
  return feed;
}

export function renderAtom(model: StatusPageModel, branding: Branding): string {
  return feedOf(model, branding).atom1();
}

export function renderRss(model: StatusPageModel, branding: Branding): string {
  return feedOf(model, branding).rss2();
}
